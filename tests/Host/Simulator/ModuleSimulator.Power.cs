using System.Collections.Concurrent;
using System.Diagnostics;

namespace TcAtMcu.Simulator
{
    // The ESP-AT commands for the UART's speed and the module's power (NOTES.md, "speed and power"): AT+UART_CUR
    // switches after its OK (the OK at the old rate), every boot returns to the default rate; AT+SLEEP's light and modem
    // sleep hold what the broker sends until the next beacon; AT+GSLP sleeps deep until the timed wake (GPIO16 to RST) or a
    // reset, then boots as after a power cycle.
    public sealed partial class ModuleSimulator
    {
        // Queued in the output: the writer switches the UART when it reaches it, after what was sent before it.
        private static readonly byte[] RateSwitch = new byte[0];
        private readonly ConcurrentQueue<(int Baud, bool Flow)> _rateSwitches = new ConcurrentQueue<(int, bool)>();
        private readonly Stopwatch _powerClock = Stopwatch.StartNew();
        private volatile int _baud;
        private volatile bool _flow;
        private int _sleepMode = 2;
        private volatile bool _deepSleeping;
        private long _deepSleepStartedMs;
        private long _deepSleepTotalMs;
        private int _deepSleeps; // also each sleep's number: a timer wakes only the sleep it was set for

        /// <summary>The module's default rate (AT+UART_DEF, in flash): where every boot starts.</summary>
        public int DefaultBaud => _options.BaudRate > 0 ? _options.BaudRate : 115200;

        /// <summary>The rate the module's UART runs at now.</summary>
        public int BaudRate => _baud == 0 ? DefaultBaud : _baud;

        /// <summary>RTS/CTS on at the module's side (AT+UART_CUR flow 3).</summary>
        public bool FlowControl => _flow;

        /// <summary>AT+SLEEP: 0 none, 1 light, 2 modem (the ESP8266's default in station mode).</summary>
        public int SleepMode => Volatile.Read(ref _sleepMode);

        public bool DeepSleeping => _deepSleeping;

        /// <summary>Deep sleeps so far, and the time spent in them (ms, the current one included).</summary>
        public int DeepSleeps => Volatile.Read(ref _deepSleeps);

        public long DeepSleepMs
        {
            get
            {
                lock (_sync)
                {
                    return _deepSleepTotalMs + (_deepSleeping ? _powerClock.ElapsedMilliseconds - _deepSleepStartedMs : 0);
                }
            }
        }

        private bool RunPower(AtLine at)
        {
            switch (at.Name)
            {
                case "UART_CUR": UartCurrent(at); return true;
                case "SLEEP": Sleep(at); return true;
                case "GSLP": DeepSleep(at); return true;
                default: return false;
            }
        }

        // AT+UART_CUR=<baud>,<databits 5..8>,<stopbits 1..3>,<parity 0..2>,<flow 0..3>
        private void UartCurrent(AtLine at)
        {
            if (at.Kind == AtLine.Form.Read)
            {
                Lines("+UART_CUR:" + BaudRate + ",8,1,0," + (_flow ? 3 : 0));
                return;
            }
            if (at.Kind != AtLine.Form.Set || at.Args.Count != 5 || !at.Int(0, out int baud) || !at.Int(1, out int data)
                || !at.Int(2, out int stop) || !at.Int(3, out int parity) || !at.Int(4, out int flow)
                || baud < 110 || baud > _options.MaxBaud || data < 5 || data > 8 || stop < 1 || stop > 3 || parity < 0 || parity > 2
                || flow < 0 || flow > 3)
            {
                Send("ERROR\r\n");
                return;
            }
            if (flow != 0 && _options.SwappedUart)
            {
                // The GPIO15/13 build runs its UART on the pins RTS and CTS would need.
                Send("ERROR\r\n");
                return;
            }
            if (data != 8 || stop != 1 || parity != 0)
            {
                // Accepted by the real module, but nothing here models another frame: refuse rather than pretend.
                Send("ERROR\r\n");
                return;
            }
            Send("OK\r\n");
            Say("UART at " + baud + " baud" + (flow == 3 ? ", RTS/CTS" : ""));
            SwitchRate(baud, flow == 3);
        }

        private void SwitchRate(int baud, bool flow)
        {
            _rateSwitches.Enqueue((baud, flow));
            Send(RateSwitch);
        }

        // Called by the writer when it reaches a RateSwitch: everything before it went out at the old rate.
        private void ApplyRateSwitch()
        {
            if (!_rateSwitches.TryDequeue(out var next))
            {
                return;
            }
            _baud = next.Baud;
            _flow = next.Flow;
            if (_uart is IUartEnd end)
            {
                end.BaudRate = next.Baud;
                end.FlowControl = next.Flow;
            }
        }

        private void Sleep(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Read: Lines("+SLEEP:" + SleepMode); return;
                case AtLine.Form.Set when at.Args.Count == 1 && at.Int(0, out int mode) && mode >= 0 && mode <= 2:
                    Volatile.Write(ref _sleepMode, mode);
                    Send("OK\r\n");
                    Say("sleep mode " + mode);
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        // AT+GSLP=<ms>: OK, then off. With GPIO16 wired to RST it boots after ms; a reset (Reboot) wakes it sooner.
        private void DeepSleep(AtLine at)
        {
            if (at.Kind != AtLine.Form.Set || at.Args.Count != 1 || !at.Int(0, out int ms) || ms < 0)
            {
                Send("ERROR\r\n");
                return;
            }
            Send("OK\r\n");
            Say("deep sleep " + ms + " ms");
            _ = DeepSleepAsync(ms);
        }

        private async Task DeepSleepAsync(int ms)
        {
            CancellationTokenSource old;
            int sleep;
            lock (_sync)
            {
                _booting = true; // UART input is lost until it boots
                _deepSleeping = true;
                sleep = ++_deepSleeps;
                _deepSleepStartedMs = _powerClock.ElapsedMilliseconds;
                old = _background;
                _background = new CancellationTokenSource();
                _wifiAssociated = false;
                _wifiGotIp = false;
            }
            old.Cancel();
            StopReconnecting();
            await CloseMqttAsync();
            if (!_options.TimedWake)
            {
                return;
            }
            await Task.Delay(ms);
            if (_deepSleeping && Volatile.Read(ref _deepSleeps) == sleep)
            {
                Reboot();
            }
        }

        // Every boot (power-up, reset, AT+RST, the wake from deep sleep): the default rate, no flow control, modem sleep.
        private void OnBoot()
        {
            lock (_sync)
            {
                if (_deepSleeping)
                {
                    _deepSleeping = false;
                    _deepSleepTotalMs += _powerClock.ElapsedMilliseconds - _deepSleepStartedMs;
                }
            }
            Volatile.Write(ref _sleepMode, 2);
            SwitchRate(DefaultBaud, false);
        }

        // Light and modem sleep: the radio listens at each DTIM beacon only, so what the broker sends waits for the next.
        private void WaitForBeacon()
        {
            if (SleepMode == 0 || _options.BeaconIntervalMs <= 0)
            {
                return;
            }
            long now = _powerClock.ElapsedMilliseconds;
            long wait = _options.BeaconIntervalMs - now % _options.BeaconIntervalMs;
            Thread.Sleep((int)wait);
        }
    }
}
