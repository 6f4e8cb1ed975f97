using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The log level from IoT Explorer: {"type":"get_log_level","clientToken":"tc-&lt;n&gt;"} on $log/operation/... after
    /// each connection (retried like the time, a bounded number of times); the answer's "log_level" (0 to 4) on
    /// $log/operation/result/... sets <see cref="FirmwareLog.Level"/>, as does a level the cloud pushes there later.
    /// A message with another clientToken than ours, or a level outside 0 to 4, is ignored. Only the level is reachable
    /// through this module: IoT Explorer's log upload is an HTTP POST, which the AT command set cannot make.
    /// </summary>
    public sealed class LogLevelService : ICloudService
    {
        private const int MemberLevel = 0;
        private static readonly byte[] GetLogLevel = Ascii.Bytes("get_log_level");
        private static readonly byte[][] Methods = { GetLogLevel };
        private static readonly byte[][] Members = { Ascii.Bytes("log_level") };

        private readonly FirmwareLog _log;
        private readonly CloudEnvelope _envelope = new CloudEnvelope(CloudEnvelope.KeyType, Methods, Members);
        private readonly RequestRetries _retries = new RequestRetries(3, 5000, 24 * 3600 * 1000);
        private readonly Json.JsonWriter _writer = new Json.JsonWriter();
        private readonly byte[] _out = new byte[64];
        private CloudRouter _router;
        private CloudTopic _request;
        private int _token;

        public LogLevelService(FirmwareLog log)
        {
            _log = log;
        }

        public FirmwareLog Log { get { return _log; } }

        /// <summary>Levels taken from the cloud; messages ignored.</summary>
        public int Changes { get; private set; }
        public int Ignored { get; private set; }

        public void Attach(CloudRouter router)
        {
            _router = router;
            router.Subscribe(router.Topics.Of("$log/operation/result"));
            _request = router.Publishes(router.Topics.Of("$log/operation"));
        }

        public void OnOnline(long nowMs)
        {
            _retries.Start(nowMs);
        }

        public long DueAtMs { get { return _retries.DueAtMs; } }

        public void OnDue(long nowMs)
        {
            if (!_retries.Next(nowMs))
            {
                return;
            }
            _token = _router.NewToken();
            _router.Begin(_writer, _out, CloudEnvelope.KeyType, GetLogLevel, _token);
            _retries.Sent(nowMs, _router.Send(_writer, _request));
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            CloudEnvelope e = _envelope;
            long level;
            if (!e.Parse(report.Buffer, report.PayloadOffset, report.PayloadLength) || (e.HasToken && !e.TokenIs(_token))
                || !e.TryGetLong(MemberLevel, out level) || level < FirmwareLog.Off || level > FirmwareLog.Debug)
            {
                Ignored++;
                return;
            }
            _log.Level = (int)level;
            Changes++;
            if (_retries.Awaiting)
            {
                _retries.Answered(_retries.SentAtMs); // asked again a period after the request that was answered
            }
        }
    }
}
