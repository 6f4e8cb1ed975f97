namespace TcAtMcu.Application
{
    /// <summary>Told when the device is online (connected and subscribed), after each connection; on the application's thread.</summary>
    public interface IOnlineListener
    {
        void OnOnline();
    }
}
