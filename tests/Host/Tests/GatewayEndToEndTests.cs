using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Gateway;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// A gateway with two sub-devices, as the device runs it (ConnectionLifecycle, the router, GatewayService, one
    /// ThingClient per device over the generated smart lamp template) against the simulated 2.x module, a broker and
    /// the simulated IoT Explorer: its gateway side (binding, online) and one data template cloud per device.
    /// </summary>
    [Collection("end to end")]
    public class GatewayEndToEndTests
    {
        private const string GatewayPid = "E2EGATEWAY";
        private const string GatewayDn = "gw01";
        private const string SubPid = "E2ESUBLAMP";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

        private sealed class Gateway : IAsyncDisposable, ISubDeviceProduct
        {
            private DeviceRig _rig;

            public ModuleSimulator Simulator => _rig.Simulator;
            public GatewayService Service { get; private set; }
            public SmartLamp[] Lamps { get; } = new SmartLamp[3];
            public ExplorerCloud[] Clouds { get; } = new ExplorerCloud[3];
            public ExplorerGateway Console { get; private set; }
            public SubDevice Sub(int i) => Service.SubDevice(i);
            public StateLog States { get; } = new StateLog();
            public System.Collections.Concurrent.ConcurrentQueue<string> ModuleLog { get; } = new System.Collections.Concurrent.ConcurrentQueue<string>();
            public System.Collections.Concurrent.ConcurrentQueue<string> Wire { get; } = new System.Collections.Concurrent.ConcurrentQueue<string>();

            public static async Task<Gateway> StartAsync()
            {
                Gateway g = new Gateway();
                g._rig = await DeviceRig.CreateAsync(GatewayPid, GatewayDn, "Z2F0ZXdheS1zZWNyZXQ=", "1.0.0", 300, o => o.GatewayTimeoutMs = 4000);
                g.Simulator.Log += text => g.ModuleLog.Enqueue(text);
                g.Simulator.Traced += text => { g.Wire.Enqueue(text); while (g.Wire.Count > 60) g.Wire.TryDequeue(out _); };
                g._rig.Module.GatewayTimeoutMs = 8000;
                g._rig.Cloud.Add(g.Thing(0));
                g.Console = g._rig.Own(new ExplorerGateway(GatewayPid, GatewayDn));
                g.Clouds[0] = g._rig.AddExplorer(GatewayPid, GatewayDn);
                // The sub-devices as a product declares them, through the board entry's GatewaySetup.
                g._rig.Settings.SubDevices = new SubDeviceSettings[2];
                for (int i = 1; i <= 2; i++)
                {
                    string dn = "lamp" + i;
                    string secret = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("sub-secret-" + i));
                    g._rig.Settings.SubDevices[i - 1] = new SubDeviceSettings(SubPid, dn, secret) { FirmwareVersion = "1.0." + i };
                    g.Console.AddSubDevice(SubPid, dn, secret);
                }
                g.Service = GatewaySetup.Add(g._rig.Module, g._rig.Settings, g._rig.Cloud, g);
                g.Service.RetryMs = 2000;
                g._rig.Lifecycle().Observer = g.States;
                await g.Console.StartAsync("127.0.0.1", g._rig.Broker.Port);
                await g._rig.StartAsync();
                return g;
            }

            public void AddServices(SubDevice sub, int index)
            {
                int i = index + 1; // the gateway's own lamp is 0
                sub.Cloud.Add(Thing(i));
                Clouds[i] = _rig.AddExplorer(SubPid, sub.DeviceName);
                Clouds[i].Hears = () => Console.IsOnline(SubPid, sub.DeviceName);
            }

            private ThingClient Thing(int i)
            {
                Lamps[i] = new SmartLamp();
                LampLogic logic = new LampLogic(Lamps[i]);
                ThingClient thing = new ThingClient(Lamps[i].Template, logic, _rig.Clock, "ESP8266", 1024) { ReportPeriodMs = _rig.Settings.TelemetryPeriodMs };
                logic.Client = thing;
                return thing;
            }

            public ValueTask DisposeAsync() => _rig.DisposeAsync();
        }

        private static int Code(JsonObject m) => (int)m["code"];

        private sealed class StateLog : IStateObserver
        {
            private readonly System.Collections.Concurrent.ConcurrentQueue<string> _states = new System.Collections.Concurrent.ConcurrentQueue<string>();

            public void OnStateChanged(AppState state) => _states.Enqueue(AppStateNames.Of(state));

            public override string ToString() => string.Join(" ", _states);
        }

        private static Task Until(Func<bool> condition, string what) => DeviceRig.Until(condition, what, 20000);

        private static async Task BothOnline(Gateway g, int onlines)
        {
            await Until(() => g.Sub(0).State == SubDeviceState.Online && g.Sub(1).State == SubDeviceState.Online
                && g.Sub(0).Onlines >= onlines && g.Sub(1).Onlines >= onlines,
                "both sub-devices online (" + onlines + "): " + g.Sub(0).State + " " + g.Sub(0).LastCode + ", " + g.Sub(1).State + " " + g.Sub(1).LastCode);
            Assert.True(g.Console.IsOnline(SubPid, "lamp1") && g.Console.IsOnline(SubPid, "lamp2"), "the cloud sees both online");
        }

        [Fact]
        public async Task TwoSubDevicesFollowTheirOwnControlsThroughARebootAndAnUnbind()
        {
            await using Gateway g = await Gateway.StartAsync();
            await BothOnline(g, 1);
            Assert.True(g.Console.IsBound(SubPid, "lamp1") && g.Console.IsBound(SubPid, "lamp2"));
            Assert.Equal(2, g.Simulator.SubDevicesOnline.Count);

            // Each follows its own console: a control to one changes that lamp only, with its own reply and report.
            Assert.Equal(0, Code(await g.Clouds[1].ControlAsync("{\"brightness\":30}", Wait)));
            Assert.Equal(0, Code(await g.Clouds[2].ControlAsync("{\"color\":2,\"power_switch\":1}", Wait)));
            Assert.Equal(0, Code(await g.Clouds[0].ControlAsync("{\"brightness\":90}", Wait)));
            Assert.Equal(30, g.Lamps[1].Brightness);
            Assert.Equal(SmartLampColor.Blue, g.Lamps[2].Color);
            Assert.Equal(90, g.Lamps[0].Brightness);
            Assert.NotEqual(30, g.Lamps[2].Brightness);
            await Until(() => (int?)g.Clouds[1].Reported["brightness"] == 30, "lamp1 reported to its own cloud");
            Assert.Equal(406, Code(await g.Clouds[2].ControlAsync("{\"brightness\":101}", Wait)));

            // The module reboots: the gateway comes back, binds and brings both online again, controls work again.
            g.Simulator.Reboot();
            await Until(() => g.Sub(0).State != SubDeviceState.Online, "the reboot is noticed");
            await BothOnline(g, 2);
            Assert.Equal(0, Code(await g.Clouds[1].ControlAsync("{\"brightness\":40}", Wait)));
            Assert.Equal(40, g.Lamps[1].Brightness);
            Assert.Equal(0, Code(await g.Clouds[2].ControlAsync("{\"brightness\":60}", Wait)));
            Assert.Equal(60, g.Lamps[2].Brightness);

            // The product unbinds lamp2: it leaves the cloud, lamp1 goes on following its controls.
            g.Service.Unbind(g.Sub(1));
            await Until(() => !g.Console.IsBound(SubPid, "lamp2") && g.Sub(1).State == SubDeviceState.Unbound, "lamp2 unbound");
            Assert.False(g.Console.IsOnline(SubPid, "lamp2"));
            Assert.Equal(0, Code(await g.Clouds[1].ControlAsync("{\"brightness\":70}", Wait)));
            Assert.Equal(70, g.Lamps[1].Brightness);
            Assert.Single(g.Simulator.SubDevicesOnline);

            // Another reboot: lamp1 back, lamp2 stays unbound (the product's choice outlives reconnects).
            g.Simulator.Reboot();
            await Until(() => g.Sub(0).Onlines >= 3 && g.Sub(0).State == SubDeviceState.Online, "lamp1 online a third time");
            Assert.Equal(0, Code(await g.Clouds[1].ControlAsync("{\"brightness\":20}", Wait)));
            Assert.Equal(SubDeviceState.Unbound, g.Sub(1).State);
            Assert.False(g.Console.IsBound(SubPid, "lamp2"));

            // Bound again by the product: back online and following its console.
            g.Service.Bind(g.Sub(1));
            await BothOnline(g, 3);
            Assert.Equal(0, Code(await g.Clouds[2].ControlAsync("{\"brightness\":10}", Wait)));
            Assert.Equal(10, g.Lamps[2].Brightness);
        }

        [Fact]
        public async Task ASubDeviceUnboundOnTheConsoleIsBoundAgainAtTheNextConnection()
        {
            await using Gateway g = await Gateway.StartAsync();
            await BothOnline(g, 1);
            g.Console.UnbindFromConsole(SubPid, "lamp1");
            g.Simulator.Faults.KillMqttConnection(); // the module reconnects by itself; the gateway's online moment follows
            await Until(() => g.Sub(0).Onlines >= 2 && g.Sub(0).State == SubDeviceState.Online, "lamp1 bound and online again: " + g.Sub(0).State + " " + g.Sub(0).LastCode + "; states " + g.States + "; module: " + string.Join(" | ", g.ModuleLog) + "\nWIRE\n" + string.Join("\n", g.Wire));
            Assert.True(g.Console.IsBound(SubPid, "lamp1"));
            Assert.Equal(0, Code(await g.Clouds[1].ControlAsync("{\"brightness\":33}", Wait)));
            Assert.Equal(33, g.Lamps[1].Brightness);
        }
    }
}
