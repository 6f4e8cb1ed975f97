// A product application as an OTA package carries it, for the host's end-to-end OTA tests: compiled at test time with
// Roslyn into its own assembly (one per version and behaviour), packaged by tcatmcu-package's builder, pushed through
// the simulated cloud, and loaded by the boot logic with Assembly.Load(byte[]). It is firmware/TcAtMcu.App's
// ProductEntry with the simulated device's wiring (tests/Host/Tests/SimulatedDevice.cs) instead of a board's.
// Symbols: CRASH (the entry throws), NEVER_ONLINE (it subscribes a topic the cloud refuses, so it never gets Online).
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Host;

namespace Sample
{
    public static class Entry
    {
        public static void Run(IHealthReporter health)
        {
            SimulatedDevice.Note("application " + health.Version + " starts, reporting " + health.ReportedVersion);
#if CRASH
            throw new System.InvalidOperationException("the new version crashes at start");
#else
            AtEngine engine = new AtEngine(SimulatedDevice.Link, new AtEngineOptions());
            TcModule module = new TcModule(engine);
            SystemClock clock = new SystemClock();
            AppSettings settings = SimulatedDevice.Settings();
            settings.FirmwareVersion = health.ReportedVersion;
            CloudRouter cloud = new CloudRouter(module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(clock, settings.TelemetryPeriodMs));
#if NEVER_ONLINE
            cloud.Add(new MessageListener(null, new string[] { "$thing/down/refused" })); // SimulatedDevice.RefusedTopic
#endif
            ConnectionLifecycle app = new ConnectionLifecycle(module, settings, SimulatedDevice.Reset, new StatusLed(new NoLed(), clock), clock,
                cloud, null);
            app.Observer = new HealthObserver(health, cloud.Version, new StateNotes());
            OtaUpdater updater = new OtaUpdater(module, new PackageFileSink(new FilePackageStorage(SimulatedDevice.Store), 1024 * 1024), 4096);
            updater.ReportTopic = cloud.Topics.Of("$ota/report");
            app.Updater = updater;
            app.AfterInstall = health;
            engine.Start(null);
            try
            {
                app.Run(health.Stop);
            }
            finally
            {
                engine.Stop();
                SimulatedDevice.Note("application " + health.Version + " stops: " + AppStateNames.Of(app.State) + ", last update " + (int)app.LastUpdate
                    + (updater.FailureMessage != null ? " (" + updater.FailureMessage + ")" : ""));
                SimulatedDevice.LastUpdate = app.LastUpdate;
            }
#endif
        }

        private sealed class StateNotes : IStateObserver
        {
            public void OnStateChanged(AppState state)
            {
                SimulatedDevice.Note("state " + AppStateNames.Of(state));
            }
        }

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }
    }
}
