// Mirrors nanoFramework.Hardware.Esp32 1.6.40: pin routing only, with the UART functions the boards use.
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        // Serial device type 3 << 16, device index << 8, pin role.
        COM1_TX = 0x30100, COM1_RX = 0x30101, COM1_RTS = 0x30102, COM1_CTS = 0x30103,
        COM2_TX = 0x30200, COM2_RX = 0x30201, COM2_RTS = 0x30202, COM2_CTS = 0x30203,
        COM3_TX = 0x30300, COM3_RX = 0x30301, COM3_RTS = 0x30302, COM3_CTS = 0x30303,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }
}
