using System.Device.Gpio;

using TcAtMcu.Engine;

namespace TcAtMcu.Application
{
    /// <summary>A push button on a GPIO input, feeding its edges to a <see cref="ButtonGestures"/>.</summary>
    public sealed class GpioButton
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private readonly ButtonGestures _gestures;
        private readonly IClock _clock;

        public GpioButton(GpioController controller, int pin, bool activeLow, ButtonGestures gestures, IClock clock)
        {
            _activeLow = activeLow;
            _gestures = gestures;
            _clock = clock;
            _pin = controller.OpenPin(pin, activeLow ? PinMode.InputPullUp : PinMode.InputPullDown);
            _pin.ValueChanged += OnValueChanged;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            bool high = e.ChangeType == PinEventTypes.Rising;
            _gestures.OnEdge(high != _activeLow, _clock.NowMs);
        }
    }
}
