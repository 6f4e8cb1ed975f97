using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Simulator;
using TcAtMcu.Tests.DataTemplate;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Arrays and events_post as the device runs them (ConnectionLifecycle, ThingClient) over the simulated module and a
    /// broker, against the simulated IoT Explorer checking them against the template's JSON.
    /// </summary>
    [Collection("end to end")]
    public class DataTemplateArrayEndToEndTests
    {
        private const string ProductId = "ARRAY00001";
        private const string DeviceName = "d";
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

        // The console's export of ArrayTests.Rig's template.
        private const string TemplateJson = "{\"version\":\"1.0\",\"profile\":{\"ProductId\":\"ARRAY00001\"},\"properties\":["
            + "{\"id\":\"n\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\",\"min\":\"0\",\"max\":\"9\"}}},"
            + "{\"id\":\"f\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"float\",\"min\":\"-1\",\"max\":\"1\",\"step\":\"0.1\"}}},"
            + "{\"id\":\"s\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"string\",\"min\":\"0\",\"max\":\"3\"}}},"
            + "{\"id\":\"w\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"struct\",\"specs\":["
            + "{\"id\":\"a\",\"dataType\":{\"type\":\"int\",\"min\":\"0\",\"max\":\"9\"}},{\"id\":\"b\",\"dataType\":{\"type\":\"string\",\"min\":\"0\",\"max\":\"2\"}}]}}},"
            + "{\"id\":\"r\",\"mode\":\"r\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\",\"min\":\"0\",\"max\":\"9\"}}}],"
            + "\"events\":[{\"id\":\"e\",\"type\":\"info\",\"params\":[{\"id\":\"n\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\",\"min\":\"0\",\"max\":\"9\"}}}]},"
            + "{\"id\":\"f\",\"type\":\"fault\",\"params\":[]}],\"actions\":[]}";

        /// <summary>The rig's product, which on a control that sets two numbers posts both events in one events_post.</summary>
        private sealed class Handler : IThingHandler
        {
            public ArrayTests.Rig Rig;
            public ThingClient Client;
            public TemplateEvent E;
            public TemplateEvent F;
            public int Replies;
            public int LastCode = 999;

            public void OnControl()
            {
                if (Rig.N.Count == 2)
                {
                    Client.QueueEvent(E);
                    Client.QueueEvent(F);
                    Client.SendEvents();
                }
            }

            public int OnAction(TemplateAction action) => 0;

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
                LastCode = code;
                Interlocked.Increment(ref Replies);
            }
        }

        // The cloud's copy of the reported state once it satisfies done.
        private static async Task<JsonObject> ReportedAsync(ExplorerCloud cloud, Func<JsonObject, bool> done)
        {
            DateTime end = DateTime.UtcNow + Wait;
            JsonObject reported = cloud.Reported;
            while (!done(reported) && DateTime.UtcNow < end)
            {
                await Task.Delay(20);
                reported = cloud.Reported;
            }
            return reported;
        }

        [Fact]
        public async Task ArrayControlsReportsAndEventsPostRoundTripTheCloud()
        {
            await using DeviceRig rig = await DeviceRig.CreateAsync(ProductId, DeviceName, "ZTJlLWxhbXA=", "1.0.0", 300);
            Handler handler = new Handler { Rig = new ArrayTests.Rig() };
            ThingClient client = new ThingClient(handler.Rig.Client.Template, handler, rig.Clock, "ESP8266", 1024) { ReportPeriodMs = 300 };
            handler.Client = client;
            handler.E = new TemplateEvent("e", "info", new TemplateValue[] { handler.Rig.N });
            handler.F = new TemplateEvent("f", "fault", new TemplateValue[0]);
            rig.Cloud.Add(client);
            ExplorerCloud cloud = rig.AddExplorer(ProductId, DeviceName, TemplateJson);
            await rig.StartAsync();
            await cloud.WaitFromDeviceAsync(m => (string)m["method"] == "get_status", Wait);
            JsonObject reply = await cloud.ControlAsync("{\"n\":[3,4],\"f\":[0.5,-1],\"s\":[\"a,b\",\"\\\"\"],\"w\":[{\"a\":1,\"b\":\"xy\"}]}", Wait);
            Assert.Equal(0, (int)reply["code"]);
            JsonObject reported = await ReportedAsync(cloud, r => r["n"]?.ToJsonString() == "[3,4]");
            Assert.Equal("[3,4]", reported["n"].ToJsonString());
            Assert.Equal("[0.5,-1]", reported["f"].ToJsonString());
            Assert.Equal(new[] { "a,b", "\"" }, reported["s"].AsArray().Select(x => (string)x));
            Assert.Equal("{\"a\":1,\"b\":\"xy\"}", reported["w"][0].ToJsonString());

            JsonObject posted = await cloud.WaitFromDeviceAsync(m => (string)m["method"] == "events_post", Wait);
            Assert.Equal("[\"e\",\"f\"]", new JsonArray(posted["events"].AsArray().Select(e => (JsonNode)(string)e["eventId"]).ToArray()).ToJsonString());
            Assert.Equal("[3,4]", posted["events"][0]["params"]["n"].ToJsonString());
            await DeviceRig.Until(() => Volatile.Read(ref handler.Replies) >= 2, "both event replies", 10000);
            Assert.Equal(2, handler.Replies);
            Assert.Equal(0, handler.LastCode);
            Assert.Equal(2, cloud.EventsInBatches);

            reply = await cloud.ControlAsync("{\"s\":[\"q\"],\"n\":[1,2,3,4]}", Wait);
            Assert.Equal(406, (int)reply["code"]);
            Assert.Equal("n: too many", (string)reply["status"]);
            reply = await cloud.ControlAsync("{\"w\":[{\"a\":[1]}]}", Wait);
            Assert.Equal("w: wrong type", (string)reply["status"]);
            Assert.Equal("[3,4]", cloud.Reported["n"].ToJsonString());
        }
    }
}
