using nanoFramework.TestFramework;
using TcAtMcu.Services;

namespace TcAtMcu.Tests.Services
{
    /// <summary>The time from $sys/operation as transcripts: the exact request out, the answer in, the clock set.</summary>
    [TestClass]
    public class TimeServiceTests
    {
        private const string Get = "{\"type\":\"get\",\"resource\":[\"time\"]}";

        private static TimeService Time(ServiceRig rig)
        {
            TimeService time = new TimeService(new CloudClock(rig.Clock), rig.Clock);
            rig.Router.Add(time);
            return time;
        }

        [TestMethod]
        public void AfterEachConnectionTheTimeIsAskedAndTheClockSet()
        {
            ServiceRig rig = new ServiceRig(51);
            TimeService time = Time(rig);
            Assert.IsFalse(time.Clock.Known);
            Assert.AreEqual(0L, time.Clock.NowUnixMs, "no time yet: 0, never 1970 plus the uptime");
            rig.Publishes("$sys/operation", Get);
            rig.Online();
            rig.Clock.Advance(400);
            rig.Cloud("$sys/operation/result", "{\"type\":\"get\",\"time\":1700000000,\"ntptime1\":1700000000123,\"ntptime2\":1700000000124}");
            Assert.IsTrue(time.Clock.Known);
            Assert.AreEqual(1700000000200L, time.Clock.NowUnixMs, "half the 400 ms round trip added");
            rig.Clock.Advance(1000);
            Assert.AreEqual(1700000001200L, time.Clock.NowUnixMs, "carried on by the tick clock");
            rig.Publishes("$sys/operation", Get);
            rig.Online();
            rig.AssertDone("asked again after the next connection");
            Assert.AreEqual(2, time.Requests);
        }

        [TestMethod]
        public void AnUnansweredRequestIsRetriedABoundedNumberOfTimes()
        {
            ServiceRig rig = new ServiceRig(52);
            TimeService time = Time(rig);
            rig.Publishes("$sys/operation", Get).Publishes("$sys/operation", Get).Publishes("$sys/operation", Get);
            rig.Online();
            rig.After(time.ReplyWaitMs);
            rig.After(time.ReplyWaitMs);
            rig.After(time.ReplyWaitMs);
            rig.After(time.ReplyWaitMs);
            rig.AssertDone("three tries, then quiet");
            Assert.AreEqual(3, time.Requests);
            Assert.IsTrue(time.DueAtMs - rig.Clock.NowMs >= time.SyncPeriodMs - time.ReplyWaitMs, "next try a period later");
            rig.Cloud("$sys/operation/result", "{\"type\":\"get\",\"time\":1700000000}");
            Assert.IsFalse(time.Clock.Known, "a late answer nobody awaits is not taken");
            rig.Publishes("$sys/operation", Get);
            rig.After(time.SyncPeriodMs);
            rig.AssertDone("the period's try");
        }

        [TestMethod]
        [DataRow("{\"type\":\"get\",\"time\":1500000000}")]
        [DataRow("{\"type\":\"get\",\"time\":4102444801}")]
        [DataRow("{\"type\":\"get\",\"time\":\"1700000000\"}")]
        [DataRow("{\"type\":\"get\",\"time\":1700000000.5}")]
        [DataRow("{\"type\":\"set\",\"time\":1700000000}")]
        [DataRow("{\"type\":\"get\",\"time\":1700000000,\"time\":1700000001}")]
        [DataRow("{\"type\":\"get\"}")]
        [DataRow("{\"type\":\"get\",\"time\":1700000000")]
        [DataRow("[1700000000]")]
        public void AnAnswerThatIsNotABelievableTimeIsIgnored(string answer)
        {
            ServiceRig rig = new ServiceRig(53);
            TimeService time = Time(rig);
            rig.Publishes("$sys/operation", Get);
            rig.Online();
            rig.Cloud("$sys/operation/result", answer);
            Assert.IsFalse(time.Clock.Known, answer);
            Assert.AreEqual(1, time.Ignored);
            rig.Cloud("$sys/operation/result", "{\"type\":\"get\",\"time\":1700000000}");
            Assert.IsTrue(time.Clock.Known, "the real answer after it is still taken");
        }
    }
}
