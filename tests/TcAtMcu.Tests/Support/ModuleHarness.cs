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
