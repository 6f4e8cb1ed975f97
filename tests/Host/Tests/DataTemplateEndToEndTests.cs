using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The smart lamp as the device runs it (ConnectionLifecycle, ThingClient, the generated template, LampLogic)
    /// over the simulated module and a broker, against the simulated IoT Explorer.
    /// </summary>
    [Collection("end to end")]
    public class DataTemplateEndToEndTests
    {
        private const string ProductId = "E2ELAMP001";
        private const string DeviceName = "lamp01";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        private sealed class Lamp : IAsyncDisposable
        {
            private DeviceRig _rig;

            public SmartLamp Product { get; private set; }
            public LampLogic Logic { get; private set; }
            public ThingClient Client { get; private set; }
            public ExplorerCloud Cloud { get; private set; }
            public ConnectionLifecycle App => _rig.App;

            public static async Task<Lamp> StartAsync(Action<ExplorerCloud> beforeStart = null, int eventTimeoutMs = 10000)
            {
                Lamp l = new Lamp();
                l._rig = await DeviceRig.CreateAsync(ProductId, DeviceName, "ZTJlLWxhbXA=", "1.0.0", 300);
                l.Product = new SmartLamp();
                l.Logic = new LampLogic(l.Product);
                l.Client = new ThingClient(l.Product.Template, l.Logic, l._rig.Clock, "ESP8266", 1024)
                {
                    EventReplyTimeoutMs = eventTimeoutMs,
                    ReportPeriodMs = l._rig.Settings.TelemetryPeriodMs,
                };
                l.Logic.Client = l.Client;
                l._rig.Cloud.Add(l.Client);
                l.Cloud = l._rig.AddExplorer(ProductId, DeviceName);
                beforeStart?.Invoke(l.Cloud);
                await l._rig.StartAsync();
                return l;
            }

            public ValueTask DisposeAsync() => _rig.DisposeAsync();
        }

        private static bool Is(JsonObject m, string method) => (string)m["method"] == method;

        private static int Code(JsonObject m) => (int)m["code"];

        [Fact]
        public async Task TheLampFollowsTheCloudFromStartToActions()
        {
            await using Lamp lamp = await Lamp.StartAsync(cloud => cloud.SetDesired("{\"power_switch\":1,\"color\":1}"));
            // At start: the desired state set while the lamp was off is applied, reported in full, then cleared.
            await lamp.Cloud.WaitFromDeviceAsync(m => Is(m, "clear_control"), Wait);
            JsonObject reported = lamp.Cloud.Reported;
            Assert.Equal(1, (int)reported["power_switch"]);
            Assert.Equal(1, (int)reported["color"]);
            Assert.Equal(50, (int)reported["brightness"]);
            Assert.Equal("", (string)reported["name"]);
            Assert.Equal(SmartLampColor.Green, lamp.Product.Color);

            JsonObject reply = await lamp.Cloud.ControlAsync("{\"brightness\":80,\"name\":\"客厅, \\\"north\\\"\"}", Wait);
            Assert.Equal(0, Code(reply));
            await lamp.Cloud.WaitFromDeviceAsync(m => Is(m, "report") && m["params"]?["brightness"] != null && (int)m["params"]["brightness"] == 80, Wait);
            Assert.Equal("客厅, \"north\"", (string)lamp.Cloud.Reported["name"]);

            reply = await lamp.Cloud.ControlAsync("{\"power_switch\":0,\"brightness\":150}", Wait);
            Assert.Equal(406, Code(reply));
            Assert.Equal("brightness: out of range", (string)reply["status"]);
            Assert.True(lamp.Product.PowerSwitch, "nothing of a refused control is applied");
            Assert.Equal(80, lamp.Product.Brightness);

            reply = await lamp.Cloud.ActionAsync("blink", "{\"times\":3}", Wait);
            Assert.Equal(0, Code(reply));
            Assert.Equal(1, (int)reply["response"]["done"]);
            reply = await lamp.Cloud.ActionAsync("blink", "{\"times\":30}", Wait);
            Assert.Equal(406, Code(reply));

            // Switched on at start: the lamp posted its status event, and the cloud's reply reached it.
            Assert.True(SpinWait.SpinUntil(() => lamp.Logic.EventReplies >= 1, 5000), "event reply");
            Assert.Equal(0, lamp.Logic.LastEventCode);

            // Garbage from the cloud changes nothing and breaks nothing.
            await lamp.Cloud.SendRawAsync("property", Encoding.UTF8.GetBytes("{\"method\":\"control\",\"clientToken\":\"x\",\"params\":{\"brightness\":1}"));
            await lamp.Cloud.SendRawAsync("action", Encoding.UTF8.GetBytes(new string('[', 3000)));
            reply = await lamp.Cloud.ControlAsync("{\"color\":2}", Wait);
            Assert.Equal(0, Code(reply));
            Assert.Equal(80, lamp.Product.Brightness);
            Assert.Equal(AppState.Online, lamp.App.State);
        }

        [Fact]
        public async Task AnEventTheCloudNeverAnswersIsReportedAsAFailure()
        {
            await using Lamp lamp = await Lamp.StartAsync(cloud => cloud.AnswerEvents = false, eventTimeoutMs: 600);
            await lamp.Cloud.WaitFromDeviceAsync(m => Is(m, "report"), Wait);
            JsonObject reply = await lamp.Cloud.ControlAsync("{\"power_switch\":1}", Wait);
            Assert.Equal(0, Code(reply));
            await lamp.Cloud.WaitFromDeviceAsync(m => Is(m, "event_post"), Wait);
            Assert.True(SpinWait.SpinUntil(() => lamp.Logic.EventReplies >= 1, 5000), "the timeout is reported");
            Assert.Equal(ThingCodes.NoReply, lamp.Logic.LastEventCode);
            Assert.Equal(0, lamp.Client.EventsAwaitingReply);
            Assert.Equal(AppState.Online, lamp.App.State);
        }
    }
}
