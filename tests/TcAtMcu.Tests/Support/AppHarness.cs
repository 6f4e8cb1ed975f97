using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Module;
using TcAtMcu.Services;

namespace TcAtMcu.Tests.Support
{
    /// <summary>
    /// The application over a scripted module, with a fake clock, a recording LED and a counting reset line.
    /// Steps run on the test's thread; time advances by what each step asks to wait.
    /// </summary>
    public sealed class AppHarness : IModuleReset
    {
        public const string Pid = "CTQS08Y5LG";
        public const string Dn = "Dev01";
        public const string Secret = "ZHNkIGRzZCA=";
        public const string ControlTopic = "$thing/down/property/CTQS08Y5LG/Dev01";
        public const string ReportTopic = "$thing/up/property/CTQS08Y5LG/Dev01";

        /// <summary>The module's AT+GMR answer, as Espressif's ESP8266 AT firmware prints it.</summary>
        public const string GmrAnswer = "AT version:1.6.2.0(Apr 13 2018 11:10:59)\r\nSDK version:2.2.1(6ab97e9)\r\n"
            + "compile time:Jun  7 2018 19:34:26\r\nBin version(Wroom 02):1.6.2\r\nOK\r\n";

        /// <summary>AT+TCVER of a 2.x module (V3.2.1 section 6.7, with the two spaces its firmware source prints).</summary>
        public const string TcverAnswer = "Tencent Cloud IoT AT  version: QCloud_AT_ESP8266_v2.0.0\r\nTencent Cloud IoT SDK version: 3.2.0\r\n"
            + "Firmware compile time: Jun 17 2020 16:25:27\r\nTencent Technology Co. Ltd.\r\n\r\nOK\r\n";

        /// <summary>AT+CWJAP? on a station that is on its access point.</summary>
        public const string OnAccessPoint = "+CWJAP:\"home-ap\",\"a4:2b:b0:11:22:33\",6,-52\r\nOK\r\n";

        public AppHarness(int seed, AppSettings settings) : this(seed, settings, true)
        {
        }

        /// <summary>resetLine false: the board has none, the application resets the module with AT+RST.</summary>
        public AppHarness(int seed, AppSettings settings, bool resetLine)
        {
            Engine = new EngineHarness(seed);
            Module = new TcModule(Engine.Engine);
            Module.LocalTimeoutMs = 30;
            Module.NetworkMarginMs = 0;
            Clock = new FakeClock(1000000);
            Led = new RecordingLed();
            Status = new StatusLed(Led, Clock);
            Button = new ButtonGestures();
            Messages = new ReportRecorder();
            Settings = settings;
            // The cloud side of these tests: the uptime report, and the product's messages on the control topic.
            Cloud = new CloudRouter(Module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            Uptime = new UptimeReport(Clock, settings.TelemetryPeriodMs);
            Cloud.Add(Uptime);
            Cloud.Add(new MessageListener(Messages, new string[] { "$thing/down/property" }));
            App = new ConnectionLifecycle(Module, settings, resetLine ? this : null, Status, Clock, Cloud, Button);
        }

        public AppHarness(int seed) : this(seed, DefaultSettings())
        {
        }

        public static AppSettings DefaultSettings()
        {
            AppSettings s = new AppSettings();
            s.ProductId = Pid;
            s.DeviceName = Dn;
            s.DeviceSecret = Secret;
            s.TelemetryPeriodMs = 10000;
            s.Mqtt.CommandTimeoutMs = 1000;
            return s;
        }

        public EngineHarness Engine { get; private set; }
        public TcModule Module { get; private set; }
        public FakeClock Clock { get; private set; }
        public RecordingLed Led { get; private set; }
        public StatusLed Status { get; private set; }
        public ButtonGestures Button { get; private set; }
        public ReportRecorder Messages { get; private set; }
        public AppSettings Settings { get; private set; }
        public ConnectionLifecycle App { get; private set; }
        public CloudRouter Cloud { get; private set; }
        public UptimeReport Uptime { get; private set; }
        public ScriptedModule Wire { get { return Engine.Module; } }
        public int Resets { get; private set; }

        public void Pulse()
        {
            Resets++;
        }

        /// <summary>Steps until the state is reached (fails after maxSteps), advancing the clock as asked.</summary>
        public void RunUntil(AppState state, int maxSteps)
        {
            for (int i = 0; i < maxSteps; i++)
            {
                if (App.State == state)
                {
                    return;
                }
                StepOnce();
            }
            Assert.AreEqual(AppStateNames.Of(state), AppStateNames.Of(App.State), "state after " + maxSteps + " steps; mismatch: "
                + Wire.Mismatch + "; sent " + Bytes.Show(Wire.WrittenBytes, 0, Wire.WrittenBytes.Length));
        }

        public int StepOnce()
        {
            int wait = App.Step();
            Clock.Advance(wait);
            return wait;
        }

        /// <summary>Module bytes arriving now (reports).</summary>
        public void Module_Says(string wire)
        {
            Wire.Send(wire);
        }

        /// <summary>
        /// The script of a module that boots and accepts the device: AT, ATE0, AT+GMR, the identity read, then
        /// the check of where it stands: not connected, on its access point.
        /// </summary>
        public AppHarness BootsWithIdentity(int checksum)
        {
            return Boots().HasIdentity(checksum).FindsItDisconnected();
        }

        /// <summary>AT, ATE0 (echo off), AT+GMR, AT+TCVER.</summary>
        public AppHarness Boots()
        {
            Wire.On("AT\r\n", "OK\r\n").On("ATE0\r\n", "OK\r\n").On("AT+GMR\r\n", GmrAnswer).On("AT+TCVER\r\n", TcverAnswer);
            return this;
        }

        /// <summary>The same, from a module that has just booted: echo on, as after power-up, a reset or AT+RST.</summary>
        public AppHarness BootsWithEcho()
        {
            Wire.On("AT\r\n", "AT\r\r\n\r\nOK\r\n").On("ATE0\r\n", "ATE0\r\r\n\r\nOK\r\n").On("AT+GMR\r\n", GmrAnswer).On("AT+TCVER\r\n", TcverAnswer);
            return this;
        }

        public AppHarness HasIdentity(int checksum)
        {
            Wire.On("AT+TCDEVINFOSET?\r\n", "+TCDEVINFOSET:1,\"" + Pid + "\",\"" + Dn + "\"," + checksum + ",\"ap-guangzhou\"\r\nOK\r\n");
            return this;
        }

        /// <summary>Checking: AT+TCMQTTSTATE? answers 0, AT+CWJAP? names the access point.</summary>
        public AppHarness FindsItDisconnected()
        {
            Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\nOK\r\n").On("AT+CWJAP?\r\n", OnAccessPoint);
            return this;
        }

        /// <summary>Checking: AT+TCMQTTSTATE? answers 1, AT+TCMQTTSUB? lists the control topic.</summary>
        public AppHarness FindsItConnected()
        {
            Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n")
                .On("AT+TCMQTTSUB?\r\n", "+TCMQTTSUB:\"" + ControlTopic + "\",1\r\nOK\r\n");
            return this;
        }

        /// <summary>The script from connect to online: CONN, SUB control topic, OTASET.</summary>
        public AppHarness ConnectsAndSubscribes()
        {
            Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "OK\r\n+TCMQTTCONN:OK\r\n")
                .On("AT+TCMQTTSUB=\"" + ControlTopic + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCOTASET=1,\"1.0.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            return this;
        }

        /// <summary>One telemetry publish answered with reply.</summary>
        public AppHarness Publishes(int sequence, long uptimeS, string reply)
        {
            Wire.On("AT+TCMQTTPUB=\"" + ReportTopic + "\",1,\"{\\\"method\\\":\\\"report\\\"\\,\\\"clientToken\\\":\\\"tc-" + sequence
                + "\\\"\\,\\\"params\\\":{\\\"uptime_s\\\":" + uptimeS + "}}\"\r\n", reply);
            return this;
        }

        public void AssertPattern(LedPattern pattern, string context)
        {
            Assert.AreEqual(pattern.Name, Status.Pattern.Name, context + ": LED pattern");
        }

        public void AssertScriptDone(string context)
        {
            Engine.AssertScriptDone(context);
        }
    }
}
