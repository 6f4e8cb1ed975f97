using System;
using System.Diagnostics;
using System.IO;
using System.IO.Ports;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The application and the module API against real peers: the simulator rebooting under the running application,
    /// the firmware's own SerialPortLink over a socat pty pair, and mosquitto as the broker.
    /// The pty and mosquitto tests skip, saying why, where tests/scripts/install-test-tools.sh could not install them.
    /// </summary>
    [Collection("end to end")]
    public class EndToEndRealPeersTests
    {
        private sealed class SimulatorReset : IModuleReset
        {
            private readonly ModuleSimulator _simulator;
            public int Pulses;

            public SimulatorReset(ModuleSimulator simulator) => _simulator = simulator;

            public void Pulse()
            {
                Pulses++;
                _simulator.Reboot();
            }
        }

        [Fact]
        public async Task ApplicationRecoversFromAModuleReboot()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = broker.Port });
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            AppSettings settings = new AppSettings
            {
                ProductId = "E2EAPP0001", DeviceName = "dev01", DeviceSecret = "ZTJlLWFwcA==", TelemetryPeriodMs = 300, BootWaitMs = 200,
            };
            SimulatorReset reset = new SimulatorReset(simulator);
            CloudRouter cloud = new CloudRouter(tc, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(new SystemClock(), settings.TelemetryPeriodMs));
            ConnectionLifecycle app = new ConnectionLifecycle(tc, settings, reset, new StatusLed(new NullLed(), new SystemClock()),
                new SystemClock(), cloud, null);
            engine.Start(null);
            try
            {
                AppSteps.RunUntil(app, () => app.State == AppState.Online && app.Published >= 1, 10000);
                simulator.Reboot();
                int before = app.Published;
                // The next publish meets a module that is not connected; the application reconnects without a reset.
                AppSteps.RunUntil(app, () => app.State == AppState.Online && app.Published >= before + 2, 15000);
                Assert.Equal(1, reset.Pulses);
                Assert.True(simulator.MqttConnected);
            }
            finally
            {
                engine.Stop();
            }
        }

        private sealed class NullLed : ILed
        {
            public void Set(bool on)
            {
            }
        }

        [Fact]
        public async Task FirmwareSerialPortLinkOverAPtyPairToTheSimulator()
        {
            string socat = Peers.Which("socat");
            Assert.SkipWhen(socat == null, "socat is not installed (tests/scripts/install-test-tools.sh installs it)");
            using TempFolder folder = TempFolder.Create("tcat-pty");
            string dir = folder.Path;
            string mcuSide = Path.Combine(dir, "mcu");
            string moduleSide = Path.Combine(dir, "module");
            using Process pair = Process.Start(new ProcessStartInfo(socat, $"pty,raw,echo=0,link={mcuSide} pty,raw,echo=0,link={moduleSide}")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            try
            {
                SpinWait.SpinUntil(() => File.Exists(mcuSide) && File.Exists(moduleSide), 5000);
                await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
                using SerialPort modulePort = new SerialPort(moduleSide, 115200);
                modulePort.Open();
                await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = broker.Port });
                simulator.Start(modulePort.BaseStream);

                using SerialPortLink link = new SerialPortLink(mcuSide, 115200, 8192, 20);
                link.Open();
                AtEngine engine = new AtEngine(link, new AtEngineOptions());
                TcModule tc = new TcModule(engine);
                engine.Start(tc);
                try
                {
                    Assert.True(tc.Probe().IsOk, "AT over the pty");
                    Assert.True(tc.SetDeviceInfo("E2EPTY0001", "dev01", "cHR5LXNlY3JldA==").IsOk);
                    Assert.True(tc.Connect(new MqttSettings()).IsOk);
                    byte[] payload = Encoding.ASCII.GetBytes(new string('p', 1000) + "\"quoted, with CR LF\"\r\n");
                    AtResult r = tc.Publish("up/pty", 1, payload, 0, payload.Length);
                    Assert.True(r.IsOk, ResultText.Describe(r, false, false));
                }
                finally
                {
                    engine.Stop();
                }
            }
            finally
            {
                pair.Kill();
            }
        }

        [Fact]
        public async Task AgainstMosquitto()
        {
            using Peers.Mosquitto broker = Peers.StartMosquitto();
            Assert.SkipWhen(broker == null, "mosquitto is not installed (tests/scripts/install-test-tools.sh installs it)");
            int port = broker.Port;
            {
                await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = port });
                var (mcu, module) = UartPair.CreateInProcess();
                simulator.Start(module);
                using StreamLink link = new StreamLink(mcu);
                AtEngine engine = new AtEngine(link, new AtEngineOptions());
                TcModule tc = new TcModule(engine);
                ReportLog log = new ReportLog();
                tc.Events = log;
                engine.Start(tc);
                try
                {
                    Assert.True(tc.SetDeviceInfo("E2EMOSQ001", "dev01", "bW9zcXVpdHRv").IsOk);
                    Assert.True(tc.Connect(new MqttSettings()).IsOk, "connected to mosquitto");
                    Assert.True(tc.Subscribe("loop/x", 1).IsOk);
                    byte[] payload = Encoding.ASCII.GetBytes("{\"a\":\"b,\\\"c\\\"\"}\r\nsecond line");
                    Assert.True(tc.Publish("loop/x", 1, payload, 0, payload.Length).IsOk);
                    Assert.True(SpinWait.SpinUntil(() => log.Last == "loop/x " + Encoding.ASCII.GetString(payload), 5000), "looped back: " + log.Last);
                }
                finally
                {
                    engine.Stop();
                }
            }
        }

        private sealed class ReportLog : TcAtMcu.Engine.IReportHandler
        {
            public volatile string Last;

            public void OnReport(TcAtMcu.Matching.Report r)
            {
                if (r.Kind == TcAtMcu.Matching.ReportKind.MessageReceived)
                {
                    Last = Encoding.ASCII.GetString(r.Buffer, r.TopicOffset, r.TopicLength) + " " + Encoding.ASCII.GetString(r.Buffer, r.PayloadOffset, r.PayloadLength);
                }
            }
        }
    }
}
