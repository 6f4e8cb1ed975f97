using System;
using System.Runtime.CompilerServices;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The data template's steady state allocates nothing: controls (applied and refused) with their replies and
    /// reports, periodic reports, actions, events with their replies; alone and through the AT engine and module.
    /// Host only (GC.GetAllocatedBytesForCurrentThread); everything runs on the test's thread.
    /// </summary>
    public class DataTemplateAllocationTests
    {
        private const string Down = "$thing/down/property/CTQS08Y5LG/Dev01";
        private const string Up = "$thing/up/property/CTQS08Y5LG/Dev01";

        private sealed class Product : IThingHandler, IThingPublisher
        {
            public SmartLamp Lamp = new SmartLamp();
            public int Controls;
            public int Actions;
            public int EventReplies;
            public long Published;

            public void OnControl() => Controls++;

            public int OnAction(TemplateAction action)
            {
                Actions++;
                Lamp.Blink.Done = Lamp.Blink.Times > 1;
                return ThingCodes.Success;
            }

            public void OnEventReply(TemplateEvent templateEvent, int code) => EventReplies += code == 0 ? 1 : 0;

            public bool Publish(ThingChannel channel, byte[] payload, int offset, int count)
            {
                Published += count;
                return true;
            }
        }

        private static byte[] Message(string topic, string json)
        {
            byte[] buffer = new byte[200 + json.Length];
            for (int i = 0; i < topic.Length; i++)
            {
                buffer[i] = (byte)topic[i];
            }
            for (int i = 0; i < json.Length; i++)
            {
                buffer[200 + i] = (byte)json[i];
            }
            return buffer;
        }

        private sealed class Flows
        {
            private readonly byte[][] _messages;
            private readonly int[] _topicLengths;
            private readonly byte[] _report = new byte[512];

            public Flows()
            {
                Product = new Product();
                ThingTopics topics = new ThingTopics("CTQS08Y5LG", "Dev01");
                Client = new ThingClient(Product.Lamp.Template, Product, Product, topics, new FakeClock(0), "ESP8266", "1.0.0", 512);
                string[,] messages =
                {
                    { Down, "{\"method\":\"control\",\"clientToken\":\"clientToken-21f40729-cd65\",\"params\":{\"power_switch\":1,\"brightness\":30,\"color\":2,\"name\":\"\\u5ba2\\u5385, north\"}}" },
                    { Down, "{\"method\":\"control\",\"clientToken\":\"clientToken-21f40729-cd66\",\"params\":{\"power_switch\":0,\"brightness\":40,\"color\":1,\"name\":\"desk\"}}" },
                    { Down, "{\"method\":\"control\",\"clientToken\":\"c\",\"params\":{\"power_switch\":1,\"brightness\":101}}" },
                    { topics.DownAction, "{\"method\":\"action\",\"clientToken\":\"a\",\"actionId\":\"blink\",\"timestamp\":1700000000,\"params\":{\"times\":3}}" },
                    { Down, "{\"method\":\"report_reply\",\"clientToken\":\"tc-1\",\"code\":0,\"status\":\"success\"}" },
                };
                _messages = new byte[messages.GetLength(0)][];
                _topicLengths = new int[_messages.Length];
                for (int i = 0; i < _messages.Length; i++)
                {
                    _messages[i] = Message(messages[i, 0], messages[i, 1]);
                    _topicLengths[i] = messages[i, 0].Length;
                }
                _eventReply = Message(topics.DownEvent, "{\"method\":\"event_reply\",\"clientToken\":\"tc-0000000000\",\"code\":0,\"status\":\"\",\"data\":{}}");
                _eventTopicLength = topics.DownEvent.Length;
            }

            public Product Product { get; }
            public ThingClient Client { get; }
            public int Reports;
            private readonly byte[] _eventReply;
            private readonly int _eventTopicLength;

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    for (int i = 0; i < _messages.Length; i++)
                    {
                        byte[] m = _messages[i];
                        Client.OnMessage(m, 0, _topicLengths[i], 200, m.Length - 200);
                    }
                    Product.Lamp.Brightness = r % 2 == 0 ? 70 : 71;
                    Reports += Client.Compose(_report, _report.Length, r, r) > 0 ? 1 : 0;
                    Client.PostEvent(Product.Lamp.StatusReport.Event);
                    // The reply carries the token the event was sent with: patch its digits in place.
                    int token = ThingTokenOfLastEvent();
                    int length = WriteToken(token);
                    Client.OnMessage(_eventReply, 0, _eventTopicLength, 200, length - 200);
                }
            }

            private int _tokens;

            // Each round uses 4 tokens (2 reports after controls, the periodic report, the event), the event's last.
            private int ThingTokenOfLastEvent()
            {
                _tokens += 4;
                return _tokens;
            }

            // The token's exact digits (tc-4, never tc-0004: a token is its bytes), then the rest; returns the end.
            private int WriteToken(int token)
            {
                int at = 200 + "{\"method\":\"event_reply\",\"clientToken\":\"tc-".Length;
                at += TcAtMcu.Text.Ascii.FormatDecimal(token, _eventReply, at);
                Array.Copy(EventReplyTail, 0, _eventReply, at, EventReplyTail.Length);
                return at + EventReplyTail.Length;
            }

            private static readonly byte[] EventReplyTail = Bytes.Of("\",\"code\":0,\"status\":\"\",\"data\":{}}");
        }

        [Fact]
        public void ControlsReportsActionsAndEventsAllocateNothing()
        {
            Flows flows = new Flows();
            flows.Run(200);
            int controls = flows.Product.Controls;
            long before = GC.GetAllocatedBytesForCurrentThread();
            flows.Run(10000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(controls + 20000, flows.Product.Controls);
            Assert.Equal(10200, flows.Product.Actions);
            Assert.Equal(10200 * 3, flows.Client.ControlsRefused + flows.Client.ControlsApplied);
            Assert.Equal(10200, flows.Reports);
            Assert.Equal(10200, flows.Product.EventReplies);
            Assert.Equal(0, flows.Client.EventsAwaitingReply);
            Assert.Equal(0, flows.Client.MessagesIgnored);
        }
    
        /// <summary>A module that answers every command line with OK and a publish success, at once, without checking it.</summary>
        private sealed class AckingModule : TcAtMcu.Link.IByteLink
        {
            private static readonly byte[] Ack = Bytes.Of("OK\r\n+TCMQTTPUB:OK\r\n");
            public AtEngine Engine;
            public int Commands;
            private byte _last;

            public int Read(byte[] buffer, int offset, int count) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
                for (int i = offset; i < offset + count; i++)
                {
                    if (_last == 13 && buffer[i] == 10)
                    {
                        Commands++;
                        Engine.Receive(Ack, 0, Ack.Length);
                    }
                    _last = buffer[i];
                }
            }
        }

        [Fact]
        public void ControlsThroughTheEngineAndModuleAllocateNothing()
        {
            AckingModule wire = new AckingModule();
            AtEngine engine = new AtEngine(wire, new AtEngineOptions());
            wire.Engine = engine;
            TcModule module = new TcModule(engine);
            Product product = new Product();
            ThingTopics topics = new ThingTopics("CTQS08Y5LG", "Dev01");
            ThingClient client = new ThingClient(product.Lamp.Template, product, new ModulePublisher(module, topics), topics,
                new FakeClock(0), "ESP8266", "1.0.0", 512);
            module.Events = client;
            module.ForgetModuleState();
            byte[] connect = Bytes.Of("+TCMQTTRECONNECTED\r\n");
            engine.Receive(connect, 0, connect.Length);
            engine.DispatchReports(module);
            string[] controls =
            {
                "{\"method\":\"control\",\"clientToken\":\"clientToken-21f40729-cd65\",\"params\":{\"power_switch\":1,\"brightness\":30,\"color\":2,\"name\":\"kitchen, north\"}}",
                "{\"method\":\"control\",\"clientToken\":\"clientToken-21f40729-cd66\",\"params\":{\"power_switch\":0,\"brightness\":40,\"color\":1,\"name\":\"desk\"}}",
                "{\"method\":\"control\",\"clientToken\":\"c\",\"params\":{\"power_switch\":1,\"brightness\":101}}",
            };
            byte[][] wireIn = new byte[controls.Length][];
            for (int i = 0; i < controls.Length; i++)
            {
                wireIn[i] = Bytes.Of("+TCMQTTRCVPUB:\"" + Down + "\"," + controls[i].Length + ",\"" + controls[i] + "\"\r\n");
            }
            void Rounds(int n)
            {
                for (int r = 0; r < n; r++)
                {
                    for (int i = 0; i < wireIn.Length; i++)
                    {
                        engine.Receive(wireIn[i], 0, wireIn[i].Length);
                        engine.DispatchReports(module);
                    }
                }
            }
            Rounds(200);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Rounds(3000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(3200 * 2, product.Controls);
            Assert.Equal(3200 * 5, wire.Commands); // two replies with their reports, one refusal
            Assert.Equal(0, client.PublishFailures);
        }
    }
}
