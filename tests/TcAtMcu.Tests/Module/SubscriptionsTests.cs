using nanoFramework.TestFramework;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    [TestClass]
    public class SubscriptionsTests
    {
        private static bool Matches(string filter, string topic)
        {
            byte[] t = Bytes.Of(topic);
            return Subscriptions.FilterMatches(Bytes.Of(filter), t, 0, t.Length);
        }

        [TestMethod]
        public void MqttFilterRules()
        {
            Assert.IsTrue(Matches("a/b", "a/b"));
            Assert.IsFalse(Matches("a/b", "a/bc"));
            Assert.IsFalse(Matches("a/bc", "a/b"));
            Assert.IsTrue(Matches("a/+/c", "a/x/c"));
            Assert.IsTrue(Matches("a/+/c", "a//c"));
            Assert.IsFalse(Matches("a/+/c", "a/x/y/c"));
            Assert.IsTrue(Matches("a/+", "a/x"));
            Assert.IsFalse(Matches("a/+", "a/x/y"));
            Assert.IsTrue(Matches("a/#", "a/x/y"));
            Assert.IsTrue(Matches("a/#", "a"));
            Assert.IsFalse(Matches("a/#", "ab"));
            Assert.IsTrue(Matches("#", "anything/at/all"));
            Assert.IsTrue(Matches("$thing/down/property/+/+", "$thing/down/property/CTQS08Y5LG/Dev01"));
        }

        [TestMethod]
        public void ReceivedMessageIsMatchedToItsSubscription()
        {
            ModuleHarness h = new ModuleHarness(1).Connected();
            h.Wire.On("AT+TCMQTTSUB=\"$thing/down/property/P/d\",0\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCMQTTSUB=\"$thing/down/action/+/+\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            h.Module.Subscribe("$thing/down/property/P/d", 0);
            h.Module.Subscribe("$thing/down/action/+/+", 1);
            byte[] topic = Bytes.Of("$thing/down/action/P/d");
            Assert.AreEqual(1, h.Module.State.Subscriptions.Match(topic, 0, topic.Length));
            topic = Bytes.Of("$thing/down/event/P/d");
            Assert.AreEqual(-1, h.Module.State.Subscriptions.Match(topic, 0, topic.Length));
        }
    }
}
