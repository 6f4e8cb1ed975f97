using System;
using System.Runtime.CompilerServices;
using TcAtMcu.DataTemplate;
using TcAtMcu.Matching;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Arrays and events_post in the steady state allocate nothing: array controls of every element type (applied,
    /// and refused for too many elements or a bad one) with their replies and reports, and queued events sent in one
    /// events_post with its reply. Host only (GC.GetAllocatedBytesForCurrentThread).
    /// </summary>
    public class DataTemplateArrayAllocationTests
    {
        private const string Down = "$thing/down/property/ARRAY00001/d";
        private static readonly byte[] PostHead = Bytes.Of("{\"method\":\"events_post\",\"clientToken\":\"");
        private static readonly byte[] ReplyHead = Bytes.Of("{\"method\":\"event_reply\",\"clientToken\":\"");
        private static readonly byte[] ReplyTail = Bytes.Of("\",\"code\":0,\"status\":\"\",\"data\":{}}");

        private sealed class Product : IThingHandler, ICloudLink
        {
            public int Controls;
            public int EventReplies;
            public int Reports;
            public readonly byte[] LastPost = new byte[512];
            public int LastPostLength;

            public void OnControl() => Controls++;

            public int OnAction(TemplateAction action) => 0;

            public void OnEventReply(TemplateEvent templateEvent, int code) => EventReplies += code == 0 ? 1 : 0;

            public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
            {
                if (count > PostHead.Length && payload[offset + 11] == (byte)'e' && payload[offset + 16] == (byte)'s')
                {
                    Array.Copy(payload, offset, LastPost, 0, count);
                    LastPostLength = count;
                }
                else if (count > 20 && payload[offset + 11] == (byte)'r' && payload[offset + 12] == (byte)'e' && payload[offset + 17] == (byte)'"')
                {
                    Reports++; // "report", not "control_reply"
                }
                return PublishOutcome.Sent;
            }
        }

        private sealed class Flows
        {
            private readonly CloudRouter _router;
            private readonly Report[] _controls;
            private readonly Report _eventReply;
            private readonly TemplateEvent _first;
            private readonly TemplateEvent _second;

            public Flows()
            {
                TemplateValue n = TemplateValue.Array("n", TemplateValue.Int("n", 0, 9, true), 4, true);
                TemplateValue f = TemplateValue.Array("f", TemplateValue.Float("f", -1, 1, 2, true), 2, true);
                TemplateValue s = TemplateValue.Array("s", TemplateValue.Text("s", 8, true), 3, true);
                TemplateValue w = TemplateValue.Array("w", TemplateValue.Struct("w",
                    new[] { TemplateValue.Int("a", 0, 9, true), TemplateValue.Text("b", 4, true) }, true), 2, true);
                Template template = new Template(new[] { n, f, s, w }, new TemplateEvent[0], new TemplateAction[0]);
                Product = new Product();
                _router = new CloudRouter(Product, new DeviceTopics("ARRAY00001", "d"), new FirmwareVersion("1"));
                Client = new ThingClient(template, Product, new FakeClock(0), "ESP8266", 512);
                _router.Add(Client);
                string[] controls =
                {
                    "{\"method\":\"control\",\"clientToken\":\"k1\",\"params\":{\"n\":[1,2,3,4],\"f\":[0.5,-0.25],\"s\":[\"ab\",\"\\u5ba2\",\"\"],\"w\":[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"yz\"}]}}",
                    "{\"method\":\"control\",\"clientToken\":\"k2\",\"params\":{\"n\":[5],\"f\":[],\"s\":[\"c\"],\"w\":[{\"a\":3,\"b\":\"q\"}]}}",
                    "{\"method\":\"control\",\"clientToken\":\"k3\",\"params\":{\"s\":[\"d\"],\"n\":[1,2,3,4,5]}}",
                    "{\"method\":\"control\",\"clientToken\":\"k4\",\"params\":{\"w\":[{\"a\":1},{\"a\":10}]}}",
                };
                _controls = new Report[controls.Length];
                for (int i = 0; i < controls.Length; i++)
                {
                    _controls[i] = CloudMessages.Received(Down, Bytes.Of(controls[i]));
                }
                _eventReply = CloudMessages.Received("$thing/down/event/ARRAY00001/d", new byte[120]);
                _first = new TemplateEvent("e", "info", new[] { n, w });
                _second = new TemplateEvent("g", "alert", new[] { s });
            }

            public Product Product { get; }
            public ThingClient Client { get; }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    for (int i = 0; i < _controls.Length; i++)
                    {
                        _router.OnReport(_controls[i]);
                    }
                    Client.QueueEvent(_first);
                    Client.QueueEvent(_second);
                    Client.SendEvents();
                    Reply();
                }
            }

            // The event_reply with the token events_post was sent with, copied byte for byte.
            private void Reply()
            {
                byte[] post = Product.LastPost;
                int end = PostHead.Length;
                while (post[end] != (byte)'"')
                {
                    end++;
                }
                byte[] buffer = _eventReply.Buffer;
                int at = _eventReply.PayloadOffset;
                Array.Copy(ReplyHead, 0, buffer, at, ReplyHead.Length);
                at += ReplyHead.Length;
                Array.Copy(post, PostHead.Length, buffer, at, end - PostHead.Length);
                at += end - PostHead.Length;
                Array.Copy(ReplyTail, 0, buffer, at, ReplyTail.Length);
                _eventReply.PayloadLength = at + ReplyTail.Length - _eventReply.PayloadOffset;
                _router.OnReport(_eventReply);
            }
        }

        [Fact]
        public void ArrayControlsReportsAndEventsPostAllocateNothing()
        {
            Flows flows = new Flows();
            flows.Run(200);
            long before = GC.GetAllocatedBytesForCurrentThread();
            flows.Run(5000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(5200 * 2, flows.Product.Controls);
            Assert.Equal(5200 * 2, flows.Client.ControlsApplied);
            Assert.Equal(5200 * 2, flows.Client.ControlsRefused);
            Assert.Equal(5200 * 2, flows.Product.Reports);
            Assert.Equal(5200 * 2, flows.Product.EventReplies);
            Assert.Equal(0, flows.Client.EventsAwaitingReply);
            Assert.Equal(0, flows.Client.QueuedEvents);
        }
    }
}
