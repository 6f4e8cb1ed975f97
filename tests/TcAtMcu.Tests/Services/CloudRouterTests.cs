using System;
using nanoFramework.TestFramework;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Services
{
    /// <summary>The topic router: topics declared once, the subscription budget checked at start, messages routed by exact bytes.</summary>
    [TestClass]
    public class CloudRouterTests
    {
        private const string Pid = "CTQS08Y5LG";
        private const string Dn = "Dev01";

        private static CloudRouter Router(RecordingLink link)
        {
            return new CloudRouter(link, new DeviceTopics(Pid, Dn), new FirmwareVersion("1.0.0"));
        }

        [TestMethod]
        public void TopicsAreMadeOnceFromTheDevicesIdentity()
        {
            DeviceTopics topics = new DeviceTopics(Pid, Dn);
            Assert.AreEqual("$sys/operation/result/CTQS08Y5LG/Dev01", topics.Of("$sys/operation/result"));
            Assert.AreEqual("CTQS08Y5LG/Dev01/control", topics.Custom("control"));
            Assert.AreEqual("$thing/down/property/SUBPID0001/lamp2", DeviceTopics.Of("$thing/down/property", "SUBPID0001", "lamp2"));
            Assert.ThrowsException(typeof(ArgumentException), () => new DeviceTopics("", Dn), "no product id");
        }

        [TestMethod]
        public void TheSubscriptionBudgetIsCheckedWhenAServiceIsAdded()
        {
            CloudRouter router = Router(new RecordingLink());
            router.Add(new ProbeService(new string[] { "a", "b", "c", "d", "e", "f", "g" }));
            router.Add(new ProbeService(new string[] { "h", "i", "j" }));
            Assert.AreEqual(10, router.SubscriptionCount);
            ProbeService late = new ProbeService(new string[] { "a", "k" });
            string message = "";
            try
            {
                router.Add(late);
                Assert.IsTrue(false, "an eleventh subscription must be refused");
            }
            catch (InvalidOperationException e)
            {
                message = e.Message;
            }
            Assert.IsTrue(message.IndexOf("CTQS08Y5LG/Dev01/k") >= 0, "names the topic: " + message);
            Assert.IsTrue(message.IndexOf("10 subscriptions") >= 0, "names the budget: " + message);
            Assert.AreEqual(10, router.SubscriptionCount, "nothing of the refused service stays");
            Assert.AreEqual(2, router.ServiceCount);
            CloudMessages.Deliver(router, "CTQS08Y5LG/Dev01/a", Bytes.Of("x"));
            Assert.AreEqual("", late.Take(), "its route to a shared topic was withdrawn too");
        }

        [TestMethod]
        public void ATopicTwoServicesShareIsOneSubscriptionAndReachesBoth()
        {
            CloudRouter router = Router(new RecordingLink());
            ProbeService first = new ProbeService(new string[] { "$thing/down/service" });
            ProbeService second = new ProbeService(new string[] { "$thing/down/service", "$sys/operation/result" });
            router.Add(first);
            router.Add(second);
            Assert.AreEqual(2, router.SubscriptionCount);
            Assert.AreSame(first.Topics[0], second.Topics[0]);
            CloudMessages.Deliver(router, "$thing/down/service/CTQS08Y5LG/Dev01", Bytes.Of("{\"method\":\"unbind_device\"}"));
            Assert.AreEqual("$thing/down/service/CTQS08Y5LG/Dev01 {\"method\":\"unbind_device\"}", first.Take());
            Assert.AreEqual("$thing/down/service/CTQS08Y5LG/Dev01 {\"method\":\"unbind_device\"}", second.Take());
        }

        [TestMethod]
        public void MessagesAreRoutedByTheTopicsExactBytes()
        {
            CloudRouter router = Router(new RecordingLink());
            ProbeService probe = new ProbeService(new string[] { "$sys/operation/result" });
            router.Add(probe);
            string[] strangers =
            {
                "$sys/operation/result/CTQS08Y5LG/Dev0", "$sys/operation/result/CTQS08Y5LG/Dev01/", "$sys/operation/result/CTQS08Y5LG/dev01",
                "$sys/operation/CTQS08Y5LG/Dev01", "", "$sys/operation/result/CTQS08Y5LG/Dev011",
            };
            for (int i = 0; i < strangers.Length; i++)
            {
                CloudMessages.Deliver(router, strangers[i], Bytes.Of("{}"));
            }
            Assert.AreEqual("", probe.Take());
            Assert.AreEqual(strangers.Length, router.Unrouted);
            CloudMessages.Deliver(router, "$sys/operation/result/CTQS08Y5LG/Dev01", Bytes.Of("{\"time\":1}"));
            Assert.AreEqual("$sys/operation/result/CTQS08Y5LG/Dev01 {\"time\":1}", probe.Take());
        }

        [TestMethod]
        public void AWildcardFilterMatchesByLevel()
        {
            CloudRouter router = Router(new RecordingLink());
            ProbeService probe = new ProbeService(new string[] { "SUBPID0001/+/data" });
            router.Add(probe);
            CloudMessages.Deliver(router, "SUBPID0001/lamp2/data", Bytes.Of("1"));
            CloudMessages.Deliver(router, "SUBPID0001/lamp2/x/data", Bytes.Of("2"));
            Assert.AreEqual("SUBPID0001/+/data 1", probe.Take());
        }

        [TestMethod]
        public void AMessageTheModuleCutShortReachesNoService()
        {
            CloudRouter router = Router(new RecordingLink());
            ProbeService probe = new ProbeService(new string[] { "control" });
            router.Add(probe);
            TcAtMcu.Matching.Report report = CloudMessages.Received("CTQS08Y5LG/Dev01/control", Bytes.Of("{\"a\":"));
            report.Truncated = true;
            router.OnReport(report);
            Assert.AreEqual("", probe.Take());
            Assert.AreEqual(1, router.Truncated);
        }

        [TestMethod]
        public void TopicsAreDeclaredOnlyWhileTheServiceIsAdded()
        {
            CloudRouter router = Router(new RecordingLink());
            Assert.ThrowsException(typeof(InvalidOperationException), () => router.Subscribe("CTQS08Y5LG/Dev01/x"), "outside Attach");
            Assert.ThrowsException(typeof(ArgumentNullException), () => router.Add(null), "null");
        }

        [TestMethod]
        public void OnlyDueServicesRunAndTheWaitIsTheNearestDueTime()
        {
            CloudRouter router = Router(new RecordingLink());
            ProbeService soon = new ProbeService(new string[0]);
            ProbeService later = new ProbeService(new string[0]);
            ProbeService never = new ProbeService(new string[0]);
            router.Add(soon);
            router.Add(later);
            router.Add(never);
            router.OnOnline(0);
            Assert.AreEqual(1, never.Onlines);
            soon.DueAtMs = 100;
            later.DueAtMs = 5000;
            Assert.AreEqual(100, router.Step(0, 60000));
            Assert.AreEqual(0, soon.Dues);
            Assert.AreEqual(1000, router.Step(100, 60000), "soon ran and is due 1000 ms on");
            Assert.AreEqual(1, soon.Dues);
            Assert.AreEqual(0, later.Dues);
            Assert.AreEqual(0, never.Dues);
            Assert.AreEqual(30000, Router(new RecordingLink()).Step(0, 30000), "nothing due: the longest wait");
        }

        [TestMethod]
        public void AServiceThatDoesNotMoveItsDueTimeOnIsNotRunInALoop()
        {
            CloudRouter router = Router(new RecordingLink());
            ProbeService stuck = new ProbeService(new string[0]);
            stuck.NextDueAfterMs = 0;
            stuck.DueAtMs = 0;
            router.Add(stuck);
            Assert.AreEqual(100, router.Step(0, 60000));
            Assert.AreEqual(1, stuck.Dues);
        }

        [TestMethod]
        public void PublishOutcomesAreCountedForTheLifecycle()
        {
            RecordingLink link = new RecordingLink();
            CloudRouter router = Router(link);
            ProbeService probe = new ProbeService(new string[0]);
            router.Add(probe);
            byte[] payload = Bytes.Of("{}");
            Assert.IsTrue(router.Publish(probe.Up, payload, 0, 2));
            Assert.AreEqual("$thing/up/property/CTQS08Y5LG/Dev01 {}", link.Take());
            link.Outcome = PublishOutcome.NoAnswer;
            Assert.IsFalse(router.Publish(probe.Up, payload, 0, 2));
            Assert.IsFalse(router.Publish(probe.Up, payload, 0, 2));
            Assert.AreEqual(2, router.Unanswered);
            link.Outcome = PublishOutcome.StateRefused;
            Assert.IsFalse(router.Publish(probe.Up, payload, 0, 2));
            Assert.AreEqual(0, router.Unanswered, "answered, if with a refusal");
            Assert.IsTrue(router.TakeStateRefused());
            Assert.IsFalse(router.TakeStateRefused(), "taken once");
            Assert.AreEqual(1, router.Published);
            Assert.AreEqual(3, router.PublishFailures);
        }

        [TestMethod]
        public void ClientTokensAreUniqueAcrossServices()
        {
            CloudRouter router = Router(new RecordingLink());
            Assert.AreEqual(1, router.NewToken());
            Assert.AreEqual(2, router.NewToken());
        }
    }
}
