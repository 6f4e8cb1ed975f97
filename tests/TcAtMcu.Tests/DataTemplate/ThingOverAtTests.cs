using nanoFramework.TestFramework;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>
    /// The data template through the whole stack: the module's +TCMQTTRCVPUB lines in (fragmented at random
    /// boundaries by the scripted module), the exact AT+TCMQTTPUB commands out.
    /// </summary>
    [TestClass]
    public class ThingOverAtTests
    {
        private const string Down = "$thing/down/property/CTQS08Y5LG/Dev01";
        private const string DownAction = "$thing/down/action/CTQS08Y5LG/Dev01";
        private const string Up = "$thing/up/property/CTQS08Y5LG/Dev01";
        private const string UpAction = "$thing/up/action/CTQS08Y5LG/Dev01";

        private sealed class Quiet : IThingHandler
        {
            public SmartLamp Lamp;
            public int Controls;

            public void OnControl()
            {
                Controls++;
            }

            public int OnAction(TemplateAction action)
            {
                Lamp.Blink.Done = true;
                return ThingCodes.Success;
            }

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
            }
        }

        /// <summary>The short publish form: quotes, commas and backslashes escaped for the AT core.</summary>
        internal static string Pub(string topic, string payload)
        {
            string escaped = "";
            for (int i = 0; i < payload.Length; i++)
            {
                char c = payload[i];
                escaped += c == '"' || c == ',' || c == '\\' ? "\\" + c : c.ToString();
            }
            return "AT+TCMQTTPUB=\"" + topic + "\",1,\"" + escaped + "\"\r\n";
        }

        internal static string Received(string topic, string payload)
        {
            return "+TCMQTTRCVPUB:\"" + topic + "\"," + payload.Length + ",\"" + payload + "\"\r\n";
        }

        private static ThingClient Client(ModuleHarness h, Quiet handler)
        {
            handler.Lamp = new SmartLamp();
            CloudRouter router = new CloudRouter(h.Module, "CTQS08Y5LG", "Dev01", "1.0.0");
            ThingClient client = new ThingClient(handler.Lamp.Template, handler, new FakeClock(0), "ESP8266", 512);
            router.Add(client);
            h.Module.Events = router;
            return client;
        }

        [TestMethod]
        public void AControlArrivesAndItsReplyAndReportLeaveAsPublishes()
        {
            ModuleHarness h = new ModuleHarness(21).Connected();
            Quiet handler = new Quiet();
            ThingClient client = Client(h, handler);
            h.Wire.On(Pub(Up, "{\"method\":\"report_info\",\"clientToken\":\"tc-1\",\"params\":{\"module_hardinfo\":\"ESP8266\",\"fw_ver\":\"1.0.0\"}}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                .On(Pub(Up, "{\"method\":\"get_status\",\"clientToken\":\"tc-2\"}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                .On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-3\",\"params\":{\"power_switch\":1,\"brightness\":50,\"color\":0,\"name\":\"\"}}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                .On(Pub(Up, "{\"method\":\"clear_control\",\"clientToken\":\"tc-2\"}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                .On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"clientToken-21f4, \\\"x\\\"\",\"code\":0}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                .On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-4\",\"params\":{\"brightness\":1,\"color\":1,\"name\":\"kitchen, north\"}}"), "OK\r\n+TCMQTTPUB:OK\r\n")
                .On(Pub(UpAction, "{\"method\":\"action_reply\",\"clientToken\":\"a1\",\"code\":0,\"response\":{\"done\":1}}"), "OK\r\n+TCMQTTPUB:OK\r\n");

            client.OnOnline(0);
            h.Report(Received(Down, "{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":0,\"status\":\"success\",\"data\":{\"control\":{\"power_switch\":1}}}"));
            // A control whose payload holds quotes, commas and a CR LF between members: read by its length.
            h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"clientToken-21f4, \\\"x\\\"\",\r\n\"params\":{\"color\":1,\"brightness\":1,\"name\":\"kitchen, north\"}}"));
            h.Report(Received(DownAction, "{\"method\":\"action\",\"clientToken\":\"a1\",\"actionId\":\"blink\",\"timestamp\":1,\"params\":{\"times\":2}}"));
            h.AssertDone("start, control and action");
            Assert.AreEqual(2, handler.Controls);
            Assert.AreEqual("kitchen, north", handler.Lamp.Name);
            Assert.AreEqual(2, client.ControlsApplied);
            Assert.AreEqual(1, client.ActionsAnswered);
        }

        [TestMethod]
        public void AFailedPublishIsCountedAndTheNextMessageIsStillHandled()
        {
            ModuleHarness h = new ModuleHarness(22).Connected();
            Quiet handler = new Quiet();
            ThingClient client = Client(h, handler);
            h.Wire.On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"1\",\"code\":0}"), "OK\r\n+TCMQTTPUB:FAIL,202\r\n")
                .On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"brightness\":9}}"), "OK\r\n+TCMQTTPUB:FAIL,202\r\n")
                .On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"2\",\"code\":406,\"status\":\"color: out of range\"}"), "OK\r\n+TCMQTTPUB:OK\r\n");
            h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":9}}"));
            h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"2\",\"params\":{\"color\":9}}"));
            h.AssertDone("both answered");
            Assert.AreEqual(2, client.PublishFailures);
            Assert.AreEqual(9, handler.Lamp.Brightness);
        }
    }
}
