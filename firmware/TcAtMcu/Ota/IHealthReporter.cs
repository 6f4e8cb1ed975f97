using System.Threading;

namespace TcAtMcu.Ota
{
    /// <summary>Ends the running application so that the boot program starts again (a reboot on a device).</summary>
    public interface IRestart
    {
        void Restart();
    }

    /// <summary>
    /// What the boot program hands the product application's entry, <c>public static void Run(IHealthReporter)</c>.
    /// A package on trial is kept only when the application calls <see cref="Healthy"/> in time (module answering,
    /// MQTT online); until then the cloud is told <see cref="ReportedVersion"/>, the known-good one.
    /// </summary>
    public interface IHealthReporter : IRestart
    {
        /// <summary>The version of the package running.</summary>
        string Version { get; }

        /// <summary>The version to report with AT+TCOTASET: the known-good one until this package proved healthy.</summary>
        string ReportedVersion { get; }

        /// <summary>True while the package runs on trial.</summary>
        bool OnTrial { get; }

        /// <summary>The application is healthy: a package on trial becomes the known-good one.</summary>
        void Healthy();

        /// <summary>Set when the application must return (the host's simulated reboot; never set on a device).</summary>
        WaitHandle Stop { get; }
    }
}
