using System;
using System.Collections.Concurrent;
using TcAtMcu.Application;
using TcAtMcu.Link;
using TcAtMcu.Ota;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The "board" of the simulated device in the OTA end-to-end tests: what the packaged sample application
    /// (tests/Host/OtaSample) wires itself to instead of a UART and a flash drive. One device at a time (the tests that
    /// use it share the "end to end" collection, which runs them one after another).
    /// </summary>
    public static class SimulatedDevice
    {
        /// <summary>A topic the simulated cloud refuses to the NEVER_ONLINE sample.</summary>
        public const string RefusedTopic = "$thing/down/refused/E2EPKG0001/dev01";

        public static IByteLink Link;

        /// <summary>The board's line to the module's RST: each boot of the application resets the module first.</summary>
        public static IModuleReset Reset;
        public static string Store;
        public static string ProductId;
        public static string DeviceName;
        public static string DeviceSecret;
        public static OtaOutcome LastUpdate;
        public static readonly ConcurrentQueue<string> Notes = new ConcurrentQueue<string>();

        public static AppSettings Settings() => new AppSettings
        {
            ProductId = ProductId,
            DeviceName = DeviceName,
            DeviceSecret = DeviceSecret,
            TelemetryPeriodMs = 60000,
            BootWaitMs = 100,
            BackoffMinMs = 300,
            BackoffMaxMs = 1000,
        };

        public static void Note(string text) => Notes.Enqueue(text);

        /// <summary>A reset line that reboots the simulated module.</summary>
        public sealed class ModuleReset : IModuleReset
        {
            private readonly Action _reboot;

            public ModuleReset(Action reboot) => _reboot = reboot;

            public void Pulse() => _reboot();
        }
    }
}
