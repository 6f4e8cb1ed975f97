using nanoFramework.TestFramework;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>
    /// Issue 19's defects on the cloud's side, as transcripts through the whole stack: the module's +TCMQTTRCVPUB
    /// bytes in, cut at random boundaries (seeds), the exact AT+TCMQTTPUB commands out. A cloud (or whoever can
    /// publish on the device's topics) controls every byte of a payload.
    /// </summary>
    [TestClass]
    public class HostileCloudTests
    {
        private const int Seeds = 12;
        private const string Down = "$thing/down/property/CTQS08Y5LG/Dev01";
        private const string DownEvent = "$thing/down/event/CTQS08Y5LG/Dev01";
        private const string DownAction = "$thing/down/action/CTQS08Y5LG/Dev01";
        private const string Up = "$thing/up/property/CTQS08Y5LG/Dev01";
        private const string UpEvent = "$thing/up/event/CTQS08Y5LG/Dev01";
        private const string UpAction = "$thing/up/action/CTQS08Y5LG/Dev01";
        private const string Accepted = "OK\r\n+TCMQTTPUB:OK\r\n";

        private sealed class Product : IThingHandler
        {
            public SmartLamp Lamp = new SmartLamp();
            public int Controls;
            public int Actions;
            public int EventReplies;
            public int LastEventCode = 999;

            public void OnControl()
            {
                Controls++;
            }

            public int OnAction(TemplateAction action)
            {
                Actions++;
                Lamp.Blink.Done = Lamp.Blink.Times == 2;
                return ThingCodes.Success;
            }

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
                EventReplies++;
                LastEventCode = code;
            }
        }

        private static ThingClient Client(ModuleHarness h, Product product)
        {
            CloudRouter router = new CloudRouter(h.Module, "CTQS08Y5LG", "Dev01", "1.0.0");
            ThingClient client = new ThingClient(product.Lamp.Template, product, new FakeClock(0), "ESP8266", 512);
            router.Add(client);
            h.Module.Events = router;
            return client;
        }

        private static string Pub(string topic, string payload)
        {
            return ThingOverAtTests.Pub(topic, payload);
        }

        private static string Received(string topic, string payload)
        {
            return ThingOverAtTests.Received(topic, payload);
        }

        private static void GoOnline(ModuleHarness h, ThingClient client)
        {
            h.Wire.On(Pub(Up, "{\"method\":\"report_info\",\"clientToken\":\"tc-1\",\"params\":{\"module_hardinfo\":\"ESP8266\",\"fw_ver\":\"1.0.0\"}}"), Accepted)
                .On(Pub(Up, "{\"method\":\"get_status\",\"clientToken\":\"tc-2\"}"), Accepted);
            client.OnOnline(0);
        }

        [TestMethod]
        public void AGetStatusReplyIsOursOnlyWithOurTokensExactBytes()
        {
            // Defect 3: tc-02 (and tc-+2, tc-2.0, tc- 2, tc-0000000002) is not tc-2: it must not apply its desired
            // state nor consume the token, so the real reply still brings the report and the clear_control.
            string[] others = { "tc-02", "tc-+2", "tc-2.0", "tc- 2", "tc-0000000002", "TC-2", "tc-2 ", "tc-4294967298" };
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed).Connected();
                Product product = new Product();
                ThingClient client = Client(h, product);
                GoOnline(h, client);
                for (int i = 0; i < others.Length; i++)
                {
                    h.Report(Received(Down, "{\"method\":\"get_status_reply\",\"clientToken\":\"" + others[i]
                        + "\",\"code\":0,\"data\":{\"control\":{\"brightness\":80}}}"));
                }
                Assert.AreEqual(50, product.Lamp.Brightness, "no other token's desired state; seed " + seed);
                h.Wire.On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-3\",\"params\":{\"power_switch\":1,\"brightness\":50,\"color\":0,\"name\":\"\"}}"), Accepted)
                    .On(Pub(Up, "{\"method\":\"clear_control\",\"clientToken\":\"tc-2\"}"), Accepted);
                h.Report(Received(Down, "{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":0,\"data\":{\"control\":{\"power_switch\":1}}}"));
                h.AssertDone("the real reply answered; seed " + seed);
                Assert.IsTrue(product.Lamp.PowerSwitch);
                Assert.AreEqual(1, product.Controls);
            }
        }

        [TestMethod]
        public void AnEscapedSpellingOfOurTokenIsOurToken()
        {
            // The same JSON string: "tc-\u0032" is tc-2.
            ModuleHarness h = new ModuleHarness(3).Connected();
            Product product = new Product();
            ThingClient client = Client(h, product);
            GoOnline(h, client);
            h.Wire.On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-3\",\"params\":{\"power_switch\":0,\"brightness\":50,\"color\":0,\"name\":\"\"}}"), Accepted);
            h.Report(Received(Down, "{\"method\":\"get_status_reply\",\"clientToken\":\"tc-\\u0032\",\"code\":0,\"data\":{}}"));
            h.AssertDone("the reply to get_status brought the full report");
        }

        [TestMethod]
        public void AnEventReplyCompletesOnlyTheEventWithItsExactToken()
        {
            // Defect 3: an event_reply with tc-01 completed event tc-1.
            string[] others = { "tc-01", "tc-+1", "tc-1.0", "tc-001", "tc-1\\u0000" };
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed).Connected();
                Product product = new Product();
                ThingClient client = Client(h, product);
                h.Wire.On(Pub(UpEvent, "{\"method\":\"event_post\",\"clientToken\":\"tc-1\",\"eventId\":\"status_report\",\"type\":\"info\",\"timestamp\":0,"
                    + "\"params\":{\"status\":0,\"message\":\"\"}}"), Accepted);
                Assert.IsTrue(client.PostEvent(product.Lamp.StatusReport.Event), "posted; seed " + seed);
                for (int i = 0; i < others.Length; i++)
                {
                    h.Report(Received(DownEvent, "{\"method\":\"event_reply\",\"clientToken\":\"" + others[i] + "\",\"code\":0}"));
                }
                Assert.AreEqual(0, product.EventReplies, "not our token; seed " + seed);
                Assert.AreEqual(1, client.EventsAwaitingReply);
                h.Report(Received(DownEvent, "{\"method\":\"event_reply\",\"clientToken\":\"tc-1\",\"code\":0}"));
                Assert.AreEqual(1, product.EventReplies, "ours; seed " + seed);
                Assert.AreEqual(0, product.LastEventCode);
                h.AssertDone("seed " + seed);
            }
        }

        // Each a control setting the lamp's name to text that is not UTF-8; the JSON around it is well-formed.
        private static readonly string[] NotUtf8 =
        {
            "a\u00C0\u00AFb",               // overlong '/' (61 C0 AF 62)
            "\u0080x\u00E5\u00AE",          // a continuation byte as lead, then a cut sequence (80 78 E5 AE)
            "\u00E0\u0080\u00AF",           // overlong 3-byte form
            "\u00ED\u00A0\u0080",           // a surrogate (U+D800) encoded
            "\u00F4\u0090\u0080\u0080",     // above U+10FFFF
            "\u00F8\u0088\u0080\u0080\u0080", // a 5-byte form
            "\u00C1\u00BF",                 // C1 lead
            "\u00FF",
            "\u00E5\u00AE",                 // cut at the end of the string
            "\\uD800",                      // a lone high surrogate escape
            "\\uDC00x",                     // a lone low surrogate escape
            "\\uD83D\\u0041",               // a high surrogate escape followed by no low one
        };

        [TestMethod]
        public void AControlWhoseTextIsNotUtf8IsRefusedAndNeitherStoredNorSent()
        {
            // Defect 4: JSON text must be UTF-8 (RFC 8259 8.1, RFC 3629); the control is refused with 406.
            for (int seed = 1; seed <= 3; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed).Connected();
                Product product = new Product();
                ThingClient client = Client(h, product);
                for (int i = 0; i < NotUtf8.Length; i++)
                {
                    string token = "c" + i;
                    h.Wire.On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"" + token + "\",\"code\":406,\"status\":\"name: not UTF-8\"}"), Accepted);
                    h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"" + token + "\",\"params\":{\"power_switch\":1,\"name\":\"" + NotUtf8[i] + "\"}}"));
                    h.AssertDone("case " + i + ", seed " + seed);
                }
                Assert.AreEqual(0, product.Lamp.NameValue.TextLength, "nothing stored");
                Assert.IsFalse(product.Lamp.PowerSwitch, "nothing applied");
                Assert.AreEqual(0, product.Controls);
                Assert.AreEqual(NotUtf8.Length, client.ControlsRefused);
            }
        }

        [TestMethod]
        public void AMessageWhoseTokenIsNotUtf8IsNotAnswered()
        {
            // Its reply would carry the bytes up: nothing is sent, nothing applied.
            ModuleHarness h = new ModuleHarness(5).Connected();
            Product product = new Product();
            ThingClient client = Client(h, product);
            h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"a\u00C0\u00AF\",\"params\":{\"power_switch\":1}}"));
            h.AssertDone("nothing sent");
            Assert.IsFalse(product.Lamp.PowerSwitch);
            Assert.AreEqual(1, client.MessagesIgnored);
        }

        [TestMethod]
        public void AControlWithValidUtf8IsAppliedAndSentUpByteForByte()
        {
            // 客厅 (E5 AE A2 E5 8E 85), U+1F600 raw (F0 9F 98 80) and as an escaped pair (stored as its 4 bytes), U+10FFFF.
            ModuleHarness h = new ModuleHarness(6).Connected();
            Product product = new Product();
            ThingClient client = Client(h, product);
            string stored = "\u00E5\u00AE\u00A2\u00E5\u008E\u0085\u00F0\u009F\u0098\u0080\u00F0\u009F\u0098\u0080\u00F4\u008F\u00BF\u00BF";
            h.Wire.On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"u\",\"code\":0}"), Accepted)
                .On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"brightness\":50,\"name\":\"" + stored + "\"}}"), Accepted);
            h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"u\",\"params\":{\"name\":\"\u00E5\u00AE\u00A2\u00E5\u008E\u0085\u00F0\u009F\u0098\u0080\\uD83D\\uDE00\u00F4\u008F\u00BF\u00BF\"}}"));
            h.AssertDone("applied and reported");
            Assert.AreEqual(18, product.Lamp.NameValue.TextLength);
            Assert.AreEqual(1, client.ControlsApplied);
        }

        [TestMethod]
        public void EscapedNamesAreTheNamesTheyEscape()
        {
            // Defect 6: "bl\u0069nk" is blink; keys, the method, the actionId and input names alike.
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed).Connected();
                Product product = new Product();
                ThingClient client = Client(h, product);
                h.Wire.On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"k\\u0031\",\"code\":0}"), Accepted)
                    .On(Pub(Up, "{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"brightness\":7,\"name\":\"a/b\"}}"), Accepted)
                    .On(Pub(UpAction, "{\"method\":\"action_reply\",\"clientToken\":\"a1\",\"code\":0,\"response\":{\"done\":1}}"), Accepted);
                h.Report(Received(Down, "{\"m\\u0065thod\":\"c\\u006Fntrol\",\"client\\u0054oken\":\"k\\u0031\",\"p\\u0061rams\":"
                    + "{\"bri\\u0067htness\":7,\"n\\u0061m\\u0065\":\"a\\/b\"}}"));
                h.Report(Received(DownAction, "{\"method\":\"action\",\"clientToken\":\"a1\",\"actionId\":\"bl\\u0069nk\",\"params\":{\"t\\u0069mes\":2}}"));
                h.AssertDone("control applied, action answered; seed " + seed);
                Assert.AreEqual(7, product.Lamp.Brightness);
                Assert.AreEqual("a/b", product.Lamp.Name);
                Assert.AreEqual(1, product.Actions);
                Assert.AreEqual(0, client.ControlsRefused);
            }
        }

        [TestMethod]
        public void AnEscapedNameThatIsNotOneOfOursIsStillUnknown()
        {
            ModuleHarness h = new ModuleHarness(7).Connected();
            Product product = new Product();
            Client(h, product);
            h.Wire.On(Pub(UpAction, "{\"method\":\"action_reply\",\"clientToken\":\"a2\",\"code\":406,\"status\":\"unknown action\"}"), Accepted)
                .On(Pub(Up, "{\"method\":\"control_reply\",\"clientToken\":\"k2\",\"code\":406,\"status\":\"unknown\"}"), Accepted);
            h.Report(Received(DownAction, "{\"method\":\"action\",\"clientToken\":\"a2\",\"actionId\":\"bl\\u0069nks\",\"params\":{\"times\":2}}"));
            h.Report(Received(Down, "{\"method\":\"control\",\"clientToken\":\"k2\",\"params\":{\"n\\u0061me\\u0000\":\"x\"}}"));
            h.AssertDone("both refused");
            Assert.AreEqual(0, product.Actions);
        }
    }
}
