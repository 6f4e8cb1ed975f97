using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Run;
using TcAtMcu.Services;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The end-to-end rig: the device as it runs (AT engine, module API, router, ConnectionLifecycle on its own
    /// thread) over the simulated module on an in-process UART and an embedded broker, with the simulated IoT Explorer
    /// clouds the test adds. Declare the device's services on <see cref="Cloud"/>, then <see cref="StartAsync"/>.
    /// </summary>
    public sealed class DeviceRig : IAsyncDisposable, IModuleReset
    {
        private readonly ManualResetEvent _stop = new ManualResetEvent(false);
        private readonly List<IAsyncDisposable> _owned = new List<IAsyncDisposable>();
        private readonly List<ExplorerCloud> _clouds = new List<ExplorerCloud>();
        private StreamLink _link;
        private AtEngine _engine;
        private Thread _loop;

        public EmbeddedBroker Broker { get; private set; }
        public ModuleSimulator Simulator { get; private set; }
        public TcModule Module { get; private set; }
        public SystemClock Clock { get; } = new SystemClock();
        public AppSettings Settings { get; private set; }
        public CloudRouter Cloud { get; private set; }
        public ConnectionLifecycle App { get; private set; }

        /// <summary>The broker, the simulated module (as configured) and the device's side up to its router.</summary>
        public static async Task<DeviceRig> CreateAsync(string productId, string deviceName, string deviceSecret, string version,
            int telemetryMs, Action<SimulatorOptions> simulator = null)
        {
            DeviceRig rig = new DeviceRig();
            rig.Broker = await EmbeddedBroker.StartAsync(0);
            SimulatorOptions options = new SimulatorOptions { BrokerHost = "127.0.0.1", BrokerPort = rig.Broker.Port };
            simulator?.Invoke(options);
            rig.Simulator = new ModuleSimulator(options);
            var (mcu, module) = UartPair.CreateInProcess();
            rig.Simulator.Start(module);
            rig._link = new StreamLink(mcu);
            rig._engine = new AtEngine(rig._link, new AtEngineOptions());
            rig.Module = new TcModule(rig._engine);
            rig.Settings = new AppSettings
            {
                ProductId = productId, DeviceName = deviceName, DeviceSecret = deviceSecret, TelemetryPeriodMs = telemetryMs, BootWaitMs = 200,
            };
            rig.Cloud = new CloudRouter(rig.Module, productId, deviceName, version);
            return rig;
        }

        /// <summary>The smart lamp's template as the console exports it (the host run's copy).</summary>
        public static string SmartLampJson()
        {
            using System.IO.Stream json = typeof(TcAtMcu.Run.Program).Assembly.GetManifestResourceStream("smart-lamp.json");
            return new System.IO.StreamReader(json).ReadToEnd();
        }

        /// <summary>A simulated IoT Explorer data template cloud for a device (the smart lamp's template), started by StartAsync.</summary>
        public ExplorerCloud AddExplorer(string productId, string deviceName) => AddExplorer(productId, deviceName, SmartLampJson());

        /// <summary>A simulated IoT Explorer data template cloud checking the device against templateJson (the console's export).</summary>
        public ExplorerCloud AddExplorer(string productId, string deviceName, string templateJson)
        {
            ExplorerCloud cloud = new ExplorerCloud(productId, deviceName, templateJson);
            _clouds.Add(cloud);
            return cloud;
        }

        /// <summary>Disposed with the rig, before the module and the broker.</summary>
        public T Own<T>(T disposable) where T : IAsyncDisposable
        {
            _owned.Add(disposable);
            return disposable;
        }

        /// <summary>The lifecycle over the router; resetLine false: no reset line, AT+RST resets the module.</summary>
        public ConnectionLifecycle Lifecycle(bool resetLine = true)
        {
            App = new ConnectionLifecycle(Module, Settings, resetLine ? this : null, new StatusLed(new NoLed(), Clock), Clock, Cloud, null);
            return App;
        }

        /// <summary>The clouds, the engine and the lifecycle's thread.</summary>
        public async Task StartAsync()
        {
            foreach (ExplorerCloud cloud in _clouds)
            {
                await cloud.StartAsync("127.0.0.1", Broker.Port);
            }
            _engine.Start(null);
            ConnectionLifecycle app = App ?? Lifecycle();
            _loop = new Thread(() => app.Run(_stop)) { Name = "device" };
            _loop.Start();
        }

        public void Pulse() => Simulator.Reboot();

        public async ValueTask DisposeAsync()
        {
            _stop.Set();
            _loop?.Join();
            _engine?.Stop();
            foreach (ExplorerCloud cloud in _clouds)
            {
                await cloud.DisposeAsync();
            }
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync();
            }
            await Simulator.DisposeAsync();
            await Broker.DisposeAsync();
            _link.Dispose();
        }

        /// <summary>Polls condition every 20 ms until it holds, failing with what after timeoutMs.</summary>
        public static async Task Until(Func<bool> condition, string what, int timeoutMs = 15000)
        {
            DateTime end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < end, "not in time: " + what);
                await Task.Delay(20);
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
