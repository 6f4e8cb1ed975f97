using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Application
{
    /// <summary>Defects of issue 20, item 4, each pinned by its transcript.</summary>
    [TestClass]
    public class LifecycleDefectTests
    {
        [TestMethod]
        public void AfterABackoffTheModuleResetIsEnteredWhereObserversSeeIt()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.ProbeAttempts = 2;
            AppHarness h = new AppHarness(31, settings);
            StateRecorder states = new StateRecorder();
            h.App.Observer = states;
            h.Wire.On("AT\r\n", "").On("AT\r\n", "");
            h.RunUntil(AppState.Backoff, 10);
            states.Seen = "";
            h.Wire.On("AT\r\n", "");
            h.StepOnce();
            h.StepOnce();
            Assert.AreEqual("resetting module > waiting for module", states.Seen);
            Assert.AreEqual(2, h.Resets);
        }
    }
}
