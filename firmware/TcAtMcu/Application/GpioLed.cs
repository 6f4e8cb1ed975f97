using System.Device.Gpio;

namespace TcAtMcu.Application
{
    /// <summary>An LED on a GPIO output, active high or low.</summary>
    public sealed class GpioLed : ILed
    {
        private readonly GpioPin _pin;
        private readonly bool _activeHigh;

        public GpioLed(GpioController controller, int pin, bool activeHigh)
        {
            _activeHigh = activeHigh;
            _pin = controller.OpenPin(pin, PinMode.Output);
            Set(false);
        }

        public void Set(bool on)
        {
            _pin.Write(on == _activeHigh ? PinValue.High : PinValue.Low);
        }
    }
}
