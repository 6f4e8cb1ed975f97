using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Application
{
    /// <summary>
    /// V3.2.0 and later: the module downloads and installs its own firmware (+TCOTASTATUS:ENTERUPDATE, then
    /// UPDATERESET, then a reboot 2 s later). That is the module's business, not a fault: no reset, no backoff,
    /// no image for the MCU to read, and the device is back online after the module's "ready".
    /// </summary>
    [TestClass]
    public class ModuleSelfUpdateTests
    {
        private static readonly byte[] BootNoise = { 0x00, 0xE0, 0x8C, 0x9E, 0x1C, 0x72, 0x6C, 0xE2, 0x0E, 0xFF };

        [TestMethod]
        public void UpdateResetIsFollowedAsAReboot()
        {
            AppHarness h = new AppHarness(31).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            StateLog states = new StateLog();
            h.App.Observer = states;

            h.Module_Says("+TCOTASTATUS:ENTERUPDATE\r\n");
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Updating), AppStateNames.Of(h.App.State), "the module downloads");

            // Its own firmware: UPDATERESET, then it reboots into it.
            h.Module_Says("+TCOTASTATUS:UPDATERESET\r\n");
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Updating), AppStateNames.Of(h.App.State), "UPDATERESET ends nothing by itself");
            h.Wire.Send(Bytes.Join(BootNoise, Bytes.Of("\r\nready\r\n")));
            h.BootsWithEcho().HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 14);
            Assert.AreEqual(1, h.Resets, "no reset: the module rebooted by itself");
            Assert.IsFalse(states.Saw(AppState.Backoff), "no backoff: " + states.Text);
            Assert.IsFalse(states.Saw(AppState.ResettingModule), "no reset state: " + states.Text);
            h.AssertScriptDone("no image read (AT+TCFWINFO? never sent), detected again, connected again");
        }

        private sealed class StateLog : IStateObserver
        {
            public string Text = "";

            public void OnStateChanged(AppState state)
            {
                Text += AppStateNames.Of(state) + " ";
            }

            public bool Saw(AppState state)
            {
                return Text.IndexOf(AppStateNames.Of(state) + " ") >= 0;
            }
        }
    }
}
