using System.Diagnostics;
using TcAtMcu.App;
using TcAtMcu.Boards;
using TcAtMcu.Ota;

namespace TcAtMcu.Boot
{
    /// <summary>
    /// The boot program: flashed once, never updated by OTA. Each boot runs the newest committed OTA package that is not
    /// marked bad (firmware/TcAtMcu/Ota/PackageBoot.cs), on trial until it reports healthy, or the factory application
    /// compiled in here when there is none. A package that fails its trial is marked bad and the device reboots into
    /// the previous one.
    /// </summary>
    public static class Program
    {
        /// <summary>Boots a trial package gets: one retry, so a power cut during a trial does not condemn it.</summary>
        public const int MaxTrialBoots = 2;

        /// <summary>Time a trial package has to be Online: module boot, WiFi, MQTT, with one backoff round.</summary>
        public const int HealthTimeoutMs = 180000;

        public static void Main()
        {
            while (true)
            {
                BootOnce();
                // Only a restart ends a boot; on a board this does not return.
                Reboot.Now();
            }
        }

        private static void BootOnce()
        {
            IPackageStorage storage;
            try
            {
                storage = new FilePackageStorage(Board.OtaStore);
            }
            catch (System.Exception)
            {
                // No storage (no SD card, unformatted flash): the factory application, without packages.
                Debug.WriteLine("boot: no OTA store at " + Board.OtaStore + ": factory application");
                storage = new MemoryPackageStorage();
            }
            PackageBoot boot = new PackageBoot(storage, MaxTrialBoots, HealthTimeoutMs, new Reboot());
            boot.FactoryVersion = DeviceSettings.Create().FirmwareVersion;
            boot.Log = new DebugLog();
            boot.Boot(new FactoryEntry());
        }

        private sealed class FactoryEntry : IPackageEntry
        {
            public void Run(IHealthReporter health)
            {
                ProductEntry.Run(health);
            }
        }

        private sealed class DebugLog : IBootLog
        {
            public void Note(string text)
            {
                Debug.WriteLine("boot: " + text);
            }
        }
    }
}
