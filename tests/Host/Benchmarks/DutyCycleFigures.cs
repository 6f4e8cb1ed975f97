using System;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Run;
using TcAtMcu.Services;
using TcAtMcu.Simulator;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// The battery duty cycle's figures against the simulated module (boot 300 ms, WiFi joined 1.5 s after boot and its
    /// IP 0.75 s later, as a real ESP8266 takes 1 to 3 s), paced at 115200 at boot and negotiated to 921600, with an
    /// embedded broker on loopback: no TLS handshake and no network round trips, which a real cloud connection adds.
    /// Real time. Each cycle: wake (reset line) to the first report accepted; then the share of time awake, for this
    /// run's sleep and for a 5-minute sleep.
    /// </summary>
    public static class DutyCycleFigures
    {
        public static async Task Run()
        {
            const int sleepMs = 10000;
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions
            {
                BrokerPort = broker.Port, BaudRate = 115200, BootDelayMs = 300, WifiJoinDelayMs = 1500,
            });
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            StreamLink stream = new StreamLink(mcu);
            stream.SetBaudRate(115200);
            PacedLink link = new PacedLink(stream, 115200);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            AppSettings settings = new AppSettings
            {
                ProductId = "BENCHDUTY1", DeviceName = "dev01", DeviceSecret = "ZHV0eS1maWd1cmVz", TelemetryPeriodMs = 60000, BootWaitMs = 1500,
            };
            SystemClock clock = new SystemClock();
            CloudRouter cloud = new CloudRouter(tc, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(clock, settings.TelemetryPeriodMs));
            ConnectionLifecycle app = new ConnectionLifecycle(tc, settings, new Reset(simulator), new StatusLed(new NoLed(), clock), clock,
                cloud, null);
            app.Speed = new BaudNegotiation(tc, link, 921600, false);
            DutyCycle duty = new DutyCycle(app, tc, clock) { SleepMs = sleepMs };
            engine.Start(null);
            using ManualResetEvent stop = new ManualResetEvent(false);
            try
            {
                Console.WriteLine("| cycle | wake to the first report accepted (ms) | UART after the wake |");
                Console.WriteLine("|---|---|---|");
                for (int i = 1; i <= 4; i++)
                {
                    bool reported = duty.Cycle(stop);
                    Console.WriteLine($"| {i}{(i == 1 ? " (power-up)" : "")} | {(reported ? duty.LastWakeToReportMs.ToString() : "no report")} | {app.Speed.Current} baud |");
                }
                double awakePerCycle = duty.AwakeMs / (double)duty.Cycles;
                Console.WriteLine($"awake {duty.AwakeMs} ms and asleep {duty.AsleepMs} ms in {duty.Cycles} cycles: {duty.AwakePermille / 10.0:F1} % awake with {sleepMs / 1000} s sleeps; "
                    + $"with 300 s sleeps {awakePerCycle / (awakePerCycle + 300000):P2} awake");
            }
            finally
            {
                stop.Set();
                engine.Stop();
                stream.Dispose();
            }
        }

        private sealed class Reset : IModuleReset
        {
            private readonly ModuleSimulator _simulator;

            public Reset(ModuleSimulator simulator) => _simulator = simulator;

            public void Pulse() => _simulator.Reboot();
        }

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }
    }
}
