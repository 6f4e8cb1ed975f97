using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Application
{
    /// <summary>The application against scripted module behaviour: the commands it sends and the LED in each state.</summary>
    [TestClass]
    public class ConnectionLifecycleTests
    {
        [TestMethod]
        public void PowerUpToOnlineThenTelemetryOnItsPeriod()
        {
            AppHarness h = new AppHarness(1).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n").Publishes(2, 11, "OK\r\n+TCMQTTPUB:OK\r\n");

            h.StepOnce();
            Assert.AreEqual(1, h.Resets, "the module is reset first");
            Assert.AreEqual("waiting for module", AppStateNames.Of(h.App.State));
            h.AssertPattern(LedPattern.Off, "no module yet");
            h.StepOnce();
            h.AssertPattern(LedPattern.FastBlink, "configuring");
            h.RunUntil(AppState.Online, 10);
            h.AssertPattern(LedPattern.Solid, "online");
            h.StepOnce();
            h.StepOnce();
            Assert.AreEqual(2, h.App.Published);
            h.AssertScriptDone("power-up; identity kept (no DEVINFOSET write); connect; subscribe; OTA; two reports");
            Assert.AreEqual("1111111111", RecordingLed.Waveform(h.Status, h.Led, h.Clock, 100, 10), "solid");
        }

        [TestMethod]
        public void SilentModuleAtBootIsResetAgainAfterBackoff()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.ProbeAttempts = 2;
            AppHarness h = new AppHarness(2, settings);
            h.Wire.On("AT\r\n", "").On("AT\r\n", "");
            h.RunUntil(AppState.Backoff, 10);
            Assert.AreEqual(1, h.Resets);
            h.AssertPattern(LedPattern.ErrorFlash, "backoff");

            h.BootsWithIdentity(116).ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 10);
            Assert.AreEqual(2, h.Resets, "reset again after the backoff");
            h.AssertScriptDone("silent; then alive");
        }

        [TestMethod]
        public void BackoffDoublesUpToItsMaximum()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.ProbeAttempts = 1;
            settings.BackoffMinMs = 1000;
            settings.BackoffMaxMs = 3000;
            AppHarness h = new AppHarness(3, settings);
            h.Wire.Repeat = true;
            h.Wire.On("AT\r\n", "");
            int[] expected = { 1000, 2000, 3000, 3000 };
            for (int i = 0; i < expected.Length; i++)
            {
                h.RunUntil(AppState.WaitingForModule, 5);
                int wait = h.StepOnce();
                Assert.AreEqual(AppStateNames.Of(AppState.Backoff), AppStateNames.Of(h.App.State));
                Assert.AreEqual(expected[i], wait, "backoff " + i);
            }
        }

        [TestMethod]
        public void SecretMismatchRewritesTheIdentity()
        {
            AppHarness h = new AppHarness(4).Boots().HasIdentity(99);
            h.Wire.On("AT+TCDEVINFOSET=1,\"" + AppHarness.Pid + "\",\"" + AppHarness.Dn + "\",\"" + AppHarness.Secret + "\"\r\n",
                "OK\r\n+TCDEVINFOSET:OK\r\n");
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 10);
            h.AssertScriptDone("identity rewritten once");
        }

        [TestMethod]
        public void DynamicRegistrationWhenOnlyTheProductSecretIsKnown()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            settings.DeviceSecret = null;
            settings.ProductSecret = "cHJvZHVjdHNlY3JldA==";
            AppHarness h = new AppHarness(5, settings);
            h.Boots();
            h.Wire.On("AT+TCDEVINFOSET?\r\n", "+TCDEVINFOSET:1,\"\",\"\",0\r\nOK\r\n")
                .On("AT+TCPRDINFOSET=1,\"" + AppHarness.Pid + "\",\"cHJvZHVjdHNlY3JldA==\",\"" + AppHarness.Dn + "\"\r\n", "OK\r\n+TCPRDINFOSET:OK\r\n")
                .On("AT+TCDEVREG\r\n", "OK\r\n+TCDEVREG:OK\r\n");
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 10);
            h.AssertScriptDone("registered");
        }

        [TestMethod]
        public void MqttDropAndAutomaticReconnection()
        {
            AppHarness h = new AppHarness(6).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();

            h.Module_Says("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n");
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Reconnecting), AppStateNames.Of(h.App.State));
            h.AssertPattern(LedPattern.FastBlink, "reconnecting");
            h.Module_Says("+TCMQTTRECONNECTING\r\n+TCMQTTRECONNECTED\r\n");
            h.FindsItConnected();
            h.RunUntil(AppState.Online, 5);
            h.AssertPattern(LedPattern.Solid, "back online");
            h.AssertScriptDone("state asked; subscriptions verified; nothing resubscribed; version not reported again");
        }

        [TestMethod]
        public void ReconnectTimeoutConnectsAndSubscribesAgain()
        {
            AppHarness h = new AppHarness(7).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();
            h.Module_Says("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n");
            h.StepOnce();
            h.Module_Says("+TCMQTTRECONNECTING\r\n+TCMQTTDISCON,-106\r\n");
            h.ConnectsAndSubscribes();
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Connecting), AppStateNames.Of(h.App.State));
            h.RunUntil(AppState.Online, 5);
            h.AssertScriptDone("connected and subscribed again");
        }

        [TestMethod]
        public void ModuleRebootWhileConnectedIsFoundByThePublishAndRecovered()
        {
            AppHarness h = new AppHarness(8).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "+CME ERROR:208\r\n");
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Checking), AppStateNames.Of(h.App.State));
            h.RunUntil(AppState.Online, 5);
            Assert.AreEqual(1, h.Resets, "no hardware reset needed");
            h.AssertScriptDone("state read; connected and subscribed again");
        }

        [TestMethod]
        public void ModuleThatStopsAnsweringOnlineIsReset()
        {
            AppHarness h = new AppHarness(9).BootsWithIdentity(116).ConnectsAndSubscribes();
            // Unanswered, the report is due again after its retry time (5 s), not a whole period later.
            h.Publishes(1, 1, "").Publishes(2, 6, "");
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Backoff), AppStateNames.Of(h.App.State));
            h.BootsWithIdentity(116).ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 10);
            Assert.AreEqual(2, h.Resets);
        }

        [TestMethod]
        public void LongPressStartsSmartConfigAndSuccessReconnects()
        {
            AppHarness h = new AppHarness(10).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();
            h.Wire.On("AT+TCMQTTDISCONN\r\n", "+TCMQTTDISCON,2\r\nOK\r\n").On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:OK\r\n");
            h.Button.OnEdge(true, h.Clock.NowMs);
            h.Clock.Advance(3000);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Provisioning), AppStateNames.Of(h.App.State));
            h.AssertPattern(LedPattern.SlowBlink, "provisioning");
            h.Button.OnEdge(false, h.Clock.NowMs);
            h.Module_Says("+TCSTARTSMART:WIFI_CONNECT_SUCCESS\r\n");
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 5);
            h.AssertScriptDone("smart config; then online");
        }

        [TestMethod]
        public void DoublePressStartsSoftApAndFailureFallsBackToConnecting()
        {
            AppSettings settings = AppHarness.DefaultSettings();
            AppHarness h = new AppHarness(11, settings);
            h.BootsWithIdentity(116);
            h.RunUntil(AppState.Connecting, 10);
            h.Wire.On("AT+TCSAP=\"TcAtMcu-setup\",\"tcatmcu123\"\r\n", "OK\r\n+TCSAP:OK\r\n");
            long t = h.Clock.NowMs;
            h.Button.OnEdge(true, t);
            h.Button.OnEdge(false, t + 100);
            h.Button.OnEdge(true, t + 250);
            h.Button.OnEdge(false, t + 350);
            h.Clock.Advance(400);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Provisioning), AppStateNames.Of(h.App.State));
            h.Module_Says("+TCSAP:WIFI_CONNECT_FAILED,10,3\r\n");
            h.FindsItDisconnected().ConnectsAndSubscribes();
            h.RunUntil(AppState.Online, 5);
            h.AssertScriptDone("soft AP failed; connect with the old WiFi");
        }

        [TestMethod]
        public void PressWhileProvisioningStopsIt()
        {
            AppHarness h = new AppHarness(12).BootsWithIdentity(116);
            h.RunUntil(AppState.Connecting, 10);
            h.Wire.On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:OK\r\n").On("AT+TCSTOPSMART\r\n", "OK\r\n");
            h.Button.OnEdge(true, h.Clock.NowMs);
            h.Clock.Advance(3100);
            h.StepOnce();
            h.Button.OnEdge(false, h.Clock.NowMs);
            h.Clock.Advance(1000);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Provisioning), AppStateNames.Of(h.App.State), "the long press's release is not a press");
            h.Button.OnEdge(true, h.Clock.NowMs);
            h.Button.OnEdge(false, h.Clock.NowMs + 100);
            h.Clock.Advance(600);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Checking), AppStateNames.Of(h.App.State));
            h.AssertScriptDone("stopped");
        }

        [TestMethod]
        public void OtaDownloadShowsItsPatternAndReturnsOnline()
        {
            AppHarness h = new AppHarness(13).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();
            h.Module_Says("+TCOTASTATUS:ENTERUPDATE\r\n");
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Updating), AppStateNames.Of(h.App.State));
            h.AssertPattern(LedPattern.DoubleFlash, "updating");
            h.Module_Says("+TCOTASTATUS:UPDATEFAIL,205\r\n");
            h.FindsItConnected();
            h.RunUntil(AppState.Online, 3);
            h.AssertScriptDone("asked where it stands after the download");
        }

        [TestMethod]
        public void DownloadedImageIsInstalledAndTheNewVersionReported()
        {
            AppHarness h = new AppHarness(15).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            MemorySink sink = new MemorySink(65536);
            h.App.Updater = new TcAtMcu.Ota.OtaUpdater(h.Module, sink, 4096);
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();

            byte[] image = new byte[5000];
            new System.Random(15).NextBytes(image);
            TcAtMcu.Ota.Md5 md5 = new TcAtMcu.Ota.Md5();
            byte[] digest = new byte[16];
            md5.Update(image, 0, image.Length);
            md5.Final(digest, 0);
            h.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"1.1.0\",5000,\"" + Bytes.Hex(digest, 0, 16) + "\",716800\r\n")
                .On("AT+TCREADFWDATA=4096\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4096,"), Bytes.Slice(image, 0, 4096), Bytes.Of("\r\n")))
                .On("AT+TCREADFWDATA=904\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:904,"), Bytes.Slice(image, 4096, 904), Bytes.Of("\r\n")))
                .On("AT+TCOTASET=1,\"1.1.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            h.FindsItConnected();
            h.Module_Says("+TCOTASTATUS:ENTERUPDATE\r\n");
            h.StepOnce();
            h.AssertPattern(LedPattern.DoubleFlash, "downloading");
            h.Module_Says("+TCOTASTATUS:UPDATESUCCESS\r\n");
            h.RunUntil(AppState.Online, 3);
            Assert.AreEqual((int)TcAtMcu.Ota.OtaOutcome.Installed, (int)h.App.LastUpdate);
            Assert.IsTrue(sink.Committed);
            Assert.AreEqual("1.1.0", h.App.Version.Current);
            h.AssertScriptDone("image read; verified; version reported");
        }

        [TestMethod]
        public void ReceivedControlMessagesReachTheApplication()
        {
            AppHarness h = new AppHarness(14).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 10);
            h.StepOnce();
            string control = "{\"method\":\"control\",\"clientToken\":\"1\",\"params\":{\"a\":1}}";
            h.Module_Says("+TCMQTTRCVPUB:\"" + AppHarness.ControlTopic + "\"," + control.Length + ",\"" + control + "\"\r\n");
            h.StepOnce();
            Assert.AreEqual(1, h.Messages.Count);
            Assert.AreEqual("TCMQTTRCVPUB " + AppHarness.ControlTopic + " " + control, h.Messages[0]);
        }
    }
}
