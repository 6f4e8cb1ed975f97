using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Services
{
    /// <summary>The lifecycle and the router: what the services declare is subscribed, the version reported by its one owner.</summary>
    [TestClass]
    public class ServiceLifecycleTests
    {
        private const string Sys = "$sys/operation/result/CTQS08Y5LG/Dev01";

        [TestMethod]
        public void EveryDeclaredTopicIsSubscribedBeforeTheServicesAreToldTheyAreOnline()
        {
            AppHarness h = new AppHarness(41);
            ProbeService probe = new ProbeService(new string[] { "$sys/operation/result" });
            h.Cloud.Add(probe);
            h.BootsWithIdentity(116);
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "OK\r\n+TCMQTTCONN:OK\r\n")
                .On("AT+TCMQTTSUB=\"" + AppHarness.ControlTopic + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCMQTTSUB=\"" + Sys + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCOTASET=1,\"1.0.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            Assert.AreEqual(1, probe.Onlines);
            h.StepOnce();
            h.AssertScriptDone("both topics, the version, the uptime report");
            h.Module_Says("+TCMQTTRCVPUB:\"" + Sys + "\",10,\"{\"time\":1}\"\r\n");
            h.StepOnce();
            Assert.AreEqual(Sys + " {\"time\":1}", probe.Take());
            Assert.AreEqual(0, h.Messages.Count, "not the control topic's listener");
        }

        [TestMethod]
        public void AServiceAddedWhileOnlineHasItsTopicsSubscribedThen()
        {
            AppHarness h = new AppHarness(42).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            h.Wire.On("AT+TCMQTTSUB=\"" + Sys + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            ProbeService probe = new ProbeService(new string[] { "$sys/operation/result" });
            h.Cloud.Add(probe);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Subscribing), AppStateNames.Of(h.App.State));
            h.RunUntil(AppState.Online, 3);
            h.AssertScriptDone("only the new topic; the version is not reported again");
            Assert.AreEqual(1, probe.Onlines, "told it is online");
        }

        [TestMethod]
        public void TheVersionIsReportedOncePerConnectionAndOnceWhenItChanges()
        {
            AppHarness h = new AppHarness(43).BootsWithIdentity(116).ConnectsAndSubscribes();
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            Assert.IsTrue(h.App.Version.Reported);
            // A trial package proved healthy: the boot program now lets it claim its own version.
            h.Wire.On("AT+TCOTASET=1,\"1.1.0\"\r\n", "OK\r\n+TCOTASET:FAIL,-1\r\n");
            h.Publishes(2, 11, "OK\r\n+TCMQTTPUB:OK\r\n").Publishes(3, 21, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.App.Version.Claim("1.1.0");
            h.StepOnce();
            h.StepOnce();
            h.AssertScriptDone("reported once; a refusal is not repeated every step");
            Assert.IsFalse(h.App.Version.Reported);
            Assert.AreEqual("1.1.0", h.App.Version.Current);
            Assert.AreEqual(1, h.App.Version.Changes);
        }

        [TestMethod]
        public void HeldTenSecondsTheButtonIsAFactoryResetAfterItsLongPress()
        {
            ButtonGestures b = new ButtonGestures();
            b.OnEdge(true, 1000);
            Assert.AreEqual((int)ButtonGesture.LongPress, (int)b.Poll(4000));
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(10999));
            Assert.AreEqual((int)ButtonGesture.FactoryReset, (int)b.Poll(11000));
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(12000), "reported once");
            b.OnEdge(false, 12500);
            b.OnEdge(true, 20000);
            Assert.AreEqual((int)ButtonGesture.LongPress, (int)b.Poll(24000));
            b.OnEdge(false, 25000);
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(40000), "released before ten seconds: no reset");
        }

        [TestMethod]
        public void TheFactoryResetGestureAsksToUnbindOnceOnline()
        {
            AppHarness h = new AppHarness(44).BootsWithIdentity(116);
            BindService binding = new BindService(h.Clock);
            h.Cloud.Add(binding);
            h.App.Binding = binding;
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "OK\r\n+TCMQTTCONN:OK\r\n")
                .On("AT+TCMQTTSUB=\"" + AppHarness.ControlTopic + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCMQTTSUB=\"$thing/down/service/CTQS08Y5LG/Dev01\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCOTASET=1,\"1.0.0\"\r\n", "OK\r\n+TCOTASET:OK\r\n");
            h.Publishes(1, 1, "OK\r\n+TCMQTTPUB:OK\r\n");
            h.RunUntil(AppState.Online, 12);
            h.StepOnce();
            Assert.IsFalse(binding.Requesting);
            // Held: at 3 s the long press starts smart config, at 10 s the reset stops it and asks to unbind.
            h.Wire.On("AT+TCMQTTDISCONN\r\n", "+TCMQTTDISCON,2\r\nOK\r\n").On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:OK\r\n")
                .On("AT+TCSTOPSMART\r\n", "OK\r\n");
            h.Button.OnEdge(true, h.Clock.NowMs);
            h.Clock.Advance(ButtonGestures.LongPressMs);
            h.StepOnce();
            Assert.AreEqual(AppStateNames.Of(AppState.Provisioning), AppStateNames.Of(h.App.State));
            h.Clock.Advance(ButtonGestures.FactoryResetMs - ButtonGestures.LongPressMs);
            h.App.Step();
            h.AssertScriptDone("smart config started, then stopped");
            Assert.AreEqual(AppStateNames.Of(AppState.Checking), AppStateNames.Of(h.App.State), "back online to send the request");
            Assert.IsTrue(binding.Requesting, "the request waits to be sent online");
        }
    }
}
