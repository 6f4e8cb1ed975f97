using TcAtMcu.Engine;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The time from IoT Explorer: {"type":"get","resource":["time"]} on $sys/operation/&lt;pid&gt;/&lt;dn&gt; after each
    /// connection and every <see cref="SyncPeriodMs"/>; the answer's "time" (unix seconds) on
    /// $sys/operation/result/... sets the <see cref="CloudClock"/>, half the round trip added. An answer that does not
    /// come within <see cref="ReplyWaitMs"/> is asked again, at most <see cref="Attempts"/> times in a row; then the
    /// next try is a period later. An answer nobody asked for, or with a time before 2020 or after 2100, is ignored.
    /// </summary>
    public sealed class TimeService : ICloudService
    {
        /// <summary>2020-01-01 and 2100-01-01 in unix seconds: a "time" outside is not believed.</summary>
        public const long EarliestTime = 1577836800;
        public const long LatestTime = 4102444800;

        private const int MemberTime = 0;
        private static readonly byte[][] Methods = { Ascii.Bytes("get") };
        private static readonly byte[][] Members = { Ascii.Bytes("time") };
        private static readonly byte[] Request = Ascii.Bytes("{\"type\":\"get\",\"resource\":[\"time\"]}");

        private readonly CloudClock _clock;
        private readonly IClock _ticks;
        private readonly CloudEnvelope _envelope = new CloudEnvelope(CloudEnvelope.KeyType, Methods, Members);
        private readonly RequestRetries _retries = new RequestRetries(3, 5000, 6 * 3600 * 1000);
        private CloudRouter _router;
        private CloudTopic _request;
        private CloudTopic _result;

        public TimeService(CloudClock clock, IClock ticks)
        {
            _clock = clock;
            _ticks = ticks;
        }

        public CloudClock Clock { get { return _clock; } }
        public int ReplyWaitMs { get { return _retries.ReplyWaitMs; } set { _retries.ReplyWaitMs = value; } }
        public int Attempts { get { return _retries.Attempts; } set { _retries.Attempts = value; } }
        public int SyncPeriodMs { get { return _retries.PeriodMs; } set { _retries.PeriodMs = value; } }

        /// <summary>Requests sent; answers taken; answers ignored (unasked, malformed, unbelievable).</summary>
        public int Requests { get; private set; }
        public int Answers { get; private set; }
        public int Ignored { get; private set; }

        public void Attach(CloudRouter router)
        {
            _router = router;
            _result = router.Subscribe(router.Topics.Of("$sys/operation/result"));
            _request = router.Publishes(router.Topics.Of("$sys/operation"));
        }

        public void OnOnline(long nowMs)
        {
            _retries.Start(nowMs);
        }

        public long DueAtMs { get { return _retries.DueAtMs; } }

        public void OnDue(long nowMs)
        {
            if (_retries.Next(nowMs))
            {
                Requests++;
                _retries.Sent(nowMs, _router.Publish(_request, Request, 0, Request.Length));
            }
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            long time;
            CloudEnvelope e = _envelope;
            if (!_retries.Awaiting || !e.Parse(report.Buffer, report.PayloadOffset, report.PayloadLength) || e.Method != 1
                || !e.TryGetLong(MemberTime, out time) || time < EarliestTime || time > LatestTime)
            {
                Ignored++;
                return;
            }
            long now = _ticks.NowMs;
            _clock.Set(time * 1000 + (now - _retries.SentAtMs) / 2, now);
            _retries.Answered(now);
            Answers++;
        }
    }
}
