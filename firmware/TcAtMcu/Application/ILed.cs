namespace TcAtMcu.Application
{
    /// <summary>One LED; GpioLed on the device, a recorder in tests.</summary>
    public interface ILed
    {
        void Set(bool on);
    }
}
