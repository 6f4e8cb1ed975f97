namespace TcAtMcu.Boards
{
    /// <summary>
    /// A Linux (or other) PC driving the module through a USB-serial adapter or a pty. No GPIO: reset, LEDs
    /// and button are absent (-1), which callers check.
    /// </summary>
    public static class Board
    {
        public const string Name = "Host PC";

        /// <summary>Nothing to flash on a PC.</summary>
        public const string NanoffTarget = "";

        /// <summary>Serial device of the adapter wired to the module (e.g. /dev/ttyUSB0, /dev/ttyACM0 or a pty from socat).</summary>
        public const string ModuleUart = "/dev/ttyUSB0";
        /// <summary>The rate negotiated with AT+UART_CUR (the host run's --baud sets its own).</summary>
        public const int ModuleBaudRate = 115200;

        public const int ModuleTxPin = -1;
        public const int ModuleRxPin = -1;
        public const int ModuleResetPin = -1;
        public const int ModuleRtsPin = -1;
        public const int ModuleCtsPin = -1;
        public const bool ModuleFlowControl = false;

        public const int StatusLedPin = -1;
        public const bool StatusLedActiveHigh = true;

        public const int ButtonPin = -1;
        public const bool ButtonActiveLow = true;

        /// <summary>Where OTA packages are stored: a folder under the current directory.</summary>
        public const string OtaStore = "tcatmcu-ota";

        /// <summary>The largest OTA package accepted, in bytes: the store must hold two (the known-good one and the incoming one).</summary>
        public const int OtaCapacity = 1024 * 1024;

        /// <summary>Nothing to route on a PC.</summary>
        public static void ConfigurePins()
        {
        }
    }
}
