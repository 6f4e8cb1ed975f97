using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>
    /// The smart lamp's ThingClient with its publishes recorded ("P ", "E ", "A " + payload, per $thing/up topic)
    /// and the product's callbacks counted. Messages go in as bytes on a $thing/down topic.
    /// </summary>
    public sealed class ThingHarness : ICloudLink, IThingHandler
    {
        public const string Pid = "CTQS08Y5LG";
        public const string Dn = "Dev01";

        private readonly string[] _sent = new string[64];
        private int _sentCount;

        public ThingHarness() : this(512)
        {
        }

        public ThingHarness(int outputCapacity)
        {
            Lamp = new SmartLamp();
            Clock = new FakeClock(1000);
            Router = new CloudRouter(this, new DeviceTopics(Pid, Dn), new FirmwareVersion("1.0.0"));
            Client = new ThingClient(Lamp.Template, this, Clock, "ESP8266", outputCapacity);
            Router.Add(Client);
            LastEventCode = 999;
        }

        public SmartLamp Lamp { get; private set; }
        public FakeClock Clock { get; private set; }
        public CloudRouter Router { get; private set; }
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

        public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
        {
            if (Refuse)
            {
                return PublishOutcome.Failed;
            }
            string name = Bytes.Text(topic, 0, topic.Length);
            string prefix = name == "$thing/up/property/" + Pid + "/" + Dn ? "P " : name == "$thing/up/event/" + Pid + "/" + Dn ? "E "
                : name == "$thing/up/action/" + Pid + "/" + Dn ? "A " : "? " + name + " ";
            _sent[_sentCount++ % _sent.Length] = prefix + Bytes.Text(payload, offset, count);
            return PublishOutcome.Sent;
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
            Down(Client.DownProperty.Text, Bytes.Of(json));
        }

        public void Event(string json)
        {
            Down(Client.DownEvent.Text, Bytes.Of(json));
        }

        public void Action(string json)
        {
            Down(Client.DownAction.Text, Bytes.Of(json));
        }

        /// <summary>A message as the engine hands it over, through the router (a topic nobody subscribed reaches no one).</summary>
        public void Down(string topic, byte[] payload)
        {
            CloudMessages.Deliver(Router, topic, payload);
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

        /// <summary>What the period publishes: the report's payload ("" when nothing is due); other publishes stay to be taken.</summary>
        public string Period()
        {
            int before = _sentCount;
            Client.ReportPeriod();
            if (_sentCount == before)
            {
                return "";
            }
            string report = _sent[before];
            _sentCount = before;
            return report.Substring(2);
        }

        /// <summary>Online, and the start-up exchange done: report_info, get_status, its reply, the full report (tc-1 to tc-3).</summary>
        public ThingHarness Started()
        {
            Client.OnOnline(Clock.NowMs);
            Take();
            Property("{\"method\":\"get_status_reply\",\"clientToken\":\"tc-2\",\"code\":0,\"status\":\"success\",\"data\":{\"reported\":{}}}");
            Take();
            return this;
        }
    }
}
