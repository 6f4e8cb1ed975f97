using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Application
{
    /// <summary>
    /// The UART's rate in the lifecycle, on exact bytes: AT+UART_CUR after each boot, the MCU's side switched after the
    /// module's OK, confirmed by AT at the new rate; refusals and silence fall back to the default and say why.
    /// </summary>
    [TestClass]
    public class BaudNegotiationTests
    {
        private const string UartCur921600 = "AT+UART_CUR=921600,8,1,0,0\r\n";

        private static AppHarness Harness(int seed, FakeLine line, bool flowControl)
        {
            AppHarness h = new AppHarness(seed);
            BaudNegotiation speed = new BaudNegotiation(h.Module, line, 921600, flowControl);
            speed.SettleMs = 0;
            speed.Observer = line;
            h.App.Speed = speed;
            return h;
        }

        [TestMethod]
        public void BootNegotiatesTheBoardRateAndConfirmsItThere()
        {
            FakeLine line = new FakeLine(115200);
            AppHarness h = Harness(1, line, false).Boots();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual("115200 921600", line.Rates, "switched once, after the OK");
            Assert.AreEqual("Negotiated@921600", line.Outcomes);
            h.AssertScriptDone("boot, AT+UART_CUR, AT at the new rate, online");
        }

        [TestMethod]
        public void FlowControlIsAskedOfTheModuleWithTheRate()
        {
            FakeLine line = new FakeLine(115200);
            AppHarness h = Harness(2, line, true).Boots();
            h.Wire.On("AT+UART_CUR=921600,8,1,0,3\r\n", "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual("Negotiated@921600", line.Outcomes);
            h.AssertScriptDone("flow 3: RTS and CTS");
        }

        [TestMethod]
        public void RefusedRateRunsAtTheDefaultWithTheReasonAndIsNotAskedAgain()
        {
            FakeLine line = new FakeLine(115200);
            AppHarness h = Harness(3, line, false).Boots();
            h.Wire.On(UartCur921600, "+CME ERROR:204\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual("115200", line.Rates, "never switched");
            Assert.AreEqual("Refused@115200", line.Outcomes);
            Assert.AreEqual(204, line.LastResultCode, "the module's reason");

            // A reboot: its boot does not ask again.
            h.Boots().HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.Module_Says("\r\nready\r\n");
            h.RunUntil(AppState.WaitingForModule, 3);
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual("Refused@115200 GivenUp@115200", line.Outcomes);
            h.AssertScriptDone("refused once, default since");
        }

        [TestMethod]
        public void SilenceAtTheNewRateFallsBackToTheDefault()
        {
            FakeLine line = new FakeLine(115200);
            AppHarness h = Harness(4, line, false).Boots();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "").On("AT\r\n", "").On("AT\r\n", "OK\r\n");
            // Answering at the default: taken for a reboot in the middle; its boot over, asked once more, then given up.
            h.Boots();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "").On("AT\r\n", "").On("AT\r\n", "OK\r\n");
            h.Boots();
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 20);
            Assert.AreEqual("115200 921600 115200 921600 115200", line.Rates);
            Assert.AreEqual("NoAnswerAtRate@115200 NoAnswerAtRate@115200 GivenUp@115200", line.Outcomes);
            h.AssertScriptDone("twice two ATs unanswered at 921600 and one answered at 115200; then the default");
        }

        [TestMethod]
        public void ReadyReturnsToTheDefaultAndNegotiatesAgain()
        {
            FakeLine line = new FakeLine(115200);
            AppHarness h = Harness(5, line, false).Boots();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);

            h.BootsWithEcho();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.Module_Says("\r\nready\r\n");
            h.RunUntil(AppState.WaitingForModule, 3);
            Assert.AreEqual("115200 921600 115200", line.Rates, "back at the default on ready");
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual("115200 921600 115200 921600", line.Rates);
            Assert.AreEqual("Negotiated@921600 Negotiated@921600", line.Outcomes);
            h.AssertScriptDone("negotiated after each boot");
        }

        [TestMethod]
        public void ModuleSilentAtTheNegotiatedRateIsAskedAtTheDefaultBeforeAReset()
        {
            FakeLine line = new FakeLine(115200);
            AppHarness h = Harness(6, line, false).Boots();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            int resets = h.Resets;

            // It rebooted unheard (its "ready" at 115200 was noise at 921600): two publishes go unanswered (the
            // second is the first's retry, 5 s on).
            h.Publishes(1, 1, "").Publishes(2, 6, "");
            h.Wire.On("AT\r\n", "AT\r\r\n\r\nOK\r\n");
            h.BootsWithEcho();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.WaitingForModule, 6);
            Assert.AreEqual("115200 921600 115200", line.Rates, "asked at the default");
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual(resets, h.Resets, "found at the default: no reset");
            Assert.AreEqual("115200 921600 115200 921600", line.Rates);
            h.AssertScriptDone("silent at 921600, answering at 115200, negotiated again");
        }

        [TestMethod]
        public void TheSleepModeSettingIsSetAfterEachBoot()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.ModuleSleep = TcAtMcu.Module.SleepMode.Light;
            AppHarness h = new AppHarness(8, settings).Boots();
            h.Wire.On("AT+SLEEP=1\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            h.BootsWithEcho();
            h.Wire.On("AT+SLEEP=1\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.Module_Says("\r\nready\r\n");
            h.RunUntil(AppState.WaitingForModule, 3);
            h.RunUntil(AppState.Online, 12);
            h.AssertScriptDone("AT+SLEEP=1 after each boot");
        }

        [TestMethod]
        public void AResetReturnsTheLineToTheDefault()
        {
            FakeLine line = new FakeLine(921600);
            AppHarness h = Harness(7, line, false).Boots();
            h.Wire.On(UartCur921600, "OK\r\n").On("AT\r\n", "OK\r\n");
            h.HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual("921600 115200 921600", line.Rates, "the power-up reset set the default first");
            h.AssertScriptDone("reset, default, negotiated");
        }
    }
}
