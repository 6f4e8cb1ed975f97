using nanoFramework.TestFramework;
using TcAtMcu.Engine;

namespace TcAtMcu.Tests.Support
{
    /// <summary>An engine wired to a scripted module and a report recorder, single-threaded.</summary>
    public sealed class EngineHarness
    {
        public const int Patience = 2000;

        public EngineHarness(int seed) : this(seed, QuickOptions())
        {
        }

        public EngineHarness(int seed, AtEngineOptions options)
        {
            Module = new ScriptedModule(seed);
            Engine = new AtEngine(Module, options);
            Module.Attach(Engine);
            Reports = new ReportRecorder();
        }

        public ScriptedModule Module { get; private set; }
        public AtEngine Engine { get; private set; }
        public ReportRecorder Reports { get; private set; }

        /// <summary>Engine options with a short busy back-off, so busy tests stay fast.</summary>
        public static AtEngineOptions QuickOptions()
        {
            AtEngineOptions options = new AtEngineOptions();
            options.BusyBackoffMs = 1;
            return options;
        }

        public int Dispatch()
        {
            return Engine.DispatchReports(Reports);
        }

        /// <summary>The MCU sent exactly the script, no more, no less.</summary>
        public void AssertScriptDone(string context)
        {
            Assert.IsNull(Module.Mismatch, context + ": " + Module.Mismatch);
            byte[] sent = Module.WrittenBytes;
            Assert.IsTrue(Module.Done, context + ": script not finished: the MCU sent " + Bytes.Show(sent, 0, sent.Length));
        }

        public string ResponseLine(int index)
        {
            AtResponse r = Engine.Response;
            return Bytes.Text(r.Buffer, r.Offset(index), r.Length(index));
        }

        public static void AssertStatus(AtStatus expected, AtResult actual, string context)
        {
            Assert.AreEqual((int)expected, (int)actual.Status, context + ": status (code " + actual.Code + ")");
        }
    }
}
