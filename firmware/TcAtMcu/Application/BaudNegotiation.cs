using System.Threading;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Module;

namespace TcAtMcu.Application
{
    /// <summary>How the last negotiation of the UART's rate ended.</summary>
    public enum BaudOutcome
    {
        /// <summary>Nothing asked: the configured rate is the module's default.</summary>
        Default = 0,
        /// <summary>Both sides at the configured rate, confirmed by an answer there.</summary>
        Negotiated,
        /// <summary>The module refused AT+UART_CUR (ERROR, a CME code): running at the default.</summary>
        Refused,
        /// <summary>
        /// The module accepted the rate but did not answer there, and answers at the default: it rebooted meanwhile (or
        /// the line cannot carry the rate). The lifecycle follows it as a reboot; after <see cref="BaudNegotiation.MaxFailures"/>
        /// of these in a row the rate is given up.
        /// </summary>
        NoAnswerAtRate,
        /// <summary>The rate failed or was refused since the last power-up: not asked again, running at the default.</summary>
        GivenUp,
        /// <summary>The module answers at no rate: the lifecycle resets it.</summary>
        Lost,
    }

    /// <summary>Told how each negotiation ended (the state log).</summary>
    public interface IBaudObserver
    {
        /// <param name="baud">The rate both sides now use.</param>
        /// <param name="requested">The configured rate.</param>
        /// <param name="result">The module's answer that decided it (for Refused: ERROR, or its CME code).</param>
        void OnBaudRate(int baud, int requested, BaudOutcome outcome, AtResult result);
    }

    /// <summary>
    /// The UART's rate, as the lifecycle keeps it: the module starts at its default after every reboot (AT+UART_CUR is
    /// not kept), so each boot starts there and switches both sides to the board's rate: AT+UART_CUR (OK at the old
    /// rate), the MCU's side switched, then AT at the new rate confirms it. A module that does not answer at the new rate
    /// is asked again at the default (it may have rebooted meanwhile: the lifecycle then starts its boot over); a module
    /// that refuses the rate, or could not be heard there MaxFailures times in a row, runs at the default from then on.
    /// </summary>
    public sealed class BaudNegotiation
    {
        /// <summary>The ESP8266's TC AT firmware boots at 115200 8N1 (AT+UART_DEF can change it in flash; this firmware never does).</summary>
        public const int ModuleDefaultBaud = 115200;

        private readonly TcModule _module;
        private readonly ILineSpeed _line;
        private bool _givenUp;
        private int _failures;

        /// <param name="line">The MCU's side of the UART.</param>
        /// <param name="baud">The board's configured rate.</param>
        /// <param name="flowControl">RTS and CTS are wired (the board's pin map) and the module's build can use them.</param>
        public BaudNegotiation(TcModule module, ILineSpeed line, int baud, bool flowControl)
        {
            Check.Range("baud", baud, TcModule.BaudMin, TcModule.BaudMax);
            _module = module;
            _line = line;
            Requested = baud;
            FlowControl = flowControl;
            DefaultBaud = ModuleDefaultBaud;
        }

        public int Requested { get; private set; }
        public bool FlowControl { get; private set; }

        /// <summary>The module's rate after a reboot.</summary>
        public int DefaultBaud { get; set; }

        /// <summary>From the module's OK to the confirming AT: the module reconfigures its UART after sending OK.</summary>
        public int SettleMs { get; set; } = 20;

        /// <summary>ATs at the new rate before it counts as not answering there.</summary>
        public int ConfirmAttempts { get; set; } = 2;

        /// <summary>Negotiations in a row not confirmed at the new rate before the rate is given up (until power-up).</summary>
        public int MaxFailures { get; set; } = 2;

        public int Current { get { return _line.BaudRate; } }
        public BaudOutcome LastOutcome { get; private set; }
        public IBaudObserver Observer { get; set; }

        /// <summary>The module was reset or rebooted: it is back at its default, and so is the MCU's side.</summary>
        public void AtDefault()
        {
            if (_line.BaudRate != DefaultBaud)
            {
                _line.SetBaudRate(DefaultBaud);
            }
        }

        /// <summary>
        /// With the module answering at the default (after its boot): switches both sides to the configured rate.
        /// Lost: the module answers at no rate (the caller resets it); NoAnswerAtRate: it answers at the default again
        /// (the caller follows it as a reboot); otherwise the link runs at <see cref="Current"/>.
        /// </summary>
        public BaudOutcome Negotiate()
        {
            if (Requested == DefaultBaud && !FlowControl)
            {
                return Done(BaudOutcome.Default, null);
            }
            if (_givenUp)
            {
                return Done(BaudOutcome.GivenUp, null);
            }
            AtResult result = _module.SetUartCurrent(Requested, FlowControl);
            if (result.Status == AtStatus.Timeout || result.Status == AtStatus.LinkFault)
            {
                // No answer at the default either: the module is not there; it stays where it is.
                return Done(BaudOutcome.Lost, result);
            }
            if (!result.IsOk)
            {
                _givenUp = true;
                return Done(BaudOutcome.Refused, result);
            }
            _line.SetBaudRate(Requested);
            if (SettleMs > 0)
            {
                Thread.Sleep(SettleMs);
            }
            for (int i = 0; i < ConfirmAttempts; i++)
            {
                result = _module.Probe();
                if (result.IsOk)
                {
                    _failures = 0;
                    return Done(BaudOutcome.Negotiated, result);
                }
            }
            // It took the rate and cannot be heard there, or rebooted meanwhile: asked at the default.
            _givenUp = ++_failures >= MaxFailures;
            if (Recover())
            {
                return Done(BaudOutcome.NoAnswerAtRate, result);
            }
            return Done(BaudOutcome.Lost, result);
        }

        /// <summary>
        /// The module stopped answering at the negotiated rate: it may have rebooted (its "ready" at the default is noise
        /// at this rate). Switches to the default and asks there; true when it answers (it rebooted: negotiate again
        /// after its boot).
        /// </summary>
        public bool Recover()
        {
            int rate = _line.BaudRate;
            if (rate == DefaultBaud)
            {
                return false;
            }
            _line.SetBaudRate(DefaultBaud);
            _module.ForgetModuleState(); // what arrived at the wrong rate is noise
            for (int i = 0; i < ConfirmAttempts; i++)
            {
                if (_module.Probe().IsOk)
                {
                    return true;
                }
            }
            // Silent at both: left at the rate it was at, so an AT+RST (a board without a reset line) can still reach it.
            _line.SetBaudRate(rate);
            return false;
        }

        /// <summary>For logs: why the link runs at its rate ("refused 921600 (+CME ERROR:204)").</summary>
        public static string Describe(BaudOutcome outcome, int requested, AtResult result)
        {
            switch (outcome)
            {
                case BaudOutcome.Default:
                    return "the module's default";
                case BaudOutcome.Negotiated:
                    return "negotiated";
                case BaudOutcome.Refused:
                    return "the module refused " + requested + (result != null && result.Status == AtStatus.CmeError
                        ? " (+CME ERROR:" + result.Code + ")" : " (ERROR)") + ": the default";
                case BaudOutcome.NoAnswerAtRate:
                    return "no answer at " + requested + ", answering at the default (rebooted, or the line cannot carry it)";
                case BaudOutcome.GivenUp:
                    return requested + " failed before: the default until power-up";
                default:
                    return "no answer at any rate";
            }
        }

        private BaudOutcome Done(BaudOutcome outcome, AtResult result)
        {
            LastOutcome = outcome;
            IBaudObserver observer = Observer;
            if (observer != null)
            {
                observer.OnBaudRate(_line.BaudRate, Requested, outcome, result);
            }
            return outcome;
        }
    }
}
