using System;
using nanoFramework.TestFramework;
using TcAtMcu.DataTemplate;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>
    /// The array type through a control and a report: arrays of int, float, string and struct, each with fixed slots;
    /// a bad array (too many, a bad element, nested garbage) leaves everything as it was.
    /// </summary>
    [TestClass]
    public class ArrayTests
    {
        /// <summary>n: up to 3 ints 0..9; f: 2 floats; s: 2 strings of 3 bytes; w: 2 structs {a int, b string}.</summary>
        internal sealed class Rig : IThingHandler, ICloudLink
        {
            public readonly TemplateValue N = TemplateValue.Array("n", TemplateValue.Int("n", 0, 9, true), 3, true);
            public readonly TemplateValue F = TemplateValue.Array("f", TemplateValue.Float("f", -1, 1, 1, true), 2, true);
            public readonly TemplateValue S = TemplateValue.Array("s", TemplateValue.Text("s", 3, true), 2, true);
            public readonly TemplateValue W;
            public readonly TemplateValue R = TemplateValue.Array("r", TemplateValue.Int("r", 0, 9, false), 2, false);
            public readonly ThingClient Client;
            public readonly CloudRouter Router;
            public string Sent = "";
            public int Controls;

            public Rig()
            {
                TemplateValue item = TemplateValue.Struct("w", new TemplateValue[] { TemplateValue.Int("a", 0, 9, true), TemplateValue.Text("b", 2, true) }, true);
                W = TemplateValue.Array("w", item, 2, true);
                Template template = new Template(new TemplateValue[] { N, F, S, W, R }, new TemplateEvent[0], new TemplateAction[0]);
                Router = new CloudRouter(this, new DeviceTopics("ARRAY00001", "d"), new FirmwareVersion("1"));
                Client = new ThingClient(template, this, new FakeClock(0), "ESP8266", 256);
                Router.Add(Client);
            }

            public void OnControl()
            {
                Controls++;
            }

            public int OnAction(TemplateAction action)
            {
                return 0;
            }

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
            }

            public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
            {
                Sent += Bytes.Text(payload, offset, count) + "\n";
                return PublishOutcome.Sent;
            }

            /// <summary>A control with these params; what the device published in answer.</summary>
            public string Control(string parameters)
            {
                Sent = "";
                CloudMessages.Deliver(Router, "$thing/down/property/ARRAY00001/d", Bytes.Of("{\"method\":\"control\",\"clientToken\":\"k\",\"params\":" + parameters + "}"));
                return Sent;
            }

            public string State()
            {
                string s = "n" + N.Count + ":";
                for (int i = 0; i < N.Count; i++) s += N.Element(i).IntValue + ",";
                s += " f" + F.Count + ":";
                for (int i = 0; i < F.Count; i++) s += (int)(F.Element(i).FloatValue * 10) + ",";
                s += " s" + S.Count + ":";
                for (int i = 0; i < S.Count; i++) s += S.Element(i).TextValue + ",";
                s += " w" + W.Count + ":";
                for (int i = 0; i < W.Count; i++) s += W.Element(i).Fields[0].IntValue + "/" + W.Element(i).Fields[1].TextValue + ",";
                return s;
            }
        }

        private const string Ok = "{\"method\":\"control_reply\",\"clientToken\":\"k\",\"code\":0}\n";

        [TestMethod]
        public void EveryElementTypeIsAppliedAndReportedWhole()
        {
            Rig r = new Rig();
            string sent = r.Control("{\"n\":[1,2,3],\"f\":[-0.5,1],\"s\":[\"ab\",\"\\u00e9\"],\"w\":[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"yz\"}]}");
            Assert.AreEqual(Ok + "{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"n\":[1,2,3],\"f\":[-0.5,1],"
                + "\"s\":[\"ab\",\"\u00c3\u00a9\"],\"w\":[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"yz\"}]}}\n", sent);
            Assert.AreEqual("n3:1,2,3, f2:-5,10, s2:ab,\u00e9, w2:1/x,2/yz,", r.State());
            Assert.AreEqual(1, r.Controls);
            sent = r.Control("{\"n\":[4],\"w\":[]}");
            Assert.AreEqual(Ok + "{\"method\":\"report\",\"clientToken\":\"tc-2\",\"params\":{\"n\":[4],\"w\":[]}}\n", sent, "a control replaces the array");
            Assert.AreEqual("n1:4, f2:-5,10, s2:ab,\u00e9, w0:", r.State());
        }

        [TestMethod]
        [DataRow("{\"n\":[1,2,3,4]}", "n: too many")]
        [DataRow("{\"n\":[1,10]}", "n: out of range")]
        [DataRow("{\"n\":[1,\"2\"]}", "n: wrong type")]
        [DataRow("{\"n\":[1.5]}", "n: wrong type")]
        [DataRow("{\"n\":[[1]]}", "n: wrong type")]
        [DataRow("{\"n\":[null]}", "n: wrong type")]
        [DataRow("{\"n\":{\"0\":1}}", "n: wrong type")]
        [DataRow("{\"n\":7}", "n: wrong type")]
        [DataRow("{\"f\":[2]}", "f: out of range")]
        [DataRow("{\"s\":[\"abcd\"]}", "s: too long")]
        [DataRow("{\"s\":[1]}", "s: wrong type")]
        [DataRow("{\"w\":[{\"a\":1,\"c\":2}]}", "w: unknown")]
        [DataRow("{\"w\":[{\"a\":1,\"a\":2}]}", "w: duplicated")]
        [DataRow("{\"w\":[1]}", "w: wrong type")]
        [DataRow("{\"w\":[{\"a\":1},{\"a\":2},{\"a\":3}]}", "w: too many")]
        [DataRow("{\"r\":[1]}", "r: read-only")]
        [DataRow("{\"s\":[\"a\"],\"n\":[1,2],\"n\":[3]}", "n: duplicated")]
        [DataRow("{\"s\":[\"zz\"],\"w\":[{\"a\":5,\"b\":\"q\"}],\"n\":[9,9,9,9]}", "n: too many")]
        public void ABadArrayIsRefusedAndNothingIsApplied(string parameters, string status)
        {
            Rig r = new Rig();
            r.Control("{\"n\":[1,2],\"s\":[\"a\"],\"w\":[{\"a\":3,\"b\":\"c\"}]}");
            string before = r.State();
            string sent = r.Control(parameters);
            Assert.AreEqual("{\"method\":\"control_reply\",\"clientToken\":\"k\",\"code\":406,\"status\":\"" + status + "\"}\n", sent);
            Assert.AreEqual(before, r.State());
            Assert.AreEqual(1, r.Controls);
            Assert.AreEqual("", r.Control("{\"n\":[1,2]}").Substring(Ok.Length), "nothing changed: nothing to report");
        }

        [TestMethod]
        public void TheProductSetsElementsAndTheCountAndTheReportCarriesThem()
        {
            Rig r = new Rig();
            r.N.Element(0).SetInt(7);
            r.N.Element(1).SetInt(8);
            r.N.SetCount(2);
            r.W.Element(0).Fields[1].SetText("hi");
            r.W.SetCount(1);
            r.Sent = "";
            r.Client.ReportChanges();
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"n\":[7,8],\"w\":[{\"a\":0,\"b\":\"hi\"}]}}\n", r.Sent);
            r.Sent = "";
            r.W.Element(0).Fields[0].SetInt(5);
            r.N.Element(2).SetInt(9);
            r.Client.ReportChanges();
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-2\",\"params\":{\"w\":[{\"a\":5,\"b\":\"hi\"}]}}\n", r.Sent,
                "a changed field makes its array due; a slot beyond the count does not");
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => r.N.SetCount(4));
            Assert.ThrowsException(typeof(ArgumentException), () => TemplateValue.Array("x", TemplateValue.Bool("x", true), 2, true));
        }

        [TestMethod]
        public void AnArrayControlAndEventsPostCrossTheModuleFragmented()
        {
            const string Down = "$thing/down/property/ARRAY00001/d";
            const string Up = "$thing/up/property/ARRAY00001/d";
            const string UpEvent = "$thing/up/event/ARRAY00001/d";
            // Escaped, it is longer than one command line: it goes as AT+TCMQTTPUBRAW.
            const string Post = "{\"method\":\"events_post\",\"clientToken\":\"tc-2\",\"events\":[{\"eventId\":\"e\",\"type\":\"info\",\"timestamp\":0,\"params\":{\"s\":[\"a,b\",\"\\\"\"]}},"
                + "{\"eventId\":\"f\",\"type\":\"fault\",\"timestamp\":0,\"params\":{}}]}";
            for (int seed = 30; seed < 33; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed).Connected();
                Rig r = new Rig();
                CloudRouter router = new CloudRouter(h.Module, "ARRAY00001", "d", "1");
                ThingClient client = new ThingClient(r.Client.Template, r, new FakeClock(0), "ESP8266", 256);
                router.Add(client);
                h.Module.Events = router;
                h.Wire.On(ThingOverAtTests.Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"k,1\",\"code\":0}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                    .On(ThingOverAtTests.Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"s\":[\"a,b\",\"\\\"\"],\"w\":[{\"a\":4,\"b\":\"\"}]}}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                    .On("AT+TCMQTTPUBRAW=?\r\n", "+TCMQTTPUBRAW:\"T\",\"Q\",\"L\"\r\nOK\r\n")
                    .On("AT+TCMQTTPUBRAW=\"" + UpEvent + "\",1," + Post.Length + "\r\n", "OK\r\n>\r\n")
                    .On(Post + "\r\n", "+TCMQTTPUBRAW:OK\r\n");
                h.Report(ThingOverAtTests.Received(Down, "{\"method\":\"control\",\"clientToken\":\"k,1\",\"params\":{\"s\":[\"a,b\" , \"\\\"\"],\r\n\"w\":[{\"a\":4}]}}"));
                client.QueueEvent(new TemplateEvent("e", "info", new TemplateValue[] { r.S }));
                client.QueueEvent(new TemplateEvent("f", "fault", new TemplateValue[0]));
                int sent = client.SendEvents();
                h.AssertDone("seed " + seed);
                Assert.AreEqual(2, sent);
                Assert.AreEqual("n0: f0: s2:a,b,\", w1:4/,", r.State());
            }
        }

        [TestMethod]
        public void AStructFieldSetByTheProductMakesTheStructDue()
        {
            TemplateValue a = TemplateValue.Int("a", 0, 9, true);
            TemplateValue p = TemplateValue.Struct("p", new TemplateValue[] { a }, true);
            Assert.IsFalse(p.Changed);
            a.SetInt(3);
            Assert.IsTrue(p.Changed, "reported with the next changes, not only after a full report");
        }
    }
}
