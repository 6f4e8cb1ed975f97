using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;

namespace TcAtMcu.Tests.Support
{
    /// <summary>A TcModule over a scripted module, with helpers to put it in a state first.</summary>
    public sealed class ModuleHarness
    {
        public ModuleHarness(int seed)
        {
            Engine = new EngineHarness(seed);
            Module = new TcModule(Engine.Engine);
            Module.Events = Engine.Reports;
        }

        public EngineHarness Engine { get; private set; }
        public TcModule Module { get; private set; }
        public ScriptedModule Wire { get { return Engine.Module; } }

        /// <summary>Connects with the default settings through the script.</summary>
        public ModuleHarness Connected()
        {
            Wire.On("AT+TCMQTTCONN=1,5000,240,1,1\r\n", "OK\r\n+TCMQTTCONN:OK\r\n");
            Expect(AtStatus.Ok, Module.Connect(new MqttSettings()), "connect");
            return this;
        }

        /// <summary>AT+TCVER of a V3.1.2 module (its section 6.7 example).</summary>
        public const string TcverV312 = "Tencent Cloud IoT SDK version: 2.3.3\r\nTencent Cloud IoT AT version: AT_v1.0.0_ESP_WiFi\r\n"
            + "Firmware compile time: May 9 2019 18:16:57\r\nTencent Technology Co. Ltd.\r\n\r\nOK\r\n";

        /// <summary>AT+TCVER of a V3.2.1 module (its section 6.7 example).</summary>
        public const string TcverV321 = "Tencent Cloud IoT AT version: QCloud_AT_ESP8266_v2.0.0\r\nTencent Cloud IoT SDK version: 3.2.0\r\n"
            + "Firmware compile time: Jun 17 2020 16:25:27\r\nTencent Technology Co. Ltd.\r\n\r\nOK\r\n";

        /// <summary>Detects the command set through the script (AT+GMR, then AT+TCVER answered with tcver); forgets those bytes.</summary>
        public ModuleHarness Speaks(string tcver)
        {
            Wire.On("AT+GMR\r\n", AppHarness.GmrAnswer).On("AT+TCVER\r\n", tcver);
            Expect(AtStatus.Ok, Module.DetectCommandSet(new ModuleInfo()), "detect");
            Wire.ForgetWritten();
            return this;
        }

        /// <summary>A V3.2.1 module (firmware 2.x).</summary>
        public ModuleHarness SpeaksV321()
        {
            return Speaks(TcverV321);
        }

        /// <summary>A V3.1.2 module (firmware 1.x).</summary>
        public ModuleHarness SpeaksV312()
        {
            return Speaks(TcverV312);
        }

        /// <summary>Feeds module bytes and lets the module follow them, as the dispatcher would.</summary>
        public void Report(string wire)
        {
            Wire.Send(wire);
            Engine.Engine.DispatchReports(Module);
        }

        public string Written { get { return Wire.Written; } }

        public static void Expect(AtStatus status, AtResult result, string context)
        {
            EngineHarness.AssertStatus(status, result, context);
        }

        public static void ExpectRefused(AtRefusal reason, AtResult result, string context)
        {
            EngineHarness.AssertStatus(AtStatus.Refused, result, context);
            Assert.AreEqual((int)reason, result.Code, context + ": refusal");
        }

        public void AssertDone(string context)
        {
            Engine.AssertScriptDone(context);
        }
    }
}
