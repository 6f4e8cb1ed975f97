using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Ota;
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

        [TestMethod]
        public void AnUpdatersLastResultStaysWhatEndedItsRun()
        {
            ModuleHarness h = new ModuleHarness(32);
            h.Wire.On("AT+TCFWINFO?\r\n", "+CME ERROR:208\r\n").On("AT\r\n", "OK\r\n");
            OtaUpdater updater = new OtaUpdater(h.Module, new MemorySink(716800), 4096);
            Assert.AreEqual((int)OtaOutcome.NoImage, (int)updater.Run());
            h.Module.Probe();
            Assert.AreEqual((int)AtStatus.CmeError, (int)updater.LastStatus, "not the next command's");
            Assert.AreEqual(208, updater.LastCode);
        }

        [TestMethod]
        public void AnUpdatersProgressIsTimedByTheClockItIsGiven()
        {
            ModuleHarness h = new ModuleHarness(33);
            FakeClock clock = new FakeClock(5000);
            h.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"1.1.0\",8,\"" + Md5Hex(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }) + "\",716800\r\n")
                .On("AT+TCREADFWDATA=4\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4,"), new byte[] { 1, 2, 3, 4 }, Bytes.Of("\r\n")))
                .On("AT+TCREADFWDATA=4\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4,"), new byte[] { 5, 6, 7, 8 }, Bytes.Of("\r\n")));
            OtaUpdater updater = new OtaUpdater(h.Module, new MemorySink(716800), 4, clock);
            Progress progress = new Progress(clock);
            updater.Progress = progress;
            Assert.AreEqual((int)OtaOutcome.Installed, (int)updater.Run());
            Assert.AreEqual(250L, progress.LastElapsedMs, "the fake clock's 250 ms, not the system's");
        }

        private sealed class Progress : IOtaProgress
        {
            private readonly FakeClock _clock;
            public long LastElapsedMs = -1;

            public Progress(FakeClock clock)
            {
                _clock = clock;
            }

            public void OnProgress(int done, int total, long elapsedMs)
            {
                LastElapsedMs = elapsedMs;
                _clock.Advance(250);
            }
        }

        private static string Md5Hex(byte[] data)
        {
            Md5 md5 = new Md5();
            md5.Update(data, 0, data.Length);
            byte[] digest = new byte[16];
            md5.Final(digest, 0);
            return Bytes.Hex(digest, 0, 16);
        }
    }
}
