using System.Device.Gpio;
using System.Threading;

namespace TcAtMcu.Application
{
    /// <summary>
    /// Hardware reset of the module (its EN/RST line). A board without one gives the application null, and
    /// AT+RST is the reset.
    /// </summary>
    public interface IModuleReset
    {
        /// <summary>Holds the module in reset briefly, then lets it boot.</summary>
        void Pulse();
    }

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
