using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>
    /// The smart lamp's ThingClient with its publishes recorded ("P ", "E ", "A " + payload, per $thing/up topic)
    /// and the product's callbacks counted. Messages go in as bytes on a $thing/down topic.
    /// </summary>
    public sealed class ThingHarness : IThingPublisher, IThingHandler
    {
        public const string Pid = "CTQS08Y5LG";
        public const string Dn = "Dev01";

        private readonly string[] _sent = new string[64];
        private int _sentCount;

        public ThingHarness()
        {
            Lamp = new SmartLamp();
            Clock = new FakeClock(1000);
            Topics = new ThingTopics(Pid, Dn);
            Client = new ThingClient(Lamp.Template, this, this, Topics, Clock, "ESP8266", "1.0.0", 512);
            LastEventCode = 999;
        }

        public SmartLamp Lamp { get; private set; }
        public FakeClock Clock { get; private set; }
        public ThingTopics Topics { get; private set; }
        public ThingClient Client { get; private set; }

        /// <summary>The module refuses publishes (a dead link).</summary>
        public bool Refuse { get; set; }

        public int Controls { get; private set; }
        public int EventReplies { get; private set; }
        public int LastEventCode { get; private set; }
        public TemplateEvent LastEvent { get; private set; }
        public int Actions { get; private set; }

        /// <summary>The code the blink action answers.</summary>
        public int ActionCode { get; set; }

        public bool Publish(ThingChannel channel, byte[] payload, int offset, int count)
        {
            if (Refuse)
            {
                return false;
            }
            string prefix = channel == ThingChannel.Property ? "P " : channel == ThingChannel.Event ? "E " : "A ";
            _sent[_sentCount++ % _sent.Length] = prefix + Bytes.Text(payload, offset, count);
            return true;
        }

        public void OnControl()
        {
            Controls++;
        }

        public int OnAction(TemplateAction action)
        {
            Actions++;
            if (action == Lamp.Blink.Action)
            {
                Lamp.Blink.Done = Lamp.Blink.Times > 2;
            }
            return ActionCode;
        }

        public void OnEventReply(TemplateEvent templateEvent, int code)
        {
            EventReplies++;
            LastEvent = templateEvent;
            LastEventCode = code;
        }

        public void Property(string json)
        {
            Down(Topics.DownProperty, Bytes.Of(json));
        }

        public void Event(string json)
        {
            Down(Topics.DownEvent, Bytes.Of(json));
        }

        public void Action(string json)
        {
            Down(Topics.DownAction, Bytes.Of(json));
        }

        /// <summary>A message as the engine hands it over: topic and payload in one buffer, the payload at an offset.</summary>
        public void Down(string topic, byte[] payload)
        {
            byte[] buffer = new byte[200 + payload.Length];
            for (int i = 0; i < topic.Length; i++)
            {
                buffer[i] = (byte)topic[i];
            }
            System.Array.Copy(payload, 0, buffer, 200, payload.Length);
            Client.OnMessage(buffer, 0, topic.Length, 200, payload.Length);
        }

        /// <summary>Everything published since the last call, one publish per line.</summary>
        public string Take()
        {
            string all = "";
            for (int i = 0; i < _sentCount; i++)
            {
                all += (i > 0 ? "\n" : "") + _sent[i];
            }
            _sentCount = 0;
            return all;
        }

        /// <summary>The period's report as the application would publish it ("" when nothing is due).</summary>
        public string Period()
        {
            byte[] buffer = new byte[512];
            int n = Client.Compose(buffer, buffer.Length, 1, 0);
            return Bytes.Text(buffer, 0, n);
        }

        /// <summary>Online, and the start-up exchange done: report_info, get_status, its reply, the full report (tc-1 to tc-3).</summary>
        public ThingHarness Started()
        {
            Client.OnOnline();
            Take();
            Property("{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":0,\"status\":\"success\",\"data\":{\"reported\":{}}}");
            Take();
            return this;
        }
    }
}
