using System.Device.Gpio;
using System.Threading;

namespace TcAtMcu.Application
{
    /// <summary>The module's RST driven by a GPIO: low for 100 ms (the ESP8266 needs well over 100 us).</summary>
    public sealed class GpioModuleReset : IModuleReset
    {
        private readonly GpioPin _pin;

        public GpioModuleReset(GpioController controller, int pin)
        {
            _pin = controller.OpenPin(pin, PinMode.Output);
            _pin.Write(PinValue.High);
        }

        public void Pulse()
        {
            _pin.Write(PinValue.Low);
            Thread.Sleep(100);
            _pin.Write(PinValue.High);
        }
    }
}
