using nanoFramework.Hardware.Esp32;

namespace TcAtMcu.Boards
{
    /// <summary>
    /// Espressif ESP32-C3-DevKitM-1 (ESP32-C3-MINI-1 module). Wiring: boards/esp32-c3-devkitm/README.md.
    /// </summary>
    public static class Board
    {
        public const string Name = "ESP32-C3-DevKitM-1";

        public const string NanoffTarget = "ESP32_C3";

        /// <summary>COM2 = UART1, the C3's second and last UART. COM1 (UART0, GPIO21/20 to the USB bridge) carries the debugger.</summary>
        public const string ModuleUart = "COM2";
        /// <summary>The rate negotiated with AT+UART_CUR after each boot of the module (it boots at 115200).</summary>
        public const int ModuleBaudRate = 921600;

        /// <summary>MCU TX, to the module's RX (header J3, IO7).</summary>
        public const int ModuleTxPin = 7;

        /// <summary>MCU RX, from the module's TX (header J3, IO6).</summary>
        public const int ModuleRxPin = 6;

        /// <summary>To the module's RST (active low), header J3, IO5.</summary>
        public const int ModuleResetPin = 5;

        /// <summary>RTS/CTS not wired: the C3-DevKitM's free pins go to the LEDs, reset and button.</summary>
        public const int ModuleRtsPin = -1;
        public const int ModuleCtsPin = -1;
        public const bool ModuleFlowControl = false;

        /// <summary>
        /// External LED + resistor to GND on IO4. The on-board RGB LED (GPIO8) is an addressable WS2812-type LED,
        /// not a plain GPIO LED, and GPIO8 is a strapping pin: it is left alone.
        /// </summary>
        public const int StatusLedPin = 4;
        public const bool StatusLedActiveHigh = true;

        /// <summary>The on-board BOOT button (GPIO9, pulled up, reads low when pressed).</summary>
        public const int ButtonPin = 9;
        public const bool ButtonActiveLow = true;

        /// <summary>Where OTA packages are stored: the internal flash file system (nanoFramework mounts its partition as I:).</summary>
        public const string OtaStore = @"I:\ota";

        /// <summary>The largest OTA package accepted, in bytes: the store must hold two (the known-good one and the incoming one).</summary>
        public const int OtaCapacity = 256 * 1024;

        /// <summary>Routes UART1 (COM2) to the module pins. Call before opening <see cref="ModuleUart"/>.</summary>
        public static void ConfigurePins()
        {
            Configuration.SetPinFunction(ModuleTxPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(ModuleRxPin, DeviceFunction.COM2_RX);
        }
    }
}
