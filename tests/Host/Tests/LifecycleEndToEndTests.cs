using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Issue 12's two ways of stranding a device, end to end against the simulated module: quitting the firmware left
    /// the module connected, and a firmware restarted under a connected module (no reset line) backed off forever.
    /// </summary>
    [Collection("end to end")]
    public class LifecycleEndToEndTests
    {
        private static AppSettings Settings() => new AppSettings
        {
            ProductId = "E2ELIFE001", DeviceName = "dev01", DeviceSecret = "bGlmZWN5Y2xl", TelemetryPeriodMs = 300, BootWaitMs = 200,
        };

        private static ConnectionLifecycle App(TcModule module, AppSettings settings)
        {
            CloudRouter cloud = new CloudRouter(module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(new SystemClock(), settings.TelemetryPeriodMs));
            return new ConnectionLifecycle(module, settings, null, new StatusLed(new RecordingLed(), new SystemClock()), new SystemClock(),
                cloud, null);
        }

        [Fact]
        public async Task RunEndsWithADisconnect()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = broker.Port });
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            ConnectionLifecycle app = App(new TcModule(engine), Settings());
            engine.Start(null);
            using ManualResetEvent stop = new ManualResetEvent(false);
            Thread loop = new Thread(() => app.Run(stop));
            loop.Start();
            try
            {
                Assert.True(SpinWait.SpinUntil(() => app.State == AppState.Online && app.Published >= 1, 15000), AppStateNames.Of(app.State));
                Assert.True(simulator.MqttConnected);
                stop.Set();
                Assert.True(loop.Join(10000), "Run returned");
                Assert.Equal(AppState.Stopped, app.State);
                Assert.False(simulator.MqttConnected, "the module was left connected");
            }
            finally
            {
                stop.Set();
                loop.Join();
                engine.Stop();
            }
        }

        [Fact]
        public async Task FirmwareRestartedUnderAConnectedModuleAdoptsTheConnection()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = broker.Port });
            ConcurrentQueue<string> commands = new ConcurrentQueue<string>();
            simulator.LineReceived += (text, _) => commands.Enqueue(text);
            ConcurrentQueue<string> seen = new ConcurrentQueue<string>();
            broker.Published += (topic, payload) => seen.Enqueue(System.Text.Encoding.UTF8.GetString(payload));
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);

            // The first run: online, then it dies without a word (a crash, a debugger stop, a power cut of the MCU).
            AtEngine first = new AtEngine(link, new AtEngineOptions());
            ConnectionLifecycle app = App(new TcModule(first), Settings());
            first.Start(null);
            AppSteps.RunUntil(app, () => app.State == AppState.Online && app.Published >= 1, 15000);
            first.Stop();
            Assert.True(simulator.MqttConnected);

            // The second run, no reset line: the module still holds the connection and the subscription.
            while (commands.TryDequeue(out _))
            {
            }
            AtEngine second = new AtEngine(link, new AtEngineOptions());
            app = App(new TcModule(second), Settings());
            second.Start(null);
            try
            {
                Stopwatch watch = Stopwatch.StartNew();
                AppSteps.RunUntil(app, () => app.State == AppState.Online && app.Published >= 2, 15000);
                Assert.True(watch.ElapsedMilliseconds < 5000, "online again after " + watch.ElapsedMilliseconds + " ms");
                string[] sent = commands.ToArray();
                Assert.Contains("AT+TCMQTTSTATE?", sent);
                Assert.DoesNotContain(sent, c => c.StartsWith("AT+TCMQTTCONN=", StringComparison.Ordinal) || c == "AT+RST");
                Assert.True(simulator.MqttConnected);
                Assert.True(SpinWait.SpinUntil(() => seen.Count(p => p.Contains("\"tc-1\"")) == 2, 3000), "the second run's telemetry reached the broker");
            }
            finally
            {
                second.Stop();
            }
        }
    }
}
