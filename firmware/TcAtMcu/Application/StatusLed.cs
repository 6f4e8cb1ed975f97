using System.Threading;

using TcAtMcu.Engine;

namespace TcAtMcu.Application
{
    /// <summary>
    /// Shows a <see cref="LedPattern"/> on an LED. <see cref="Tick"/> sets the LED for a moment in time; on the
    /// device a thread ticks it every 20 ms, so the pattern keeps going while the application blocks in a command.
    /// </summary>
    public sealed class StatusLed
    {
        private readonly ILed _led;
        private readonly IClock _clock;
        private readonly object _sync = new object();
        private LedPattern _pattern = LedPattern.Off;
        private long _since;
        private bool _lit;
        private bool _known;
        private Thread _thread;
        private bool _running;

        public StatusLed(ILed led, IClock clock)
        {
            _led = led;
            _clock = clock;
        }

        public LedPattern Pattern
        {
            get { lock (_sync) { return _pattern; } }
        }

        /// <summary>Switches pattern (restarting it); showing the pattern already shown changes nothing.</summary>
        public void Show(LedPattern pattern)
        {
            lock (_sync)
            {
                if (pattern == _pattern)
                {
                    return;
                }
                _pattern = pattern;
                _since = _clock.NowMs;
            }
            Tick();
        }

        /// <summary>Sets the LED as the pattern wants it now; writes the pin only on a change.</summary>
        public void Tick()
        {
            lock (_sync)
            {
                bool on = _pattern.IsOnAt(_clock.NowMs - _since);
                if (_known && on == _lit)
                {
                    return;
                }
                _known = true;
                _lit = on;
                _led.Set(on);
            }
        }

        public void Start()
        {
            _running = true;
            _thread = new Thread(Run);
            _thread.Start();
        }

        public void Stop()
        {
            _running = false;
            if (_thread != null)
            {
                _thread.Join();
                _thread = null;
            }
        }

        private void Run()
        {
            while (_running)
            {
                Tick();
                Thread.Sleep(20);
            }
        }
    }
}
