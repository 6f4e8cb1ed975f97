namespace TcAtMcu.Ota
{
    /// <summary>How one boot of <see cref="PackageBoot"/> ended (on a device most of these end in a reboot).</summary>
    public enum BootOutcome
    {
        /// <summary>No package to run: the factory application ran.</summary>
        Factory = 0,
        /// <summary>The package ran and returned (asked to stop, or restarting into a new package).</summary>
        Returned,
        /// <summary>A file failed its MD5, the CLR refused a .pe, or there is no single entry: marked bad.</summary>
        LoadRefused,
        /// <summary>The trial package did not report healthy in time: marked bad.</summary>
        NotHealthy,
        /// <summary>The trial package's entry threw: marked bad.</summary>
        Crashed,
        /// <summary>A known-good package's entry (or the factory application) threw: restarted, it stays good (the fault may be outside it).</summary>
        Faulted,
    }
}
