using System;
using System.Runtime.CompilerServices;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Services;
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

        private sealed class Product : IThingHandler, ICloudLink
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

            public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
            {
                Published += count;
                return PublishOutcome.Sent;
            }
        }

        private sealed class Flows
        {
            private readonly Report[] _messages;
            private readonly CloudRouter _router;

            public Flows()
            {
                Product = new Product();
                _router = new CloudRouter(Product, new DeviceTopics("CTQS08Y5LG", "Dev01"), new FirmwareVersion("1.0.0"));
                Client = new ThingClient(Product.Lamp.Template, Product, new FakeClock(0), "ESP8266", 512);
                _router.Add(Client);
                string[,] messages =
                {
                    { Down, "{\"method\":\"control\",\"clientToken\":\"clientToken-21f40729-cd65\",\"params\":{\"power_switch\":1,\"brightness\":30,\"color\":2,\"name\":\"\\u5ba2\\u5385, north\"}}" },
                    { Down, "{\"method\":\"control\",\"clientToken\":\"clientToken-21f40729-cd66\",\"params\":{\"power_switch\":0,\"brightness\":40,\"color\":1,\"name\":\"desk\"}}" },
                    { Down, "{\"method\":\"control\",\"clientToken\":\"c\",\"params\":{\"power_switch\":1,\"brightness\":101}}" },
                    { "$thing/down/action/CTQS08Y5LG/Dev01", "{\"method\":\"action\",\"clientToken\":\"a\",\"actionId\":\"blink\",\"timestamp\":1700000000,\"params\":{\"times\":3}}" },
                    { Down, "{\"method\":\"report_reply\",\"clientToken\":\"tc-1\",\"code\":0,\"status\":\"success\"}" },
                };
                _messages = new Report[messages.GetLength(0)];
                for (int i = 0; i < _messages.Length; i++)
                {
                    _messages[i] = CloudMessages.Received(messages[i, 0], Bytes.Of(messages[i, 1]));
                }
                _eventReply = CloudMessages.Received("$thing/down/event/CTQS08Y5LG/Dev01",
                    Bytes.Of("{\"method\":\"event_reply\",\"clientToken\":\"tc-0000000000\",\"code\":0,\"status\":\"\",\"data\":{}}"));
            }

            public Product Product { get; }
            public ThingClient Client { get; }
            public int Reports;
            private readonly Report _eventReply;

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    for (int i = 0; i < _messages.Length; i++)
                    {
                        _router.OnReport(_messages[i]);
                    }
                    Product.Lamp.Brightness = r % 2 == 0 ? 70 : 71;
                    int reports = Client.Reports;
                    Client.ReportPeriod();
                    Reports += Client.Reports - reports;
                    Client.PostEvent(Product.Lamp.StatusReport.Event);
                    // The reply carries the token the event was sent with: patch its digits in place.
                    int token = ThingTokenOfLastEvent();
                    _eventReply.PayloadLength = WriteToken(token) - 200;
                    _router.OnReport(_eventReply);
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
                at += TcAtMcu.Text.Ascii.FormatDecimal(token, _eventReply.Buffer, at);
                Array.Copy(EventReplyTail, 0, _eventReply.Buffer, at, EventReplyTail.Length);
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
            // One stopped clock for the engine and the client: a loaded machine's pauses take no other path.
            FakeClock clock = new FakeClock(0);
            AtEngine engine = new AtEngine(wire, new AtEngineOptions { Clock = clock });
            wire.Engine = engine;
            TcModule module = new TcModule(engine);
            Product product = new Product();
            CloudRouter router = new CloudRouter(module, "CTQS08Y5LG", "Dev01", "1.0.0");
            ThingClient client = new ThingClient(product.Lamp.Template, product, clock, "ESP8266", 512);
            router.Add(client);
            module.Events = router;
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
