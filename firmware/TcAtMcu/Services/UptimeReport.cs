using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The smallest service: a data template report of the device's uptime on $thing/up/property, at once when
    /// online and then every <see cref="PeriodMs"/>; one that the module did not take is due again after
    /// <see cref="RetryMs"/>. {"method":"report","clientToken":"tc-&lt;n&gt;","params":{"uptime_s":&lt;s&gt;}}, written without allocating.
    /// </summary>
    public sealed class UptimeReport : ICloudService
    {
        private static readonly byte[] Head = Ascii.Bytes("{\"method\":\"report\",\"clientToken\":\"tc-");
        private static readonly byte[] Middle = Ascii.Bytes("\",\"params\":{\"uptime_s\":");
        private static readonly byte[] Tail = Ascii.Bytes("}}");

        private readonly long _startedAt;
        private readonly byte[] _payload = new byte[96];
        private CloudRouter _router;
        private CloudTopic _topic;
        private long _dueAt = long.MaxValue;

        public UptimeReport(IClock clock, int periodMs)
        {
            _startedAt = clock.NowMs;
            PeriodMs = periodMs;
            RetryMs = 5000;
        }

        public int PeriodMs { get; set; }
        public int RetryMs { get; set; }

        /// <summary>Reports the module accepted.</summary>
        public int Published { get; private set; }

        /// <summary>The clientToken number of the last report composed.</summary>
        public int LastSequence { get; private set; }

        public void Attach(CloudRouter router)
        {
            _router = router;
            _topic = router.Publishes(router.Topics.Of("$thing/up/property"));
        }

        public void OnOnline(long nowMs)
        {
            _dueAt = nowMs;
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
        }

        public long DueAtMs { get { return _dueAt; } }

        public void OnDue(long nowMs)
        {
            LastSequence = _router.NewToken();
            int n = Append(0, Head);
            n += Ascii.FormatDecimal(LastSequence, _payload, n);
            n = Append(n, Middle);
            n += Ascii.FormatDecimal((nowMs - _startedAt) / 1000, _payload, n);
            n = Append(n, Tail);
            bool sent = _router.Publish(_topic, _payload, 0, n);
            if (sent)
            {
                Published++;
            }
            _dueAt = nowMs + (sent || RetryMs > PeriodMs ? PeriodMs : RetryMs);
        }

        private int Append(int at, byte[] text)
        {
            System.Array.Copy(text, 0, _payload, at, text.Length);
            return at + text.Length;
        }
    }
}
