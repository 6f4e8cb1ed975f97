using nanoFramework.Hardware.Esp32;

namespace TcAtMcu.Boards
{
    /// <summary>
    /// Espressif ESP32-DevKitC V4 (ESP32-WROOM-32x or ESP32-WROVER-x module). Wiring: boards/esp32-devkitc/README.md.
    /// </summary>
    public static class Board
    {
        public const string Name = "ESP32-DevKitC";

        /// <summary>nanoff image: runs on every ESP32 (with or without PSRAM, any silicon revision).</summary>
        public const string NanoffTarget = "ESP32_PSRAM_REV0";

        /// <summary>COM2 = UART1. COM1 (UART0, the USB bridge) carries the nanoFramework debugger.</summary>
        public const string ModuleUart = "COM2";
        /// <summary>The rate negotiated with AT+UART_CUR after each boot of the module (it boots at 115200).</summary>
        public const int ModuleBaudRate = 921600;

        /// <summary>MCU TX, to the module's RX. GPIO33: free on WROOM and WROVER (GPIO16/17 are PSRAM on WROVER).</summary>
        public const int ModuleTxPin = 33;

        /// <summary>MCU RX, from the module's TX.</summary>
        public const int ModuleRxPin = 32;

        /// <summary>MCU RTS, to the module's CTS (GPIO13), and MCU CTS, from the module's RTS (GPIO15): hardware flow control,
        /// with the module's GPIO1/3 firmware build only (the swapped-UART build uses GPIO13/15 for its RX/TX).</summary>
        public const int ModuleRtsPin = 26;
        public const int ModuleCtsPin = 27;
        public const bool ModuleFlowControl = true;

        /// <summary>To the module's RST (active low).</summary>
        public const int ModuleResetPin = 25;

        /// <summary>The DevKitC has no user LED: an external LED + resistor to GND on GPIO2 (strapping pin, the LED keeps it low as boot needs).</summary>
        public const int StatusLedPin = 2;
        public const bool StatusLedActiveHigh = true;

        /// <summary>The on-board BOOT button (GPIO0, pulled up on the board, reads low when pressed).</summary>
        public const int ButtonPin = 0;
        public const bool ButtonActiveLow = true;

        /// <summary>Where OTA packages are stored: the internal flash file system (nanoFramework mounts its SPIFFS/littlefs partition as I:).</summary>
        public const string OtaStore = @"I:\ota";

        /// <summary>The largest OTA package accepted, in bytes: the store must hold two (the known-good one and the incoming one).</summary>
        public const int OtaCapacity = 512 * 1024;

        /// <summary>Routes UART1 (COM2) to the module pins. Call before opening <see cref="ModuleUart"/>.</summary>
        public static void ConfigurePins()
        {
            Configuration.SetPinFunction(ModuleTxPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(ModuleRxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(ModuleRtsPin, DeviceFunction.COM2_RTS);
            Configuration.SetPinFunction(ModuleCtsPin, DeviceFunction.COM2_CTS);
        }
    }
}
