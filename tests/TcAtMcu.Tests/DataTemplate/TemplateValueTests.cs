using System;
using nanoFramework.TestFramework;
using TcAtMcu.DataTemplate;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>The types the smart lamp does not use (float, timestamp, struct, read-only) through a control.</summary>
    [TestClass]
    public class TemplateValueTests
    {
        private sealed class Sensor : IThingHandler, ICloudLink
        {
            public readonly TemplateValue Temperature = TemplateValue.Float("temperature", -40, 85, 1, false);
            public readonly TemplateValue Target = TemplateValue.Float("target", 5, 30.5, 2, true);
            public readonly TemplateValue Since = TemplateValue.Timestamp("since", true);
            public readonly TemplateValue X = TemplateValue.Int("x", -100, 100, true);
            public readonly TemplateValue Label = TemplateValue.Text("label", 8, true);
            public readonly TemplateValue Position;
            public readonly ThingClient Client;
            public readonly CloudRouter Router;
            public string Sent = "";
            public int Controls;

            public Sensor()
            {
                Position = TemplateValue.Struct("position", new TemplateValue[] { X, Label }, true);
                Template template = new Template(new TemplateValue[] { Temperature, Target, Since, Position }, new TemplateEvent[0], new TemplateAction[0]);
                Router = new CloudRouter(this, new DeviceTopics("SENSOR0001", "s1"), new FirmwareVersion("2.0"));
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

            public string Control(string parameters)
            {
                Sent = "";
                string topic = "$thing/down/property/SENSOR0001/s1";
                CloudMessages.Deliver(Router, topic, Bytes.Of("{\"method\":\"control\",\"clientToken\":\"k\",\"params\":" + parameters + "}"));
                return Sent;
            }
        }

        [TestMethod]
        public void FloatsTimestampsAndStructsAreAppliedAndReported()
        {
            Sensor s = new Sensor();
            string sent = s.Control("{\"target\":21.25,\"since\":1732406400,\"position\":{\"x\":-7,\"label\":\"hall\"}}");
            Assert.AreEqual(21.25, s.Target.FloatValue);
            Assert.AreEqual(1732406400L, s.Since.IntValue);
            Assert.AreEqual(-7L, s.X.IntValue);
            Assert.AreEqual("hall", s.Label.TextValue);
            Assert.AreEqual("{\"method\":\"control_reply\",\"clientToken\":\"k\",\"code\":0}\n"
                + "{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"target\":21.25,\"since\":1732406400,\"position\":{\"x\":-7,\"label\":\"hall\"}}}\n", sent);
            s.Temperature.SetFloat(-3.25);
            s.Sent = "";
            s.Client.ReportPeriod();
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-2\",\"params\":{\"temperature\":-3.3}}\n", s.Sent, "one decimal");
        }

        [TestMethod]
        [DataRow("{\"temperature\":20}", "temperature: read-only")]
        [DataRow("{\"target\":30.6}", "target: out of range")]
        [DataRow("{\"target\":\"21\"}", "target: wrong type")]
        [DataRow("{\"target\":1e300}", "target: out of range")]
        [DataRow("{\"since\":-1}", "since: out of range")]
        [DataRow("{\"since\":1.5}", "since: wrong type")]
        [DataRow("{\"target\":20,\"position\":{\"x\":1,\"label\":\"too long!\"}}", "position: too long")]
        [DataRow("{\"target\":20,\"position\":{\"x\":1,\"z\":2}}", "position: unknown")]
        [DataRow("{\"target\":20,\"position\":{\"x\":1,\"x\":2}}", "position: duplicated")]
        [DataRow("{\"target\":20,\"position\":[1]}", "position: wrong type")]
        [DataRow("{\"target\":20,\"position\":{\"x\":101}}", "position: out of range")]
        public void AnyBadMemberLeavesEverythingAsItWas(string parameters, string status)
        {
            Sensor s = new Sensor();
            string sent = s.Control(parameters);
            Assert.AreEqual("{\"method\":\"control_reply\",\"clientToken\":\"k\",\"code\":406,\"status\":\"" + status + "\"}\n", sent);
            Assert.AreEqual(5.0, s.Target.FloatValue);
            Assert.AreEqual(0L, s.X.IntValue);
            Assert.AreEqual(0, s.Label.TextLength);
            Assert.AreEqual(0, s.Controls);
        }

        [TestMethod]
        public void TheProductCannotSetAValueOutsideTheTemplate()
        {
            Sensor s = new Sensor();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => s.X.SetInt(101));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => s.Target.SetFloat(4.9));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => s.Label.SetText("123456789"));
            s.Label.SetText("\u00E9t\u00E9");
            Assert.AreEqual(5, s.Label.TextLength, "UTF-8 bytes");
            Assert.AreEqual("\u00E9t\u00E9", s.Label.TextValue);
        }

        [TestMethod]
        public void AStringEnumIsAppliedByItsKeyAndReportedAsIt()
        {
            TemplateValue fan = TemplateValue.StringEnum("fan", new string[] { "auto", "low", "high" }, true);
            Template template = new Template(new TemplateValue[] { fan }, new TemplateEvent[0], new TemplateAction[0]);
            RecordingLink link = new RecordingLink();
            TcAtMcu.Services.CloudRouter router = new TcAtMcu.Services.CloudRouter(link, new TcAtMcu.Services.DeviceTopics("SENSOR0001", "s1"),
                new TcAtMcu.Services.FirmwareVersion("1.0"));
            ThingClient client = new ThingClient(template, new Sensor(), new FakeClock(0), "ESP8266", 256);
            router.Add(client);
            string topic = "$thing/down/property/SENSOR0001/s1";
            CloudMessages.Deliver(router, topic, Bytes.Of("{\"method\":\"control\",\"clientToken\":\"a\",\"params\":{\"fan\":\"h\\u0069gh\"}}"));
            Assert.AreEqual(2L, fan.IntValue, "the key, escapes resolved");
            CloudMessages.Deliver(router, topic, Bytes.Of("{\"method\":\"control\",\"clientToken\":\"b\",\"params\":{\"fan\":\"turbo\"}}"));
            CloudMessages.Deliver(router, topic, Bytes.Of("{\"method\":\"control\",\"clientToken\":\"c\",\"params\":{\"fan\":1}}"));
            Assert.AreEqual(2L, fan.IntValue, "refused: not a key, not a string");
            Assert.AreEqual("$thing/up/property/SENSOR0001/s1 {\"method\":\"control_reply\",\"clientToken\":\"a\",\"code\":0}\n"
                + "$thing/up/property/SENSOR0001/s1 {\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"fan\":\"high\"}}\n"
                + "$thing/up/property/SENSOR0001/s1 {\"method\":\"control_reply\",\"clientToken\":\"b\",\"code\":406,\"status\":\"fan: out of range\"}\n"
                + "$thing/up/property/SENSOR0001/s1 {\"method\":\"control_reply\",\"clientToken\":\"c\",\"code\":406,\"status\":\"fan: wrong type\"}", link.Take());
            fan.SetInt(0);
            client.ReportPeriod();
            Assert.AreEqual("$thing/up/property/SENSOR0001/s1 {\"method\":\"report\",\"clientToken\":\"tc-2\",\"params\":{\"fan\":\"auto\"}}", link.Take());
        }
    }
}
