using TcAtMcu.Engine;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>The managed heap's free bytes (nanoFramework's GC.Run on a board); -1 when not known.</summary>
    public interface IFreeMemory
    {
        long FreeBytes();
    }

    /// <summary>
    /// The device's health for a fleet watched from the console, on the product's custom topic
    /// &lt;pid&gt;/&lt;dn&gt;/diagnostics (define it in the console, device publishes): WiFi signal (AT+CWJAP?), uptime,
    /// free managed memory, the last reset reason, the module's reboots and the AT engine's counters (timeouts,
    /// busy retries, stale results, dropped reports, cut messages, link faults). Published a while after each
    /// connection, every <see cref="PeriodMs"/> (slow: an hour), and at once when any message arrives on
    /// &lt;pid&gt;/&lt;dn&gt;/diagnostics/get (device subscribes). One that the module did not take is due again after
    /// <see cref="RetryMs"/>. Written without allocating.
    /// </summary>
    public sealed class DiagnosticsService : ICloudService
    {
        private static readonly byte[] Method = Ascii.Bytes("diagnostics");
        private static readonly byte[] KeyParams = Ascii.Bytes("params");
        private static readonly byte[] KeyRssi = Ascii.Bytes("rssi");
        private static readonly byte[] KeyUptime = Ascii.Bytes("uptime_s");
        private static readonly byte[] KeyFree = Ascii.Bytes("free_bytes");
        private static readonly byte[] KeyReset = Ascii.Bytes("reset_reason");
        private static readonly byte[] KeyReboots = Ascii.Bytes("module_reboots");
        private static readonly byte[] KeyTimeouts = Ascii.Bytes("timeouts");
        private static readonly byte[] KeyBusy = Ascii.Bytes("busy_retries");
        private static readonly byte[] KeyStale = Ascii.Bytes("stale_results");
        private static readonly byte[] KeyDropped = Ascii.Bytes("reports_dropped");
        private static readonly byte[] KeyTruncated = Ascii.Bytes("messages_truncated");
        private static readonly byte[] KeyLinkFaults = Ascii.Bytes("link_faults");

        private readonly TcModule _module;
        private readonly IClock _clock;
        private readonly IFreeMemory _memory;
        private readonly long _startedAt;
        private readonly WifiInfo _wifi = new WifiInfo();
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly byte[] _out = new byte[320];
        private byte[] _resetReason = Ascii.Bytes("unknown");
        private CloudRouter _router;
        private CloudTopic _up;
        private long _dueAt = long.MaxValue;

        public DiagnosticsService(TcModule module, IClock clock, IFreeMemory memory)
        {
            _module = module;
            _clock = clock;
            _memory = memory;
            _startedAt = clock.NowMs;
            PeriodMs = 3600 * 1000;
            FirstAfterMs = 30000;
            RetryMs = 60000;
        }

        public int PeriodMs { get; set; }

        /// <summary>The first after a connection comes this long after it (the start-up traffic first).</summary>
        public int FirstAfterMs { get; set; }
        public int RetryMs { get; set; }

        /// <summary>Why the device last started, as the product knows it ("power-on", "ota trial", ...); ASCII.</summary>
        public string ResetReason
        {
            set { _resetReason = Ascii.Bytes(value); }
        }

        /// <summary>Diagnostics published; requests heard.</summary>
        public int Published { get; private set; }
        public int Requests { get; private set; }

        public void Attach(CloudRouter router)
        {
            _router = router;
            _up = router.Publishes(router.Topics.Custom("diagnostics"));
            router.Subscribe(router.Topics.Custom("diagnostics/get"));
        }

        public void OnOnline(long nowMs)
        {
            _dueAt = nowMs + FirstAfterMs;
        }

        /// <summary>Any message on diagnostics/get asks for them now.</summary>
        public void OnMessage(CloudTopic topic, Report report)
        {
            Requests++;
            _dueAt = _clock.NowMs;
        }

        public long DueAtMs { get { return _dueAt; } }

        public void OnDue(long nowMs)
        {
            _dueAt = nowMs + (Publish(nowMs) ? PeriodMs : RetryMs);
        }

        private bool Publish(long nowMs)
        {
            // AT+CWJAP? for the signal; no answer or no access point: no rssi member.
            bool signal = _module.ReadAccessPoint(_wifi).IsOk && _wifi.Connected;
            AtEngineStats stats = _module.Engine.Stats;
            _router.Begin(_writer, _out, CloudEnvelope.KeyMethod, Method, _router.NewToken());
            _writer.Key(KeyParams);
            _writer.BeginObject();
            if (signal)
            {
                Number(KeyRssi, _wifi.Rssi);
            }
            Number(KeyUptime, (nowMs - _startedAt) / 1000);
            Number(KeyFree, _memory == null ? -1 : _memory.FreeBytes());
            _writer.Key(KeyReset);
            _writer.String(_resetReason, 0, _resetReason.Length);
            Number(KeyReboots, _module.State.Reboots);
            Number(KeyTimeouts, stats.Timeouts);
            Number(KeyBusy, stats.BusyRetries);
            Number(KeyStale, stats.StaleResults);
            Number(KeyDropped, stats.ReportsDropped);
            Number(KeyTruncated, stats.MessagesTruncated);
            Number(KeyLinkFaults, stats.LinkFaults);
            _writer.EndObject();
            if (!_router.Send(_writer, _up))
            {
                return false;
            }
            Published++;
            return true;
        }

        private void Number(byte[] key, long value)
        {
            _writer.Key(key);
            _writer.Number(value);
        }
    }
}
