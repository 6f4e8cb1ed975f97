using System.Threading;
using TcAtMcu.Engine;
using TcAtMcu.Module;

namespace TcAtMcu.Application
{
    /// <summary>
    /// A battery product's day: connect, report, deep sleep N seconds, wake through the reset line, reconnect. Each
    /// <see cref="Cycle"/> steps the lifecycle until one telemetry report is accepted (QoS 1: the broker's PUBACK, as the
    /// module's +TCMQTTPUB:OK says), then disconnects MQTT cleanly, sends AT+GSLP, waits the sleep (where a product would
    /// put the MCU to sleep too) and wakes the module through the lifecycle's reset. The module's own timer (GPIO16 to
    /// RST) is set <see cref="WakeMarginMs"/> later, a backstop should the reset line fail. Its figures: the time from the
    /// wake to the first report accepted, and the share of time awake.
    /// </summary>
    public sealed class DutyCycle
    {
        private readonly ConnectionLifecycle _app;
        private readonly TcModule _module;
        private readonly IClock _clock;
        private long _wokeAt;

        public DutyCycle(ConnectionLifecycle app, TcModule module, IClock clock)
        {
            _app = app;
            _module = module;
            _clock = clock;
            _wokeAt = clock.NowMs;
        }

        /// <summary>The deep sleep between reports.</summary>
        public int SleepMs { get; set; } = 300000;

        public int WakeMarginMs { get; set; } = 2000;

        /// <summary>Longest stay awake waiting for the report; the module sleeps anyway after it (the next wake tries again).</summary>
        public int AwakeLimitMs { get; set; } = 60000;

        public int Cycles { get; private set; }
        public int Reported { get; private set; }

        /// <summary>From the wake (or the start) to the report accepted, in the last cycle that reported.</summary>
        public long LastWakeToReportMs { get; private set; }

        public long AwakeMs { get; private set; }
        public long AsleepMs { get; private set; }

        /// <summary>Awake time over all time, in thousandths.</summary>
        public int AwakePermille
        {
            get
            {
                long all = AwakeMs + AsleepMs;
                return all == 0 ? 1000 : (int)(AwakeMs * 1000 / all);
            }
        }

        /// <summary>One cycle; false when no report was accepted within <see cref="AwakeLimitMs"/> or stop was set.</summary>
        public bool Cycle(WaitHandle stop)
        {
            int before = _app.Published;
            bool reported = false;
            while (!stop.WaitOne(0, false))
            {
                int wait = _app.Step();
                if (_app.Published > before)
                {
                    reported = true;
                    break;
                }
                if (_clock.NowMs - _wokeAt > AwakeLimitMs)
                {
                    break;
                }
                _module.Engine.ReportReady.WaitOne(wait < 100 ? wait : 100, false);
            }
            long now = _clock.NowMs;
            if (reported)
            {
                LastWakeToReportMs = now - _wokeAt;
                Reported++;
            }
            if (_module.State.Connected)
            {
                _module.Disconnect(); // a clean DISCONNECT: the broker holds no half-open session while it sleeps
            }
            _module.DeepSleep(SleepMs + WakeMarginMs);
            long asleepFrom = _clock.NowMs;
            AwakeMs += asleepFrom - _wokeAt;
            stop.WaitOne(SleepMs, false);
            _wokeAt = _clock.NowMs;
            AsleepMs += _wokeAt - asleepFrom;
            _app.WakeModule();
            Cycles++;
            return reported;
        }
    }
}
