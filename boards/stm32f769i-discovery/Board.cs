namespace TcAtMcu.Boards
{
    /// <summary>
    /// ST STM32F769I-DISCOVERY (32F769IDISCOVERY). Wiring: boards/stm32f769i-discovery/README.md.
    /// GPIO numbers follow nanoFramework's STM32 numbering: port index * 16 + pin (PA0 = 0, PJ13 = 9 * 16 + 13).
    /// </summary>
    public static class Board
    {
        public const string Name = "STM32F769I-DISCOVERY";

        public const string NanoffTarget = "ST_STM32F769I_DISCOVERY";

        /// <summary>
        /// COM6 = USART6 on the Arduino header: TX PC6 (D1), RX PC7 (D0). The pins are fixed by the nanoFramework
        /// target (COM1/USART1 is the ST-LINK virtual COM port used by the debugger; COM5 is the other enabled UART).
        /// </summary>
        public const string ModuleUart = "COM6";
        /// <summary>The rate negotiated with AT+UART_CUR after each boot of the module (it boots at 115200).</summary>
        public const int ModuleBaudRate = 921600;

        /// <summary>Fixed by the target (PC6): -1.</summary>
        public const int ModuleTxPin = -1;

        /// <summary>Fixed by the target (PC7): -1.</summary>
        public const int ModuleRxPin = -1;

        /// <summary>PJ1, Arduino D2, to the module's RST (active low).</summary>
        public const int ModuleResetPin = 9 * 16 + 1;

        /// <summary>USART6's RTS/CTS are not on the Arduino header (and the target's firmware fixes the pins): none.</summary>
        public const int ModuleRtsPin = -1;
        public const int ModuleCtsPin = -1;
        public const bool ModuleFlowControl = false;

        /// <summary>LD2, green user LED, PJ5.</summary>
        public const int StatusLedPin = 9 * 16 + 5;
        public const bool StatusLedActiveHigh = true;

        /// <summary>B1, the blue user button, PA0 (pulled down on the board, reads high when pressed).</summary>
        public const int ButtonPin = 0;
        public const bool ButtonActiveLow = false;

        /// <summary>Where OTA packages are stored: the microSD card (drive D: of nanoFramework's STM32 targets).</summary>
        public const string OtaStore = @"D:\ota";

        /// <summary>The largest OTA package accepted, in bytes: the store must hold two (the known-good one and the incoming one).</summary>
        public const int OtaCapacity = 1024 * 1024;

        /// <summary>Nothing to route: the target's USART6 pins are fixed in its firmware.</summary>
        public static void ConfigurePins()
        {
        }
    }
}
