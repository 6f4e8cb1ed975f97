using nanoFramework.TestFramework;
using TcAtMcu.DataTemplate;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>events_post: queued events in as few messages as the output buffer allows, one event_reply for each message.</summary>
    [TestClass]
    public class EventsPostTests
    {
        private const string Head = "E {\"method\":\"events_post\",\"clientToken\":\"tc-";

        private static TemplateEvent Small(string id, int v)
        {
            TemplateValue p = TemplateValue.Int("v", 0, 9, false);
            p.SetInt(v);
            return new TemplateEvent(id, "info", new TemplateValue[] { p });
        }

        private static string Json(string id, int v)
        {
            return "{\"eventId\":\"" + id + "\",\"type\":\"info\",\"timestamp\":0,\"params\":{\"v\":" + v + "}}";
        }

        private static string Reply(int token, int code)
        {
            return "{\"method\":\"event_reply\",\"clientToken\":\"tc-" + token + "\",\"code\":" + code + ",\"status\":\"\",\"data\":{}}";
        }

        [TestMethod]
        public void SeveralEventsGoInOneMessageAndOneReplyAnswersThemAll()
        {
            ThingHarness h = new ThingHarness().Started();
            Assert.IsTrue(h.Client.QueueEvent(Small("a", 1)));
            Assert.IsTrue(h.Client.QueueEvent(Small("b", 2)));
            TemplateEvent c = Small("c", 3);
            Assert.IsTrue(h.Client.QueueEvent(c));
            Assert.IsFalse(h.Client.QueueEvent(c), "queued already");
            Assert.AreEqual(3, h.Client.SendEvents());
            Assert.AreEqual(Head + "4\",\"events\":[" + Json("a", 1) + "," + Json("b", 2) + "," + Json("c", 3) + "]}", h.Take());
            Assert.AreEqual(0, h.Client.QueuedEvents);
            Assert.AreEqual(1, h.Client.EventsAwaitingReply);
            h.Event(Reply(3, 0));
            Assert.AreEqual(0, h.EventReplies, "not our token");
            h.Event(Reply(4, 0));
            Assert.AreEqual(3, h.EventReplies);
            Assert.AreEqual(c, h.LastEvent);
            Assert.AreEqual(0, h.LastEventCode);
            h.Event(Reply(4, 0));
            Assert.AreEqual(3, h.EventReplies, "a second reply answers nothing");
        }

        [TestMethod]
        public void WhatDoesNotFitOneMessageGoesInTheNext()
        {
            // 200 bytes hold the envelope and two of these events, not three.
            ThingHarness h = new ThingHarness(200).Started();
            h.Client.QueueEvent(Small("a", 1));
            h.Client.QueueEvent(Small("b", 2));
            h.Client.QueueEvent(Small("c", 3));
            Assert.AreEqual(3, h.Client.SendEvents());
            Assert.AreEqual(Head + "4\",\"events\":[" + Json("a", 1) + "," + Json("b", 2) + "]}\n"
                + Head + "5\",\"events\":[" + Json("c", 3) + "]}", h.Take());
            h.Event(Reply(5, 406));
            Assert.AreEqual(1, h.EventReplies);
            Assert.AreEqual(406, h.LastEventCode);
            h.Clock.Advance(h.Client.EventReplyTimeoutMs);
            h.Client.OnDue(h.Clock.NowMs);
            Assert.AreEqual(3, h.EventReplies, "no reply for the first message: both its events time out");
            Assert.AreEqual(ThingCodes.NoReply, h.LastEventCode);
        }

        [TestMethod]
        public void AnEventTooLargeAloneIsDroppedAndSaidSoTheOthersGo()
        {
            ThingHarness h = new ThingHarness(130).Started();
            TemplateValue text = TemplateValue.Text("t", 64, false);
            text.SetText("0123456789012345678901234567890123456789");
            TemplateEvent big = new TemplateEvent("big", "alert", new TemplateValue[] { text });
            h.Client.QueueEvent(big);
            h.Client.QueueEvent(Small("a", 1));
            Assert.AreEqual(1, h.Client.SendEvents());
            Assert.AreEqual(Head + "4\",\"events\":[" + Json("a", 1) + "]}", h.Take());
            Assert.AreEqual(big, h.LastEvent);
            Assert.AreEqual(ThingCodes.TooLarge, h.LastEventCode);
            Assert.AreEqual(1, h.Client.EventsTooLarge);
        }

        [TestMethod]
        public void EventsStayQueuedWhileTheModuleRefusesOrEveryReplySlotIsTaken()
        {
            ThingHarness h = new ThingHarness(130).Started();
            h.Refuse = true;
            h.Client.QueueEvent(Small("a", 1));
            Assert.AreEqual(0, h.Client.SendEvents());
            Assert.AreEqual(1, h.Client.QueuedEvents);
            h.Refuse = false;
            for (int i = 0; i < ThingClient.EventQueueSlots - 1; i++)
            {
                Assert.IsTrue(h.Client.QueueEvent(Small("e" + i, 0)));
            }
            Assert.IsFalse(h.Client.QueueEvent(Small("x", 0)), "queue full");
            // 130 bytes hold one event per message: four slots, four messages, four events left.
            Assert.AreEqual(ThingClient.EventSlots, h.Client.SendEvents());
            Assert.AreEqual(ThingClient.EventQueueSlots - ThingClient.EventSlots, h.Client.QueuedEvents);
            Assert.AreEqual(0, h.Client.SendEvents());
            h.Take();
            h.Event(Reply(6, 0));
            Assert.AreEqual(1, h.Client.SendEvents(), "a slot is free again");
            Assert.AreEqual(Head + "9\",\"events\":[" + Json("e3", 0) + "]}", h.Take());
        }
    }
}
