using nanoFramework.TestFramework;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>The data template's flows as transcripts: messages in on $thing/down, exact publishes out on $thing/up.</summary>
    [TestClass]
    public class ThingClientTests
    {
        private const string Control = "{\"method\":\"control\",\"clientToken\":\"clientToken-7f3a\",\"params\":{\"brightness\":30,\"color\":2}}";

        [TestMethod]
        public void OnlineAsksForTheStateAndReportsInfoOnce()
        {
            ThingHarness h = new ThingHarness();
            h.Client.OnOnline(h.Clock.NowMs);
            Assert.AreEqual("P {\"method\":\"report_info\",\"clientToken\":\"tc-1\",\"params\":{\"module_hardinfo\":\"ESP8266\",\"fw_ver\":\"1.0.0\"}}\n"
                + "P {\"method\":\"get_status\",\"clientToken\":\"tc-2\"}", h.Take());
            Assert.AreEqual("", h.Period(), "the report waits for the reply to get_status");
            h.Clock.Advance(h.Client.StatusReplyWaitMs);
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-3\",\"params\":{\"power_switch\":0,\"brightness\":50,\"color\":0,\"name\":\"\"}}",
                h.Period(), "no reply: the period reports everything");
            Assert.AreEqual("", h.Period(), "then only changes");

            h.Client.OnOnline(h.Clock.NowMs);
            Assert.AreEqual("P {\"method\":\"get_status\",\"clientToken\":\"tc-4\"}", h.Take(), "reconnected: get_status again and no second report_info");
        }

        [TestMethod]
        public void DesiredStateFromGetStatusIsAppliedReportedAndCleared()
        {
            ThingHarness h = new ThingHarness();
            h.Client.OnOnline(h.Clock.NowMs);
            h.Take();
            h.Property("{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":0,\"status\":\"success\",\"data\":{\"reported\":{\"power_switch\":0},"
                + "\"control\":{\"power_switch\":1,\"brightness\":80}}}");
            Assert.IsTrue(h.Lamp.PowerSwitch);
            Assert.AreEqual(80, h.Lamp.Brightness);
            Assert.AreEqual(1, h.Controls);
            Assert.IsTrue(h.Lamp.PowerSwitchValue.Controlled);
            Assert.IsFalse(h.Lamp.ColorValue.Controlled);
            Assert.AreEqual("P {\"method\":\"report\",\"clientToken\":\"tc-3\",\"params\":{\"power_switch\":1,\"brightness\":80,\"color\":0,\"name\":\"\"}}\n"
                + "P {\"method\":\"clear_control\",\"clientToken\":\"tc-2\"}", h.Take());
            Assert.AreEqual("", h.Period());
        }

        [TestMethod]
        public void AStaleOrFailedGetStatusReplyIsNotApplied()
        {
            ThingHarness h = new ThingHarness();
            h.Client.OnOnline(h.Clock.NowMs);
            h.Take();
            h.Property("{\"method\":\"get_status_reply\",\"clientToken\":\"tc-1\",\"code\":0,\"data\":{\"control\":{\"brightness\":80}}}");
            h.Property("{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":500,\"data\":{\"control\":{\"brightness\":81}}}");
            Assert.AreEqual(50, h.Lamp.Brightness);
            Assert.AreEqual("", h.Take());
            Assert.AreEqual(0, h.Controls);
        }

        [TestMethod]
        public void AGetStatusReplyWithoutDesiredStateBringsTheFullReport()
        {
            ThingHarness h = new ThingHarness();
            h.Client.OnOnline(h.Clock.NowMs);
            h.Take();
            h.Property("{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":0,\"status\":\"success\",\"data\":{\"reported\":{\"brightness\":7}}}");
            Assert.AreEqual("P {\"method\":\"report\",\"clientToken\":\"tc-3\",\"params\":{\"power_switch\":0,\"brightness\":50,\"color\":0,\"name\":\"\"}}", h.Take());
            Assert.AreEqual(50, h.Lamp.Brightness, "reported is the cloud's copy and not an order");
            Assert.AreEqual("", h.Period());
        }

        [TestMethod]
        public void ControlIsAppliedThenRepliedWithItsTokenThenTheChangesReported()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Property(Control);
            Assert.AreEqual(30, h.Lamp.Brightness);
            Assert.AreEqual((int)SmartLampColor.Blue, (int)h.Lamp.Color);
            Assert.AreEqual("P {\"method\":\"control_reply\",\"clientToken\":\"clientToken-7f3a\",\"code\":0}\n"
                + "P {\"method\":\"report\",\"clientToken\":\"tc-4\",\"params\":{\"brightness\":30,\"color\":2}}", h.Take());
            Assert.AreEqual(1, h.Controls);
            Assert.AreEqual(1, h.Client.ControlsApplied);
        }

        [TestMethod]
        public void ControlOfTheSameValuesRepliesButReportsNothing()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Property("{\"method\":\"control\",\"clientToken\":\"a\",\"params\":{\"brightness\":50}}");
            Assert.AreEqual("P {\"method\":\"control_reply\",\"clientToken\":\"a\",\"code\":0}", h.Take());
        }

        [TestMethod]
        [DataRow("{\"power_switch\":1,\"brightness\":101}", "brightness: out of range")]
        [DataRow("{\"power_switch\":1,\"brightness\":-1}", "brightness: out of range")]
        [DataRow("{\"power_switch\":1,\"brightness\":\"50\"}", "brightness: wrong type")]
        [DataRow("{\"power_switch\":1,\"brightness\":50.5}", "brightness: wrong type")]
        [DataRow("{\"power_switch\":1,\"brightness\":null}", "brightness: wrong type")]
        [DataRow("{\"power_switch\":1,\"brightness\":99999999999999999999999}", "brightness: out of range")]
        [DataRow("{\"power_switch\":1,\"brightness\":{\"a\":1}}", "brightness: wrong type")]
        [DataRow("{\"power_switch\":1,\"brightness\":1e400}", "brightness: wrong type")]
        [DataRow("{\"power_switch\":2}", "power_switch: out of range")]
        [DataRow("{\"power_switch\":1,\"color\":3}", "color: out of range")]
        [DataRow("{\"power_switch\":1,\"name\":\"0123456789012345678901234567890123\"}", "name: too long")]
        [DataRow("{\"power_switch\":1,\"name\":5}", "name: wrong type")]
        [DataRow("{\"power_switch\":1,\"volume\":5}", "unknown")]
        [DataRow("{\"power_switch\":1,\"power_switch\":0}", "power_switch: duplicated")]
        public void ABadParameterRefusesTheWholeControl(string parameters, string status)
        {
            ThingHarness h = new ThingHarness().Started();
            h.Property("{\"method\":\"control\",\"clientToken\":\"c-9\",\"params\":" + parameters + "}");
            Assert.AreEqual("P {\"method\":\"control_reply\",\"clientToken\":\"c-9\",\"code\":406,\"status\":\"" + status + "\"}", h.Take());
            Assert.IsFalse(h.Lamp.PowerSwitch, "power_switch was valid but must not be applied alone");
            Assert.AreEqual(50, h.Lamp.Brightness);
            Assert.AreEqual("", h.Lamp.Name);
            Assert.AreEqual(0, h.Controls);
            Assert.AreEqual(1, h.Client.ControlsRefused);
            Assert.AreEqual("", h.Period(), "nothing changed");
        }

        [TestMethod]
        public void StringsKeepTheirUtf8AndEscapesBothWays()
        {
            ThingHarness h = new ThingHarness().Started();
            // "客厅 \"A\"\\n" sent with a \u escape for the first character and raw UTF-8 for the second.
            h.Property("{\"method\":\"control\",\"clientToken\":\"t\\\"1\",\"params\":{\"name\":\"\\u5ba2\u00E5\u008E\u0085 \\\"A\\\"\\\\n\\t\"}}");
            Assert.AreEqual("\u00E5\u00AE\u00A2\u00E5\u008E\u0085 \"A\"\\n\t", Bytes.Text(h.Lamp.NameValue.TextBytes, 0, h.Lamp.NameValue.TextLength));
            Assert.AreEqual("P {\"method\":\"control_reply\",\"clientToken\":\"t\\\"1\",\"code\":0}\n"
                + "P {\"method\":\"report\",\"clientToken\":\"tc-4\",\"params\":{\"name\":\"\u00E5\u00AE\u00A2\u00E5\u008E\u0085 \\\"A\\\"\\\\n\\t\"}}", h.Take());
        }

        [TestMethod]
        public void ATokenTooLongToCopyIsNotAnswered()
        {
            ThingHarness h = new ThingHarness().Started();
            string token = "0123456789012345678901234567890123456789012345678901234567890123";
            h.Property("{\"method\":\"control\",\"clientToken\":\"" + token + "x\",\"params\":{\"brightness\":1}}");
            Assert.AreEqual("", h.Take());
            Assert.AreEqual(50, h.Lamp.Brightness);
            h.Property("{\"method\":\"control\",\"clientToken\":\"" + token + "\",\"params\":{\"brightness\":1}}");
            Assert.AreEqual(1, h.Lamp.Brightness, "64 bytes fit");
        }

        [TestMethod]
        public void HostileMessagesNeverCrashNorApply()
        {
            string deep = "";
            for (int i = 0; i < 40; i++)
            {
                deep += "{\"a\":";
            }
            string[] hostile =
            {
                "", "{", "}", "[]", "null", "\"control\"", "{\"method\":\"control\"", "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":1}",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":1}}}", "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":1}} x",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":1,}}", "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\" 1}}",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":01}}", "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"name\":\"a\nb\"}}",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"name\":\"\\x\"}}", "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"name\":\"\\u12\"}}",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"name\":\"abc", "{\"method\":\"control\",\"method\":\"control\",\"clientToken\":\"1\",\"params\":{}}",
                "{\"method\":\"control\",\"clientToken\":1,\"params\":{\"brightness\":1}}", "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":[1]}",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":1},\"x\":" + deep + "1",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":-}}",
                "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"brightness\":tru}}", "\u00FF\u00FE{}", "{\"method\":\"control\",\"clientToken\":\"1\"}",
            };
            ThingHarness h = new ThingHarness().Started();
            for (int i = 0; i < hostile.Length; i++)
            {
                h.Property(hostile[i]);
                h.Action(hostile[i]);
                h.Event(hostile[i]);
                Assert.AreEqual(50, h.Lamp.Brightness, "applied by #" + i);
                Assert.AreEqual("", h.Take(), "answered #" + i);
            }
            Assert.AreEqual(0, h.Controls);
        }

        [TestMethod]
        public void EveryTruncationOfAControlIsIgnored()
        {
            ThingHarness h = new ThingHarness().Started();
            byte[] whole = Bytes.Of(Control);
            for (int n = 0; n < whole.Length; n++)
            {
                byte[] part = new byte[n];
                System.Array.Copy(whole, part, n);
                h.Down(h.Client.DownProperty.Text, part);
            }
            Assert.AreEqual("", h.Take());
            Assert.AreEqual(50, h.Lamp.Brightness);
            h.Down(h.Client.DownProperty.Text, whole);
            Assert.AreEqual(30, h.Lamp.Brightness, "the whole message still works");
        }

        [TestMethod]
        public void MessagesOnOtherTopicsOrWithTheWrongMethodAreIgnored()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Down("$thing/down/property/OTHERPID00/Dev01", Bytes.Of(Control));
            h.Down(h.Client.DownProperty.Text + "x", Bytes.Of(Control));
            h.Event(Control);
            h.Action(Control);
            h.Property("{\"method\":\"action\",\"clientToken\":\"1\",\"actionId\":\"blink\",\"params\":{\"times\":3}}");
            Assert.AreEqual("", h.Take());
            Assert.AreEqual(50, h.Lamp.Brightness);
            Assert.AreEqual(0, h.Actions);
        }

        [TestMethod]
        public void OnlyChangedPropertiesAreReportedUnlessAllAreAskedFor()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Lamp.Brightness = 70;
            h.Lamp.Name = "desk";
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-4\",\"params\":{\"brightness\":70,\"name\":\"desk\"}}", h.Period());
            h.Lamp.Brightness = 70;
            Assert.AreEqual("", h.Period(), "same value: nothing to report");
            h.Client.RequestFullReport();
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-5\",\"params\":{\"power_switch\":0,\"brightness\":70,\"color\":0,\"name\":\"desk\"}}", h.Period());
            h.Property("{\"method\":\"report_reply\",\"clientToken\":\"tc-5\",\"code\":406,\"status\":\"Not find PropertySchema\"}");
            Assert.AreEqual(406, h.Client.LastReportCode);
        }

        [TestMethod]
        public void AReportThatDoesNotFitIsNotSentAndNothingIsLost()
        {
            ThingHarness h = new ThingHarness(110).Started();
            h.Lamp.Brightness = 70;
            h.Lamp.Name = "a name of thirty-two bytes, long";
            h.Client.RequestFullReport();
            Assert.AreEqual("", h.Period(), "does not fit the 110 bytes");
            Assert.AreEqual(1, h.Client.PublishFailures);
            h.Lamp.Name = "";
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-5\",\"params\":{\"power_switch\":0,\"brightness\":70,\"color\":0,\"name\":\"\"}}", h.Period(),
                "everything is due again, not only the name");
        }

        [TestMethod]
        public void AnEventIsPostedAndItsReplyMatchedByToken()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Lamp.StatusReport.Status = true;
            h.Lamp.StatusReport.Message = "fan stuck";
            Assert.IsTrue(h.Client.PostEvent(h.Lamp.StatusReport.Event));
            Assert.AreEqual("E {\"method\":\"event_post\",\"clientToken\":\"tc-4\",\"eventId\":\"status_report\",\"type\":\"info\",\"timestamp\":0,"
                + "\"params\":{\"status\":1,\"message\":\"fan stuck\"}}", h.Take());
            h.Event("{\"method\":\"event_reply\",\"clientToken\":\"tc-3\",\"code\":0,\"status\":\"\",\"data\":{}}");
            Assert.AreEqual(0, h.EventReplies, "not our event's token");
            h.Property("{\"method\":\"event_reply\",\"clientToken\":\"tc-4\",\"code\":0}");
            Assert.AreEqual(0, h.EventReplies, "wrong topic");
            h.Event("{\"method\":\"event_reply\",\"clientToken\":\"tc-4\",\"code\":0,\"status\":\"\",\"data\":{}}");
            Assert.AreEqual(1, h.EventReplies);
            Assert.AreEqual(0, h.LastEventCode);
            Assert.AreSame(h.Lamp.StatusReport.Event, h.LastEvent);
            Assert.AreEqual(0, h.Client.EventsAwaitingReply);
            h.Event("{\"method\":\"event_reply\",\"clientToken\":\"tc-4\",\"code\":0}");
            Assert.AreEqual(1, h.EventReplies, "a second reply is ignored");
        }

        [TestMethod]
        public void AnEventWithoutReplyIsReportedAsAFailureAfterTheTimeout()
        {
            ThingHarness h = new ThingHarness().Started();
            Assert.IsTrue(h.Client.PostEvent(h.Lamp.StatusReport.Event));
            h.Clock.Advance(h.Client.EventReplyTimeoutMs - 1);
            h.Period();
            Assert.AreEqual(0, h.EventReplies);
            h.Clock.Advance(1);
            h.Period();
            Assert.AreEqual(1, h.EventReplies);
            Assert.AreEqual(ThingCodes.NoReply, h.LastEventCode);
            h.Event("{\"method\":\"event_reply\",\"clientToken\":\"tc-4\",\"code\":0}");
            Assert.AreEqual(1, h.EventReplies, "a late reply is ignored");
        }

        [TestMethod]
        public void TheEventTableIsBoundedAndAFailedPublishTakesNoSlot()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Refuse = true;
            Assert.IsFalse(h.Client.PostEvent(h.Lamp.StatusReport.Event));
            Assert.AreEqual(0, h.Client.EventsAwaitingReply);
            h.Refuse = false;
            for (int i = 0; i < ThingClient.EventSlots; i++)
            {
                Assert.IsTrue(h.Client.PostEvent(h.Lamp.StatusReport.Event));
            }
            Assert.IsFalse(h.Client.PostEvent(h.Lamp.StatusReport.Event), "table full");
            h.Event("{\"method\":\"event_reply\",\"clientToken\":\"tc-6\",\"code\":406,\"status\":\"Param count not match\",\"data\":{}}");
            Assert.AreEqual(406, h.LastEventCode);
            Assert.IsTrue(h.Client.PostEvent(h.Lamp.StatusReport.Event), "a slot is free again");
        }

        [TestMethod]
        public void AnActionIsDispatchedAndAnsweredWithTypedOutputs()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Action("{\"method\":\"action\",\"clientToken\":\"20a4ccfd::x\",\"actionId\":\"blink\",\"timestamp\":1700000000,\"params\":{\"times\":3}}");
            Assert.AreEqual(1, h.Actions);
            Assert.AreEqual(3, h.Lamp.Blink.Times);
            Assert.AreEqual("A {\"method\":\"action_reply\",\"clientToken\":\"20a4ccfd::x\",\"code\":0,\"response\":{\"done\":1}}", h.Take());
            h.ActionCode = 5;
            h.Action("{\"method\":\"action\",\"clientToken\":\"y\",\"actionId\":\"blink\",\"params\":{\"times\":1}}");
            Assert.AreEqual("A {\"method\":\"action_reply\",\"clientToken\":\"y\",\"code\":5,\"response\":{\"done\":0}}", h.Take());
        }

        [TestMethod]
        [DataRow("\"actionId\":\"blink\",\"params\":{\"times\":11}", "times: out of range")]
        [DataRow("\"actionId\":\"blink\",\"params\":{}", "times: missing")]
        [DataRow("\"actionId\":\"blink\"", "missing")]
        [DataRow("\"actionId\":\"blink\",\"params\":{\"times\":2,\"speed\":1}", "unknown")]
        [DataRow("\"actionId\":\"dance\",\"params\":{}", "unknown action")]
        [DataRow("\"params\":{\"times\":2}", "unknown action")]
        public void ABadActionIsAnswered406WithoutCallingTheProduct(string body, string status)
        {
            ThingHarness h = new ThingHarness().Started();
            h.Action("{\"method\":\"action\",\"clientToken\":\"z\"," + body + "}");
            Assert.AreEqual(0, h.Actions);
            Assert.AreEqual("A {\"method\":\"action_reply\",\"clientToken\":\"z\",\"code\":406,\"status\":\"" + status + "\"}", h.Take());
        }

        [TestMethod]
        public void APublishRefusedByTheModuleIsCountedNotThrown()
        {
            ThingHarness h = new ThingHarness().Started();
            h.Refuse = true;
            h.Property(Control);
            Assert.AreEqual(30, h.Lamp.Brightness, "applied: the reply was lost and not the control");
            Assert.AreEqual(2, h.Client.PublishFailures);
            h.Refuse = false;
            Assert.AreEqual("", h.Take());
            Assert.AreEqual("{\"method\":\"report\",\"clientToken\":\"tc-5\",\"params\":{\"power_switch\":0,\"brightness\":30,\"color\":2,\"name\":\"\"}}",
                h.Period(), "the report that was not sent is due again");
        }
    }
}
