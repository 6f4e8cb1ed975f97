using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Ota;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>OTA from the cloud's push to the installed image, against the simulated module and a broker.</summary>
    [Collection("end to end")]
    public class OtaEndToEndTests
    {
        private const string ProductId = "E2EOTA0001";
        private const string DeviceName = "dev01";

        /// <summary>The simulated module and the firmware; the broker is mosquitto where installed, else the embedded one.</summary>
        private sealed class Rig : IAsyncDisposable
        {
            public EmbeddedBroker Broker;
            public Peers.Mosquitto Mosquitto;
            public int BrokerPort;
            public ModuleSimulator Simulator;
            public StreamLink Link;
            public AtEngine Engine;
            public TcModule Module;

            public static async Task<Rig> StartAsync(SimulatorOptions options = null)
            {
                Rig r = new Rig();
                r.Mosquitto = Peers.StartMosquitto();
                if (r.Mosquitto == null)
                {
                    r.Broker = await EmbeddedBroker.StartAsync(0);
                }
                r.BrokerPort = r.Mosquitto?.Port ?? r.Broker.Port;
                options ??= new SimulatorOptions();
                options.BrokerPort = r.BrokerPort;
                r.Simulator = new ModuleSimulator(options);
                var (mcu, module) = UartPair.CreateInProcess();
                r.Simulator.Start(module);
                r.Link = new StreamLink(mcu);
                r.Engine = new AtEngine(r.Link, new AtEngineOptions());
                r.Module = new TcModule(r.Engine);
                return r;
            }

            public async ValueTask DisposeAsync()
            {
                Engine.Stop();
                await Simulator.DisposeAsync();
                if (Broker != null)
                {
                    await Broker.DisposeAsync();
                }
                Mosquitto?.Dispose();
                Link.Dispose();
            }
        }

        private static byte[] Image(int size, int seed)
        {
            byte[] image = new byte[size];
            new Random(seed).NextBytes(image);
            return image;
        }

        [Fact]
        public async Task PushedImageIsDownloadedReadVerifiedInstalledAndReported()
        {
            await using Rig rig = await Rig.StartAsync();
            AppSettings settings = new AppSettings
            {
                ProductId = ProductId, DeviceName = DeviceName, DeviceSecret = "b3RhLWUyZQ==", TelemetryPeriodMs = 60000, BootWaitMs = 100,
            };
            MemorySink sink = new MemorySink(716800);
            CloudRouter cloud = new CloudRouter(rig.Module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(new SystemClock(), settings.TelemetryPeriodMs));
            ConnectionLifecycle app = new ConnectionLifecycle(rig.Module, settings, new NoReset(), new StatusLed(new NoLed(), new SystemClock()),
                new SystemClock(), cloud, null);
            app.Updater = new OtaUpdater(rig.Module, sink, 4096);
            rig.Engine.Start(null);
            AppSteps.RunUntil(app, () => app.State == AppState.Online, 10000);

            byte[] image = Image(500 * 1024, 6);
            await using OtaPush push = new OtaPush(ProductId, DeviceName, _ => { });
            await push.StartAsync("127.0.0.1", rig.BrokerPort);
            await push.PushAsync("2.0.0", image);
            AppSteps.RunUntil(app, () => app.LastUpdate == OtaOutcome.Installed && app.State == AppState.Online, 60000);
            Assert.True(sink.Committed);
            Assert.Equal(image, sink.Data.AsSpan(0, image.Length).ToArray());
            Assert.Equal("2.0.0", await push.NewVersionReported.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        }

        [Fact]
        public async Task ImageWithTheWrongMd5IsRefusedByTheModule()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Engine.Start(rig.Module);
            Assert.True(rig.Module.SetDeviceInfo(ProductId, DeviceName, "b3RhLWUyZQ==").IsOk);
            Assert.True(rig.Module.Connect(new MqttSettings()).IsOk);
            Assert.True(rig.Module.SetOta(true, "1.0.0").IsOk);
            await using OtaPush push = new OtaPush(ProductId, DeviceName, _ => { });
            await push.StartAsync("127.0.0.1", rig.BrokerPort);
            await push.PushAsync("2.0.1", Image(20000, 7), md5: "00000000000000000000000000000000");
            Assert.Equal("fail", await push.Downloaded.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
            Assert.Equal((int)OtaOutcome.NoImage, (int)new OtaUpdater(rig.Module, new MemorySink(716800), 4096).Run());
        }

        [Fact]
        public async Task CorruptionOnTheUartIsNeverCommitted()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Engine.Start(null);
            rig.Simulator.CacheFirmware("2.0.2", Image(100000, 8));
            rig.Module.FirmwareReadTimeoutMs = 1000;
            MemorySink sink = new MemorySink(716800);
            OtaUpdater updater = new OtaUpdater(rig.Module, sink, 4096);
            Assert.True(updater.Run() == OtaOutcome.Installed, "clean line first");
            rig.Simulator.Faults.CorruptByteProbability = 0.0005;
            sink = new MemorySink(716800);
            OtaOutcome outcome = new OtaUpdater(rig.Module, sink, 4096).Run();
            Assert.NotEqual(OtaOutcome.Installed, outcome);
            Assert.False(sink.Committed);
        }

        [Fact]
        public async Task ModuleRebootMidReadIsRecoveredByStartingOver()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Engine.Start(null);
            byte[] image = Image(200000, 9);
            rig.Simulator.CacheFirmware("2.0.3", image);
            rig.Module.FirmwareReadTimeoutMs = 1000;
            MemorySink sink = new MemorySink(716800);
            OtaUpdater updater = new OtaUpdater(rig.Module, sink, 4096) { Progress = new RebootAt(rig.Simulator, 100000) };
            Assert.Equal(OtaOutcome.ReadFailed, updater.Run());
            Assert.True(sink.Aborted);
            Thread.Sleep(300);
            rig.Engine.ResetReceiver();
            updater.Progress = null;
            Assert.Equal(OtaOutcome.Installed, updater.Run());
            Assert.Equal(image, sink.Data.AsSpan(0, image.Length).ToArray());
        }

        [Fact]
        public async Task ReadingPastTheEndIsCme208()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Engine.Start(null);
            rig.Simulator.CacheFirmware("2.0.4", Image(5000, 10));
            Assert.True(rig.Module.ReadFirmwareInfo(new FirmwareInfo()).IsOk);
            byte[] buffer = new byte[4096];
            Assert.Equal(4096, rig.Module.ReadFirmwareData(buffer, 0, 4096).Length);
            AtResult last = rig.Module.ReadFirmwareData(buffer, 0, 4096);
            Assert.True(last.IsOk);
            Assert.Equal(904, last.Length);
            AtResult past = rig.Module.ReadFirmwareData(buffer, 0, 1);
            Assert.Equal(AtStatus.CmeError, past.Status);
            Assert.Equal(208, past.Code);
            Assert.True(rig.Module.ReadFirmwareInfo(new FirmwareInfo()).IsOk, "FWINFO rewinds");
            Assert.Equal(4096, rig.Module.ReadFirmwareData(buffer, 0, 4096).Length);
        }

        private sealed class RebootAt : IOtaProgress
        {
            private readonly ModuleSimulator _simulator;
            private readonly int _at;
            private bool _done;

            public RebootAt(ModuleSimulator simulator, int at)
            {
                _simulator = simulator;
                _at = at;
            }

            public void OnProgress(int bytes, int total, long elapsedMs)
            {
                if (!_done && bytes >= _at)
                {
                    _done = true;
                    _simulator.Reboot();
                }
            }
        }

        private sealed class NoReset : IModuleReset
        {
            public void Pulse()
            {
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
