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
}
