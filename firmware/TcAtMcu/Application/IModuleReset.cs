namespace TcAtMcu.Application
{
    /// <summary>Hardware reset of the module (its EN/RST line).</summary>
    public interface IModuleReset
    {
        /// <summary>Holds the module in reset briefly, then lets it boot.</summary>
        void Pulse();
    }
}
