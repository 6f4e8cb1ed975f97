// Mirrors nanoFramework.System.Device.Gpio 1.1.62 (and the base class it takes from nanoFramework.Runtime.Events 1.11.37).
namespace nanoFramework.Runtime.Events
{
    public class BaseEvent { }
}

namespace System.Device.Gpio
{
    using System;

    public enum PinMode
    {
        Input, InputPullDown, InputPullUp, Output, OutputOpenDrain, OutputOpenDrainPullUp, OutputOpenSource, OutputOpenSourcePullDown,
    }

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public readonly struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static implicit operator PinValue(int value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
    }

    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { }
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() { }
        public int PinNumber { get { throw null; } }
        public void SetPinMode(PinMode value) { }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { }
        public void Toggle() { }
        public event PinValueChangedEventHandler ValueChanged { add { } remove { } }
        public void Dispose() { }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void ClosePin(int pinNumber) { }
        public bool IsPinOpen(int pinNumber) { throw null; }
        public void Write(int pinNumber, PinValue value) { }
        public PinValue Read(int pinNumber) { throw null; }
        public void Dispose() { }
    }
}
