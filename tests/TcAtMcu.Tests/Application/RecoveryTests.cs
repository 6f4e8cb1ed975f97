using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Application
{
    /// <summary>
    /// Recoveries that must not depend on one report arriving: each module failure is found by asking the module,
    /// within seconds on the fake clock, and handled by what it answers. Exact bytes, random fragmentation.
    /// </summary>
    [TestClass]
    public class RecoveryTests
    {
        // What an ESP8266 prints at 74880 baud while booting, seen at 115200: bytes that are no line of the protocol.
        private static readonly byte[] BootNoise =
        {
            0x00, 0xE0, 0x8C, 0xFC, 0x12, 0x92, 0x6E, 0x9C, 0xE2, 0xEC, 0x12, 0x62, 0x0C, 0x8C, 0x82, 0xFE, 0x0D, 0x0A,
            0xF2, 0x00, 0x6C, 0x80, 0x0D, 0x0A,
        };

        private static AppHarness Online(int seed)
        {
            AppHarness h = new AppHarness(seed).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            Assert.AreEqual(1, h.App.Published);
            return h;
        }

        private static void AssertState(AppState expected, AppHarness h, string context)
        {
            Assert.AreEqual(AppStateNames.Of(expected), AppStateNames.Of(h.App.State), context);
        }

        [TestMethod]
        public void RebootWhileReconnectingIsFollowedAtOnceWithoutAReset()
        {
            AppHarness h = Online(21);
            h.Module_Says("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n");
            h.StepOnce();
            AssertState(AppState.Reconnecting, h, "link dropped");

            // The module reboots: no +TCMQTTRECONNECTED or -106 will ever come, only its boot noise and "ready".
            long rebootAt = h.Clock.NowMs;
            h.Wire.Send(Bytes.Join(BootNoise, Bytes.Of("ready\r\n")));
            h.BootsWithEcho().HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.StepOnce();
            AssertState(AppState.WaitingForModule, h, "ready seen");
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual(1, h.Resets, "no reset: it rebooted by itself");
            Assert.IsTrue(h.Clock.NowMs - rebootAt < 1000, "back online " + (h.Clock.NowMs - rebootAt) + " ms after the reboot");
            h.AssertScriptDone("echoed AT and ATE0 answered, connected and subscribed again");
        }

        [TestMethod]
        public void RebootWithItsReadyLostIsFoundByAskingWhileReconnecting()
        {
            AppHarness h = Online(22);
            h.Module_Says("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n");
            h.StepOnce();
            AssertState(AppState.Reconnecting, h, "link dropped");
            long lostAt = h.Clock.NowMs;

            // Rebooted, "ready" lost on the UART: echo is on again and the module no longer reconnects.
            h.Wire.On("AT+TCMQTTSTATE?\r\n", "AT+TCMQTTSTATE?\r\r\n\r\n+TCMQTTSTATE:0\r\n\r\nOK\r\n")
                .On("AT+TCMQTTDISCONN\r\n", "AT+TCMQTTDISCONN\r\r\n\r\n+CME ERROR:208\r\n")
                .On("ATE0\r\n", "ATE0\r\r\n\r\nOK\r\n");
            h.ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 8);
            Assert.AreEqual(1, h.Resets);
            Assert.IsTrue(h.Clock.NowMs - lostAt <= 6000, "found " + (h.Clock.NowMs - lostAt) + " ms after the drop");
            h.AssertScriptDone("asked, ended the module's attempts, echo off again, connected");
        }

        [TestMethod]
        public void SilentModuleOnlineIsFoundByTheHealthCheckAndReset()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.TelemetryPeriodMs = 60000;
            settings.HealthCheckMs = 10000;
            AppHarness h = new AppHarness(23, settings).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            long silentFrom = h.Clock.NowMs;

            h.Wire.On("AT+TCMQTTSTATE?\r\n", "").On("AT+TCMQTTSTATE?\r\n", "");
            h.RunUntil(AppState.Backoff, 4);
            Assert.IsTrue(h.Clock.NowMs - silentFrom <= 10000, "silence found " + (h.Clock.NowMs - silentFrom) + " ms in, before the next telemetry");
            h.AssertPattern(LedPattern.ErrorFlash, "backoff");
            h.BootsWithIdentity(116).ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual(2, h.Resets, "reset after two unanswered checks");
            h.AssertScriptDone("two unanswered state checks, reset, online");
        }

        [TestMethod]
        public void HealthCheckThatFindsTheModuleConnectedStaysOnline()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.TelemetryPeriodMs = 60000;
            AppHarness h = new AppHarness(24, settings).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            h.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
            h.StepOnce();
            AssertState(AppState.Online, h, "still online");
            h.AssertScriptDone("one state check");
        }

        [TestMethod]
        public void WifiLostStopsMqttAttemptsUntilItIsBack()
        {
            AppHarness h = Online(25);
            h.Module_Says("WIFI DISCONNECT\r\n+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n");
            h.StepOnce();
            AssertState(AppState.WifiDown, h, "WiFi lost");
            h.AssertPattern(LedPattern.NoWifi, "WiFi down");

            // Asked every StateCheckMs: still no access point. No MQTT command meanwhile.
            h.Wire.On("AT+CWJAP?\r\n", "No AP\r\n\r\nOK\r\n").On("AT+CWJAP?\r\n", "No AP\r\n\r\nOK\r\n");
            h.Module_Says("+TCMQTTRECONNECTING\r\n");
            h.StepOnce();
            h.StepOnce();
            h.StepOnce();
            AssertState(AppState.WifiDown, h, "still down");
            Assert.AreEqual(1, h.App.Published, "no telemetry while WiFi is down");

            h.Module_Says("WIFI CONNECTED\r\nWIFI GOT IP\r\n+TCMQTTRECONNECTING\r\n");
            h.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\nOK\r\n");
            h.StepOnce();
            h.StepOnce();
            AssertState(AppState.Reconnecting, h, "the module reconnects by itself");
            h.Module_Says("+TCMQTTRECONNECTED\r\n");
            h.FindsItConnected();
            h.RunUntil(AppState.Online, 4);
            h.AssertPattern(LedPattern.Solid, "online");
            h.AssertScriptDone("AT+CWJAP? twice, then the module's own reconnection, subscriptions verified");
        }

        [TestMethod]
        public void WifiDownAtBootJoinsTheConfiguredAccessPoint()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.WifiSsid = "home-ap";
            settings.WifiPassword = "pass\"word,1";
            AppHarness h = new AppHarness(26, settings).Boots().HasIdentity(116);
            h.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\nOK\r\n").On("AT+CWJAP?\r\n", "No AP\r\nOK\r\n")
                .On("AT+CWMODE=1\r\n", "OK\r\n")
                .On("AT+CWJAP=\"home-ap\",\"pass\\\"word\\,1\"\r\n", "+CWJAP:2\r\n\r\nFAIL\r\n")
                .On("AT+CWJAP=\"home-ap\",\"pass\\\"word\\,1\"\r\n", "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.WifiDown, 10);
            h.AssertPattern(LedPattern.NoWifi, "WiFi down");
            h.RunUntil(AppState.Online, 10);
            h.AssertScriptDone("station mode once, a refused join, a join, then MQTT");
        }

        [TestMethod]
        public void RestartUnderAConnectedModuleAdoptsItsConnection()
        {
            // No reset line (port mode): the firmware restarts while the module stays connected.
            AppHarness h = new AppHarness(27, AppHarness.DefaultSettings(), false);
            h.Boots().HasIdentity(116).FindsItConnected();
            h.Wire.On("AT+TCMQTTSUB=\"" + AppHarness.ControlTopic + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCOTASET=1,\"1.0.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            h.Publishes(1, 0, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 10);
            Assert.IsTrue(h.Clock.NowMs - 1000000 < 1000, "online " + (h.Clock.NowMs - 1000000) + " ms after start");
            h.StepOnce();
            Assert.AreEqual(0, h.Resets);
            Assert.AreEqual(1, h.App.Published);
            h.AssertScriptDone("no reset and no CONN: the connection is adopted");
        }

        [TestMethod]
        public void Cme208OnConnectWithTheModuleConnectedAdoptsIt()
        {
            AppHarness h = new AppHarness(28).BootsWithIdentity(116);
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "+CME ERROR:208\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
            h.FindsItConnected();
            h.Wire.On("AT+TCMQTTSUB=\"" + AppHarness.ControlTopic + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCOTASET=1,\"1.0.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual(1, h.Resets);
            h.AssertScriptDone("CME 208 answered by asking, adopted");
        }

        [TestMethod]
        public void Cme208OnConnectWithTheModuleStillTryingDisconnectsAndConnects()
        {
            AppHarness h = new AppHarness(29).BootsWithIdentity(116);
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "+CME ERROR:208\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\nOK\r\n")
                .On("AT+TCMQTTDISCONN\r\n", "+TCMQTTDISCON,2\r\nOK\r\n");
            h.ConnectsAndSubscribes();
            h.RunUntil(AppState.Connecting, 10);
            long start = h.Clock.NowMs;
            h.RunUntil(AppState.Online, 12);
            AssertState(AppState.Online, h, "online");
            Assert.IsTrue(h.Clock.NowMs - start < 1000, "no backoff on the way: " + (h.Clock.NowMs - start) + " ms");
            h.AssertScriptDone("asked, disconnected, connected");
        }

        [TestMethod]
        public void WithoutAResetLineAtRstIsTheResetAndReadyEndsTheBootWait()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.ProbeAttempts = 2;
            settings.BootWaitMs = 1500;
            AppHarness h = new AppHarness(30, settings, false);
            h.Wire.On("AT\r\n", "").On("AT\r\n", "");
            h.RunUntil(AppState.Backoff, 6);
            h.Wire.On("AT+RST\r\n", Bytes.Join(Bytes.Of("AT+RST\r\r\n\r\nOK\r\n"), BootNoise, Bytes.Of("ready\r\n")));
            h.BootsWithEcho().HasIdentity(116).FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.WaitingForModule, 4);
            long resetAt = h.Clock.NowMs - settings.BootWaitMs;
            h.RunUntil(AppState.Configuring, 4);
            h.RunUntil(AppState.Online, 10);
            Assert.AreEqual(0, h.Resets, "no reset line was pulsed");
            Assert.AreEqual("1.6.2.0(Apr 13 2018 11:10:59)", h.App.ModuleInfo.AtCoreVersion);
            h.AssertScriptDone("AT+RST, echoed AT and ATE0, online");
            Assert.IsTrue(resetAt > 0);
        }

        [TestMethod]
        public void CleanStopDisconnects()
        {
            AppHarness h = Online(31);
            h.Wire.On("AT+TCMQTTDISCONN\r\n", "+TCMQTTDISCON,2\r\nOK\r\n");
            h.App.Stop();
            AssertState(AppState.Stopped, h, "stopped");
            h.AssertPattern(LedPattern.Off, "stopped");
            h.StepOnce();
            h.Clock.Advance(60000);
            h.StepOnce();
            h.App.Stop();
            h.AssertScriptDone("one disconnect, nothing after");
            Assert.IsFalse(h.Module.State.Connected);
        }

        [TestMethod]
        public void OtaPushedDuringBackoffIsFollowed()
        {
            AppHarness h = new AppHarness(32).BootsWithIdentity(116);
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "OK\r\n+TCMQTTCONN:FAIL,-3\r\n");
            h.RunUntil(AppState.Backoff, 12);
            h.Module_Says("+TCOTASTATUS:ENTERUPDATE\r\n");
            h.App.Step();
            AssertState(AppState.Updating, h, "the download is followed, not ignored");
            h.AssertPattern(LedPattern.DoubleFlash, "updating");
            h.Module_Says("+TCOTASTATUS:UPDATEFAIL,205\r\n");
            h.FindsItConnected();
            h.Wire.On("AT+TCMQTTSUB=\"" + AppHarness.ControlTopic + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCOTASET=1,\"1.0.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            h.RunUntil(AppState.Online, 6);
            h.AssertScriptDone("download followed, then the module asked and its connection adopted");
        }

        [TestMethod]
        public void BrokerRefusingCostsOneModuleResetPerRunOfFailures()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.ConnectFailuresBeforeReset = 2;
            AppHarness h = new AppHarness(34, settings).BootsWithIdentity(116);
            string refused = "OK\r\n+TCMQTTCONN:FAIL,-115\r\n";
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", refused);
            h.FindsItDisconnected().Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", refused);
            h.BootsWithIdentity(116).Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", refused);
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 40);
            Assert.AreEqual(2, h.Resets, "power-up, then one reset after two refusals in a row; the third refusal is only waited out");
            h.AssertScriptDone("refused, asked, refused, reset, refused, asked, connected");
        }

        [TestMethod]
        public void ModuleSilentDuringADownloadIsReset()
        {
            AppHarness h = Online(33);
            h.Module_Says("+TCOTASTATUS:ENTERUPDATE\r\n");
            h.StepOnce();
            AssertState(AppState.Updating, h, "downloading");
            h.Wire.On("AT\r\n", "OK\r\n").On("AT\r\n", "").On("AT\r\n", "");
            h.RunUntil(AppState.Backoff, 6);
            h.AssertScriptDone("probed while downloading; two unanswered probes reset it");
        }
    }
}
