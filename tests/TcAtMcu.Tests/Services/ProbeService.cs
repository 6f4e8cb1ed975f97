using TcAtMcu.Matching;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Services
{
    /// <summary>A service for the router's tests: subscribes the prefixes it is given, records what it is told.</summary>
    public sealed class ProbeService : ICloudService
    {
        private readonly string[] _prefixes;
        private readonly string[] _log = new string[32];
        private int _logCount;

        public ProbeService(string[] prefixes)
        {
            _prefixes = prefixes;
            DueAtMs = long.MaxValue;
            NextDueAfterMs = 1000;
        }

        public CloudTopic[] Topics;
        public CloudTopic Up;
        public CloudRouter Router;
        public long DueAtMs { get; set; }

        /// <summary>OnDue moves the due time this far on (0: leaves it, a misbehaving service).</summary>
        public long NextDueAfterMs;

        public int Dues;
        public int Onlines;

        public void Attach(CloudRouter router)
        {
            Router = router;
            Topics = new CloudTopic[_prefixes.Length];
            for (int i = 0; i < _prefixes.Length; i++)
            {
                string p = _prefixes[i];
                Topics[i] = router.Subscribe(p.IndexOf('/') < 0 ? router.Topics.Custom(p) : p[0] == '$' ? router.Topics.Of(p) : p);
            }
            Up = router.Publishes(router.Topics.Of("$thing/up/property"));
        }

        public void OnOnline(long nowMs)
        {
            Onlines++;
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            _log[_logCount++ % _log.Length] = topic.Text + " " + Bytes.Text(report.Buffer, report.PayloadOffset, report.PayloadLength);
        }

        public void OnDue(long nowMs)
        {
            Dues++;
            if (NextDueAfterMs > 0)
            {
                DueAtMs = nowMs + NextDueAfterMs;
            }
        }

        /// <summary>The messages received since the last call, one per line.</summary>
        public string Take()
        {
            string all = "";
            for (int i = 0; i < _logCount && i < _log.Length; i++)
            {
                all += (i > 0 ? "\n" : "") + _log[i];
            }
            _logCount = 0;
            return all;
        }
    }
}
