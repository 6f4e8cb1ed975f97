using nanoFramework.TestFramework;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Services
{
    /// <summary>Log level, diagnostics, device bind and report_info as transcripts: exact AT commands out, module lines in.</summary>
    [TestClass]
    public class DeviceServiceTests
    {
        private const string TcModuleAnswer = "Module HW name: ESP-WROOM-02D\r\nModule FW version: QCloud_AT_v1.0.0_ESP_WiFi\r\n"
            + "Module Mac addr: 3c:71:bf:33:af:fd\r\nModule FW compiled time: Jun 11 2019 20:30:10\r\nModule Flash size: 2MB\r\nOK\r\n";

        private sealed class Lines : ILogSink
        {
            public string Seen = "";

            public void Line(int level, string text)
            {
                Seen += level + " " + text + "\n";
            }
        }

        private sealed class Unbinding : IUnbindHandler
        {
            public string Seen = "";

            public void OnUnbound()
            {
                Seen += "unbound;";
            }

            public void OnUnbindReply(int code)
            {
                Seen += "reply " + code + ";";
            }
        }

        private sealed class Quiet : IThingHandler
        {
            public void OnControl()
            {
            }

            public int OnAction(TemplateAction action)
            {
                return 0;
            }

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
            }
        }

        [TestMethod]
        public void TheCloudsLogLevelFiltersTheFirmwaresLogLines()
        {
            ServiceRig rig = new ServiceRig(61);
            Lines lines = new Lines();
            FirmwareLog log = new FirmwareLog(lines, FirmwareLog.Info);
            LogLevelService service = new LogLevelService(log);
            rig.Router.Add(service);
            rig.Publishes("$log/operation", "{\"type\":\"get_log_level\",\"clientToken\":\"tc-1\"}");
            rig.Online();
            rig.AssertDone("asked after the connection");
            log.Write(FirmwareLog.Debug, "dropped at info");
            rig.Cloud("$log/operation/result", "{\"type\":\"get_log_level\",\"clientToken\":\"tc-9\",\"log_level\":4}");
            Assert.AreEqual(FirmwareLog.Info, log.Level, "another request's answer");
            rig.Cloud("$log/operation/result", "{\"type\":\"get_log_level\",\"clientToken\":\"tc-1\",\"log_level\":4}");
            Assert.AreEqual(FirmwareLog.Debug, log.Level);
            log.Write(FirmwareLog.Debug, "written at debug");
            rig.Cloud("$log/operation/result", "{\"type\":\"log_level_change\",\"log_level\":1}");
            Assert.AreEqual(FirmwareLog.Error, log.Level, "a level the console pushes");
            log.Write(FirmwareLog.Warning, "dropped at error");
            log.Write(FirmwareLog.Error, "an error");
            rig.Cloud("$log/operation/result", "{\"type\":\"log_level_change\",\"log_level\":5}");
            rig.Cloud("$log/operation/result", "{\"type\":\"log_level_change\",\"log_level\":-1}");
            Assert.AreEqual(FirmwareLog.Error, log.Level, "levels outside 0 to 4 are ignored");
            Assert.AreEqual("4 written at debug\n1 an error\n", lines.Seen);
            Assert.AreEqual(2, log.Dropped);
            Assert.AreEqual(3, service.Ignored);
        }

        [TestMethod]
        public void DiagnosticsArePublishedAfterTheConnectionOnRequestAndOnTheirPeriod()
        {
            ServiceRig rig = new ServiceRig(62, true);
            DiagnosticsService diagnostics = new DiagnosticsService(rig.Harness.Module, rig.Clock, null);
            diagnostics.ResetReason = "start";
            rig.Router.Add(diagnostics);
            rig.Clock.Advance(5000);
            rig.Online();
            Assert.AreEqual((long)diagnostics.FirstAfterMs, diagnostics.DueAtMs - rig.Clock.NowMs);
            rig.Wire.On("AT+CWJAP?\r\n", AppHarness.OnAccessPoint);
            string first = ("CTQS08Y5LG/Dev01/diagnostics {\"method\":\"diagnostics\",\"clientToken\":\"tc-1\",\"params\":{\"rssi\":-52,\"uptime_s\":35,"
                + "\"free_bytes\":-1,\"reset_reason\":\"start\",\"module_reboots\":0,\"timeouts\":0,\"busy_retries\":0,\"stale_results\":0,"
                + "\"reports_dropped\":0,\"messages_truncated\":0,\"link_faults\":0}}");
            rig.After(diagnostics.FirstAfterMs);
            Assert.AreEqual(first, rig.Link.Take());
            rig.AssertDone("the first, with the signal");
            Assert.AreEqual((long)diagnostics.PeriodMs, diagnostics.DueAtMs - rig.Clock.NowMs, "then a period later");
            // Asked from the console: at once. No access point now: no rssi.
            rig.Wire.On("AT+CWJAP?\r\n", "No AP\r\nOK\r\n");
            string second = ("CTQS08Y5LG/Dev01/diagnostics {\"method\":\"diagnostics\",\"clientToken\":\"tc-2\",\"params\":{\"uptime_s\":36,"
                + "\"free_bytes\":-1,\"reset_reason\":\"start\",\"module_reboots\":0,\"timeouts\":0,\"busy_retries\":0,\"stale_results\":0,"
                + "\"reports_dropped\":0,\"messages_truncated\":0,\"link_faults\":0}}");
            rig.Clock.Advance(1000);
            rig.CloudOn("CTQS08Y5LG/Dev01/diagnostics/get", "{}");
            rig.Router.Step(rig.Clock.NowMs, 3600000);
            Assert.AreEqual(second, rig.Link.Take());
            rig.AssertDone("on request");
            Assert.AreEqual(1, diagnostics.Requests);
            Assert.AreEqual(2, diagnostics.Published);
        }

        [TestMethod]
        public void TheCloudsUnbindIsTheProductsToHandleAndTheDevicesRequestIsMatchedByToken()
        {
            ServiceRig rig = new ServiceRig(63);
            Unbinding product = new Unbinding();
            BindService bind = new BindService(rig.Clock);
            bind.Handler = product;
            rig.Router.Add(bind);
            rig.Online();
            rig.Cloud("$thing/down/service", "{\"method\":\"unbind_device\",\"clientToken\":\"x\"}");
            Assert.AreEqual("unbound;", product.Seen);
            rig.Publishes("$thing/up/service", "{\"method\":\"unbind_device_request\",\"clientToken\":\"tc-1\",\"deviceName\":\"Dev01\",\"productId\":\"CTQS08Y5LG\"}");
            bind.RequestUnbind();
            rig.Router.Step(rig.Clock.NowMs, 3600000);
            rig.AssertDone("the request");
            rig.Cloud("$thing/down/service", "{\"method\":\"unbind_device_reply\",\"clientToken\":\"tc-01\",\"code\":0}");
            Assert.AreEqual("unbound;", product.Seen, "not our token's bytes");
            rig.Cloud("$thing/down/service", "{\"method\":\"unbind_device_reply\",\"clientToken\":\"tc-1\",\"code\":0}");
            Assert.AreEqual("unbound;reply 0;", product.Seen);
            Assert.IsFalse(bind.Requesting);
            rig.Publishes("$thing/up/service", "{\"method\":\"unbind_device_request\",\"clientToken\":\"tc-2\",\"deviceName\":\"Dev01\",\"productId\":\"CTQS08Y5LG\"}");
            bind.RequestUnbind();
            rig.Router.Step(rig.Clock.NowMs, 3600000);
            rig.After(bind.ReplyWaitMs);
            Assert.AreEqual("unbound;reply 0;reply -1;", product.Seen, "no reply in time");
        }

        [TestMethod]
        public void ReportInfoCarriesTheModuleTheVersionTheMacAndTheLabels()
        {
            ServiceRig rig = new ServiceRig(64, true);
            ThingClient thing = new ThingClient(new SmartLamp().Template, new Quiet(), rig.Clock, "ESP8266", 512);
            thing.Info = new ReportInfo("ESP8266");
            thing.Info.Module = rig.Harness.Module;
            Assert.IsTrue(thing.Info.Label("board", "esp32-devkitc"));
            Assert.IsFalse(thing.Info.Label("a\"b", "x"), "a name that would need escaping");
            rig.Router.Add(thing);
            rig.Wire.On("AT+TCMODULE\r\n", TcModuleAnswer);
            rig.Router.OnOnline(rig.Clock.NowMs);
            rig.AssertDone("AT+TCMODULE once");
            Assert.AreEqual("$thing/up/property/CTQS08Y5LG/Dev01 {\"method\":\"report_info\",\"clientToken\":\"tc-1\",\"params\":{\"module_hardinfo\":\"ESP-WROOM-02D\","
                + "\"module_softinfo\":\"QCloud_AT_v1.0.0_ESP_WiFi\",\"fw_ver\":\"1.0.0\",\"mac\":\"3c:71:bf:33:af:fd\",\"device_label\":{\"board\":\"esp32-devkitc\"}}}\n"
                + "$thing/up/property/CTQS08Y5LG/Dev01 {\"method\":\"get_status\",\"clientToken\":\"tc-2\"}", rig.Link.Take());
        }

        [TestMethod]
        public void EventsCarryTheCloudsTimeAndZeroBeforeIt()
        {
            ServiceRig rig = new ServiceRig(65);
            SmartLamp lamp = new SmartLamp();
            ThingClient thing = new ThingClient(lamp.Template, new Quiet(), rig.Clock, "ESP8266", 512);
            thing.Time = new CloudClock(rig.Clock);
            rig.Router.Add(thing);
            lamp.StatusReport.Message = "m";
            rig.Publishes("$thing/up/event", "{\"method\":\"event_post\",\"clientToken\":\"tc-1\",\"eventId\":\"status_report\",\"type\":\"info\",\"timestamp\":0,"
                + "\"params\":{\"status\":0,\"message\":\"m\"}}");
            Assert.IsTrue(thing.PostEvent(lamp.StatusReport.Event));
            thing.Time.Set(1700000000000, rig.Clock.NowMs);
            rig.Clock.Advance(250);
            rig.Publishes("$thing/up/event", "{\"method\":\"event_post\",\"clientToken\":\"tc-2\",\"eventId\":\"status_report\",\"type\":\"info\",\"timestamp\":1700000000250,"
                + "\"params\":{\"status\":0,\"message\":\"m\"}}");
            Assert.IsTrue(thing.PostEvent(lamp.StatusReport.Event));
            rig.AssertDone("0 (the cloud stamps it), then the cloud's time");
        }
    }
}
