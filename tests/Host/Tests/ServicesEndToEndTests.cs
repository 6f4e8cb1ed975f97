using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The device services as the product entry registers them (time, log level, bind, diagnostics, report_info, the
    /// data template) over the simulated module and a broker, against the simulated IoT Explorer's side of each.
    /// </summary>
    [Collection("end to end")]
    public class ServicesEndToEndTests
    {
        private const string ProductId = "E2ESERV001";
        private const string DeviceName = "dev01";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

        private sealed class Lines : ILogSink
        {
            public int Count;
            public void Line(int level, string text) => Interlocked.Increment(ref Count);
        }

        private sealed class Quiet : IThingHandler
        {
            public void OnControl()
            {
            }

            public int OnAction(TemplateAction action) => 0;

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
            }
        }

        private sealed class States : IStateObserver
        {
            private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen;
            public States(System.Collections.Concurrent.ConcurrentQueue<string> seen) => _seen = seen;
            public void OnStateChanged(AppState state) => _seen.Enqueue(AppStateNames.Of(state));
        }

        [Fact]
        public async Task EachServiceDoesItsPartWithTheCloud()
        {
            await using DeviceRig rig = await DeviceRig.CreateAsync(ProductId, DeviceName, "c2VydmljZXM=", "2.3.4", 60000);
            TcModule module = rig.Module;
            SystemClock clock = rig.Clock;
            CloudRouter cloud = rig.Cloud;
            CloudClock time = new CloudClock(clock);
            SmartLamp lamp = new SmartLamp();
            ThingClient thing = new ThingClient(lamp.Template, new Quiet(), clock, "ESP8266", 1024) { Time = time };
            thing.Info = new ReportInfo("ESP8266") { Module = module };
            thing.Info.Label("board", "e2e");
            cloud.Add(thing);
            cloud.Add(new TimeService(time, clock));
            FirmwareLog log = new FirmwareLog(new Lines(), FirmwareLog.Info);
            cloud.Add(new LogLevelService(log));
            BindService binding = new BindService(clock);
            cloud.Add(binding);
            DiagnosticsService diagnostics = new DiagnosticsService(module, clock, null) { FirstAfterMs = 200, ResetReason = "e2e" };
            cloud.Add(diagnostics);
            Assert.Equal(7, cloud.SubscriptionCount);
            ConnectionLifecycle app = rig.Lifecycle(resetLine: false);
            FactoryResetOnUnbind reset = new FactoryResetOnUnbind(app);
            binding.Handler = reset;
            app.Binding = binding;

            ExplorerCloud explorer = rig.AddExplorer(ProductId, DeviceName);
            long cloudNow = 1_800_000_000;
            explorer.UnixSeconds = () => cloudNow;
            explorer.LogLevel = 4;
            await rig.StartAsync();
            // report_info with the module's facts and the one version.
            JsonObject info = await explorer.WaitFromDeviceAsync(m => (string)m["method"] == "report_info", Wait);
            Assert.Equal("2.3.4", (string)info["params"]["fw_ver"]);
            Assert.Equal("ESP-WROOM-02D", (string)info["params"]["module_hardinfo"]);
            Assert.NotNull((string)info["params"]["mac"]);
            Assert.Equal("e2e", (string)info["params"]["device_label"]["board"]);
            // The time, the log level.
            await DeviceRig.Until(() => time.Known, "the time");
            Assert.InRange(time.NowUnixMs, cloudNow * 1000, cloudNow * 1000 + 5000);
            await DeviceRig.Until(() => log.Level == 4, "the log level");
            explorer.PushLogLevel(1);
            await DeviceRig.Until(() => log.Level == 1, "a pushed log level");
            // Diagnostics after the connection, then on request.
            await DeviceRig.Until(() => explorer.Diagnostics.Length >= 1, "diagnostics");
            Assert.Equal("e2e", (string)explorer.Diagnostics[0]["params"]["reset_reason"]);
            Assert.True((int)explorer.Diagnostics[0]["params"]["rssi"] < 0);
            explorer.AskDiagnostics();
            await DeviceRig.Until(() => explorer.Diagnostics.Length >= 2, "diagnostics on request");
            // The device asks to be unbound (the factory-reset gesture): the cloud answers 0, the module's identity
            // is cleared and provisioning starts.
            System.Collections.Concurrent.ConcurrentQueue<string> states = new System.Collections.Concurrent.ConcurrentQueue<string>();
            app.Observer = new States(states);
            binding.RequestUnbind();
            await DeviceRig.Until(() => explorer.UnbindRequests == 1, "the unbind request");
            await DeviceRig.Until(() => reset.Resets == 1, "the factory reset");
            await DeviceRig.Until(() => app.State == AppState.Provisioning, "provisioning after the reset");
            Assert.Equal("waiting for module > configuring > checking module > provisioning", string.Join(" > ", states));
        }
    }
}
