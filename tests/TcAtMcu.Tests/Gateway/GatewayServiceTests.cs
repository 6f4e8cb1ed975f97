using System;
using nanoFramework.TestFramework;
using TcAtMcu.Engine;
using TcAtMcu.Gateway;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Gateway
{
    /// <summary>The gateway's steps as exact bytes: bind, online, subscribe, run; a reconnect, a refusal, an unbind.</summary>
    [TestClass]
    public class GatewayServiceTests
    {
        private const string Pid = "SUBPID0001";
        private const string Secret = "c3ViLXNlY3JldA==";
        private const string Down = "$thing/down/property/SUBPID0001/a";

        private sealed class Recorder : ICloudService
        {
            public int Onlines;
            public int Messages;
            public CloudTopic Topic;

            public void Attach(CloudRouter router)
            {
                Topic = router.Subscribe(router.Topics.Of("$thing/down/property"));
            }

            public void OnOnline(long nowMs)
            {
                Onlines++;
            }

            public void OnMessage(CloudTopic topic, Report report)
            {
                Messages++;
            }

            public long DueAtMs { get { return long.MaxValue; } }

            public void OnDue(long nowMs)
            {
            }
        }

        private sealed class Rig
        {
            public ModuleHarness H;
            public CloudRouter Router;
            public GatewayService Gateway;
            public SubDevice Sub;
            public Recorder Service = new Recorder();
            public long Now = 1000;

            public Rig(int seed)
            {
                H = new ModuleHarness(seed).SpeaksV321().Connected();
                Router = new CloudRouter(H.Module, "GWPID00001", "gw", "1.0.0");
                Gateway = new GatewayService(H.Module);
                Sub = Gateway.Add(Pid, "a", Secret, "1.0.0");
                Sub.Cloud.Add(Service);
                Router.Add(Gateway);
                H.Wire.ForgetWritten();
            }

            // Runs the gateway's due steps (one command each) until nothing is due within the next second.
            public void Steps(int max)
            {
                for (int i = 0; i < max && Gateway.DueAtMs <= Now; i++)
                {
                    Gateway.OnDue(Now);
                    Now += 10;
                }
            }

            public void ScriptOnline()
            {
                H.Wire.On("AT+TCGWBIND=0,\"SUBPID0001\",\"a\",\"c3ViLXNlY3JldA==\"\r\n", "OK\r\n+TCGWBIND:OK\r\n")
                    .On("AT+TCGWONLINE=0,\"SUBPID0001\",\"a\"\r\n", "OK\r\n+TCGWONLINE:OK\r\n")
                    .On("AT+TCMQTTSUB=\"" + Down + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            }

            public void Message()
            {
                H.Wire.Send("+TCMQTTRCVPUB:\"" + Down + "\",2,\"{}\"\r\n");
                H.Engine.Engine.DispatchReports(Router);
            }
        }

        [TestMethod]
        public void SubDeviceTopicsCountButAreSubscribedByTheGateway()
        {
            Rig r = new Rig(1);
            Assert.AreEqual(1, r.Router.SubscriptionCount, "counted in the budget");
            Assert.IsTrue(r.Router.Subscription(0).Deferred, "not the lifecycle's to subscribe");
            Assert.AreEqual(Down, r.Router.Subscription(0).Text);
        }

        [TestMethod]
        public void BindsTakesOnlineSubscribesThenRunsItsServices()
        {
            Rig r = new Rig(2);
            r.Message();
            Assert.AreEqual(0, r.Service.Messages, "not online: its messages are not its services' yet");
            r.ScriptOnline();
            r.Gateway.OnOnline(r.Now);
            r.Steps(10);
            r.H.AssertDone("bind, online, subscribe");
            Assert.AreEqual((int)SubDeviceState.Online, (int)r.Sub.State);
            Assert.AreEqual(1, r.Service.Onlines, "its services told");
            Assert.AreEqual(-1, r.H.Module.State.Subscriptions.IndexOf(Down), "renewed by the gateway, not by a reconnect");
            r.Message();
            Assert.AreEqual(1, r.Service.Messages, "routed to the sub-device's service");
        }

        [TestMethod]
        public void AfterTheModulesOwnReconnectItIsTakenOfflineAndOnlineAgain()
        {
            Rig r = new Rig(3);
            r.ScriptOnline();
            r.Gateway.OnOnline(r.Now);
            r.Steps(10);
            r.H.Wire.On("AT+TCGWBIND=0,\"SUBPID0001\",\"a\",\"c3ViLXNlY3JldA==\"\r\n", "OK\r\n+TCGWBIND:OK\r\n")
                .On("AT+TCGWONLINE=0,\"SUBPID0001\",\"a\"\r\n", "OK\r\n+TCGWONLINE:FAIL,-224\r\n")
                .On("AT+TCGWONLINE=1,\"SUBPID0001\",\"a\"\r\n", "OK\r\n+TCGWONLINE:OK\r\n")
                .On("AT+TCGWONLINE=0,\"SUBPID0001\",\"a\"\r\n", "OK\r\n+TCGWONLINE:OK\r\n")
                .On("AT+TCMQTTSUB=\"" + Down + "\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            r.Gateway.OnOnline(r.Now);
            Assert.AreEqual((int)SubDeviceState.Waiting, (int)r.Sub.State, "its services stop until it is online again");
            r.Steps(12);
            r.H.AssertDone("held online by the module: offline, online");
            Assert.AreEqual(2, r.Sub.Onlines);
            Assert.AreEqual(2, r.Service.Onlines);
        }

        [TestMethod]
        public void ARefusalIsTriedAgainLater()
        {
            Rig r = new Rig(4);
            r.Gateway.RetryMs = 5000;
            r.H.Wire.On("AT+TCGWBIND=0,\"SUBPID0001\",\"a\",\"c3ViLXNlY3JldA==\"\r\n", "OK\r\n+TCGWBIND:FAIL,-803\r\n");
            r.Gateway.OnOnline(r.Now);
            r.Steps(5);
            Assert.AreEqual((int)SubDeviceState.Refused, (int)r.Sub.State);
            Assert.AreEqual(TcAtMcu.Errors.GatewayError.SignatureMismatch, r.Sub.LastCode);
            Assert.AreEqual(1000 + 5000, r.Gateway.DueAtMs, "the next try: RetryMs after the refusal");
            r.H.AssertDone("one bind, then nothing");
            r.ScriptOnline();
            r.Now = r.Gateway.DueAtMs;
            r.Steps(10);
            r.H.AssertDone("tried again");
            Assert.AreEqual((int)SubDeviceState.Online, (int)r.Sub.State);
            Assert.AreEqual(0, r.Sub.LastCode);
        }

        [TestMethod]
        public void UnbindTakesItOfflineUnbindsAndUnsubscribesUntilBoundAgain()
        {
            Rig r = new Rig(5);
            r.ScriptOnline();
            r.Gateway.OnOnline(r.Now);
            r.Steps(10);
            r.H.Wire.On("AT+TCGWONLINE=1,\"SUBPID0001\",\"a\"\r\n", "OK\r\n+TCGWONLINE:OK\r\n")
                .On("AT+TCGWBIND=1,\"SUBPID0001\",\"a\"\r\n", "OK\r\n+TCGWBIND:OK\r\n")
                .On("AT+TCMQTTUNSUB=\"" + Down + "\"\r\n", "OK\r\n+TCMQTTUNSUB:OK\r\n");
            r.Gateway.Unbind(r.Sub);
            Assert.AreEqual(0, r.Gateway.DueAtMs, "due at once");
            r.Steps(10);
            r.H.AssertDone("offline, unbind, unsubscribe");
            Assert.AreEqual((int)SubDeviceState.Unbound, (int)r.Sub.State);
            r.Gateway.OnOnline(r.Now);
            r.Steps(10);
            r.H.AssertDone("a reconnect leaves it unbound");
            r.ScriptOnline();
            r.Gateway.Bind(r.Sub);
            r.Steps(10);
            r.H.AssertDone("bound again");
            Assert.AreEqual((int)SubDeviceState.Online, (int)r.Sub.State);
        }

        [TestMethod]
        public void DeclarationsAreCheckedAtStart()
        {
            ModuleHarness h = new ModuleHarness(6);
            GatewayService gateway = new GatewayService(h.Module);
            Assert.ThrowsException(typeof(ArgumentException), () => gateway.Add("SUBPID00011", "a", "s", "1.0.0"), "pid 11");
            Assert.ThrowsException(typeof(ArgumentException), () => gateway.Add(Pid, "a", "", "1.0.0"), "no secret");
            gateway.Add(Pid, "a", "s", "1.0.0");
            Assert.ThrowsException(typeof(ArgumentException), () => gateway.Add(Pid, "a", "s", "1.0.0"), "twice");
            // Ten subscriptions: the gateway's own 8 and two sub-devices of one topic each would be 10; a third is refused.
            CloudRouter router = new CloudRouter(h.Module, "GWPID00001", "gw", "1.0.0");
            gateway.Add(Pid, "b", "s", "1.0.0").Cloud.Add(new Recorder());
            gateway.Add(Pid, "c", "s", "1.0.0").Cloud.Add(new Recorder());
            gateway.SubDevice(0).Cloud.Add(new Recorder());
            for (int i = 0; i < 8; i++)
            {
                router.Add(new Fixed("t/" + i));
            }
            Assert.ThrowsException(typeof(InvalidOperationException), () => router.Add(gateway), "11 subscriptions");
            Assert.AreEqual(8, router.SubscriptionCount, "nothing of the gateway kept");
        }

        private sealed class Fixed : ICloudService
        {
            private readonly string _topic;

            public Fixed(string topic)
            {
                _topic = topic;
            }

            public void Attach(CloudRouter router)
            {
                router.Subscribe(_topic);
            }

            public void OnOnline(long nowMs)
            {
            }

            public void OnMessage(CloudTopic topic, Report report)
            {
            }

            public long DueAtMs { get { return long.MaxValue; } }

            public void OnDue(long nowMs)
            {
            }
        }
    }
}
