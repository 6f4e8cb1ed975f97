using TcAtMcu.Engine;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The cloud side of the application: the services (<see cref="ICloudService"/>) behind one topic router. Each
    /// service declares its topics when it is added (names from <see cref="Topics"/>, the one place they are made),
    /// and the router checks the module's budget of <see cref="TcLimits.Subscriptions"/> subscriptions then, so a
    /// product that asks too much fails at start with the list, not with a failed subscribe in the field. The
    /// lifecycle subscribes what the router lists, tells it the online moment, hands it every received message and
    /// runs the services' due times while online. Publishing, clientTokens and the firmware version the cloud is told
    /// are here once. Fixed arrays; nothing allocates per message.
    /// </summary>
    public sealed class CloudRouter : IReportHandler
    {
        /// <summary>Services at most (the subscription budget binds first for most products).</summary>
        public const int MaxServices = 16;

        /// <summary>(topic, service) pairs at most: a topic two services share is one subscription and two routes.</summary>
        public const int MaxRoutes = 32;

        private readonly ICloudLink _link;
        private readonly ICloudService[] _services = new ICloudService[MaxServices];
        private readonly CloudTopic[] _subscriptions = new CloudTopic[TcLimits.Subscriptions];
        private readonly CloudTopic[] _routeTopic = new CloudTopic[MaxRoutes];
        private readonly ICloudService[] _routeService = new ICloudService[MaxRoutes];
        private readonly byte[] _tokenText = new byte[16];
        private int _serviceCount;
        private int _subscriptionCount;
        private int _routeCount;
        private ICloudService _attaching;
        private int _nextToken = 1;
        private bool _newTopics;
        private bool _stateRefused;

        public CloudRouter(ICloudLink link, DeviceTopics topics, FirmwareVersion version)
        {
            _link = link;
            Topics = topics;
            Version = version;
        }

        /// <summary>The device's router over the module: topics of productId/deviceName, firmwareVersion as the start version.</summary>
        public CloudRouter(TcModule module, string productId, string deviceName, string firmwareVersion)
            : this(new ModuleLink(module), new DeviceTopics(productId, deviceName), new FirmwareVersion(firmwareVersion))
        {
        }

        /// <summary>The one maker of topic names for this device.</summary>
        public DeviceTopics Topics { get; private set; }

        /// <summary>The one owner of the version the cloud is told (AT+TCOTASET, report_info's fw_ver).</summary>
        public FirmwareVersion Version { get; private set; }

        /// <summary>Told of every received message before it is routed (logs, a display); on the application's thread.</summary>
        public IReportHandler Tap { get; set; }

        public int ServiceCount { get { return _serviceCount; } }
        public ICloudService Service(int index) { return _services[index]; }

        /// <summary>Topics to hold on the module (each once, whoever shares it).</summary>
        public int SubscriptionCount { get { return _subscriptionCount; } }
        public CloudTopic Subscription(int index) { return _subscriptions[index]; }

        /// <summary>Publishes the module accepted / did not accept.</summary>
        public int Published { get; private set; }
        public int PublishFailures { get; private set; }

        /// <summary>Publishes in a row the module left unanswered (reset by any answer).</summary>
        public int Unanswered { get; private set; }

        /// <summary>Messages on no declared topic, and messages the module cut short (dropped: half a JSON document acts on nothing).</summary>
        public int Unrouted { get; private set; }
        public int Truncated { get; private set; }

        /// <summary>
        /// Adds a service: it declares its topics in <see cref="ICloudService.Attach"/>. Throws (nothing added) when
        /// its subscriptions would pass the module's budget, naming what is subscribed.
        /// </summary>
        public void Add(ICloudService service)
        {
            if (service == null)
            {
                throw new System.ArgumentNullException("service");
            }
            if (_serviceCount == MaxServices)
            {
                throw new System.InvalidOperationException("at most " + MaxServices + " cloud services");
            }
            int subscriptions = _subscriptionCount;
            int routes = _routeCount;
            _attaching = service;
            try
            {
                service.Attach(this);
            }
            catch (System.Exception)
            {
                // All or nothing: the topics it declared before the refusal are withdrawn.
                for (int i = subscriptions; i < _subscriptionCount; i++) _subscriptions[i] = null;
                for (int i = routes; i < _routeCount; i++) { _routeTopic[i] = null; _routeService[i] = null; }
                _subscriptionCount = subscriptions;
                _routeCount = routes;
                throw;
            }
            finally
            {
                _attaching = null;
            }
            _services[_serviceCount++] = service;
            _newTopics = _newTopics || _subscriptionCount > subscriptions;
        }

        /// <summary>In Attach: the service receives messages on topic (a full name from <see cref="Topics"/>; '+' and '#' allowed).</summary>
        public CloudTopic Subscribe(string topic)
        {
            return Subscribe(topic, 1);
        }

        public CloudTopic Subscribe(string topic, int qos)
        {
            return Declare(topic, qos, false);
        }

        /// <summary>
        /// In Attach: a topic counted in the budget and routed to the service, which subscribes it itself when it can
        /// (a gateway's sub-device topics, once the sub-device is online); the lifecycle leaves it alone.
        /// </summary>
        public CloudTopic SubscribeDeferred(string topic, int qos)
        {
            return Declare(topic, qos, true);
        }

        private CloudTopic Declare(string topic, int qos, bool deferred)
        {
            ICloudService owner = Attaching();
            Check.Text("topic", topic, 1, TcLimits.TopicMax);
            CloudTopic held = null;
            for (int i = 0; i < _subscriptionCount; i++)
            {
                if (_subscriptions[i].Text == topic)
                {
                    held = _subscriptions[i];
                }
            }
            if (held == null)
            {
                if (_subscriptionCount == TcLimits.Subscriptions)
                {
                    throw new System.InvalidOperationException(ServiceName(owner) + " subscribes " + topic + ", one more than the module's "
                        + TcLimits.Subscriptions + " subscriptions: " + Listed());
                }
                held = new CloudTopic(topic, true, qos, deferred);
                _subscriptions[_subscriptionCount++] = held;
            }
            if (_routeCount == MaxRoutes)
            {
                throw new System.InvalidOperationException("at most " + MaxRoutes + " routes");
            }
            _routeTopic[_routeCount] = held;
            _routeService[_routeCount++] = owner;
            return held;
        }

        /// <summary>In Attach: a topic the service publishes on (not subscribed, not counted).</summary>
        public CloudTopic Publishes(string topic)
        {
            Attaching();
            Check.Text("topic", topic, 1, TcLimits.TopicMax);
            return new CloudTopic(topic, false, 1);
        }

        /// <summary>Services were added with topics the module does not hold yet (the lifecycle subscribes them); clears it.</summary>
        public bool TakeNewTopics()
        {
            bool added = _newTopics;
            _newTopics = false;
            return added;
        }

        /// <summary>A publish was refused for the module's state since the last call (the lifecycle asks the module); clears it.</summary>
        public bool TakeStateRefused()
        {
            bool refused = _stateRefused;
            _stateRefused = false;
            return refused;
        }

        /// <summary>Online again: publishes unanswered and refused before no longer count.</summary>
        public void ClearLinkHealth()
        {
            Unanswered = 0;
            _stateRefused = false;
        }

        /// <summary>A received message: handed to each service that subscribed its topic.</summary>
        public void OnReport(Report report)
        {
            if (report.Kind != ReportKind.MessageReceived)
            {
                return;
            }
            IReportHandler tap = Tap;
            if (tap != null)
            {
                tap.OnReport(report);
            }
            if (report.Truncated)
            {
                Truncated++;
                return;
            }
            bool routed = false;
            CloudTopic matched = null;
            for (int i = 0; i < _routeCount; i++)
            {
                CloudTopic topic = _routeTopic[i];
                // Routes of one topic are adjacent only by chance: compare each topic once per message anyway.
                if (topic != matched && !Matches(topic, report))
                {
                    continue;
                }
                matched = topic;
                routed = true;
                _routeService[i].OnMessage(topic, report);
            }
            if (!routed)
            {
                Unrouted++;
            }
        }

        /// <summary>Connected and subscribed: each service is told.</summary>
        public void OnOnline(long nowMs)
        {
            for (int i = 0; i < _serviceCount; i++)
            {
                _services[i].OnOnline(nowMs);
            }
        }

        /// <summary>Runs the services whose time came; returns the ms until the next one is due (at most maxWaitMs).</summary>
        public int Step(long nowMs, int maxWaitMs)
        {
            long next = nowMs + maxWaitMs;
            for (int i = 0; i < _serviceCount; i++)
            {
                ICloudService service = _services[i];
                long due = service.DueAtMs;
                if (due <= nowMs)
                {
                    service.OnDue(nowMs);
                    due = service.DueAtMs;
                    if (due <= nowMs)
                    {
                        due = nowMs + 100; // a service that did not move its time on is not run in a loop
                    }
                }
                if (due < next)
                {
                    next = due;
                }
            }
            return (int)(next - nowMs);
        }

        /// <summary>Publishes on topic; true when the module accepted it. Every service publishes here.</summary>
        public bool Publish(CloudTopic topic, byte[] payload, int offset, int count)
        {
            PublishOutcome outcome = _link.Publish(topic.Bytes, topic.Qos, payload, offset, count);
            if (outcome == PublishOutcome.NoAnswer)
            {
                Unanswered++;
            }
            else
            {
                Unanswered = 0;
            }
            if (outcome == PublishOutcome.StateRefused)
            {
                _stateRefused = true;
            }
            if (outcome == PublishOutcome.Sent)
            {
                Published++;
                return true;
            }
            PublishFailures++;
            return false;
        }

        /// <summary>A new clientToken number, unique across the services (1 to int.MaxValue, then round again).</summary>
        public int NewToken()
        {
            int token = _nextToken;
            _nextToken = _nextToken == int.MaxValue ? 1 : _nextToken + 1;
            return token;
        }

        /// <summary>Writes "clientToken":"tc-&lt;token&gt;".</summary>
        public void WriteToken(JsonWriter writer, int token)
        {
            byte[] prefix = CloudEnvelope.TokenPrefix;
            System.Array.Copy(prefix, 0, _tokenText, 0, prefix.Length);
            int n = prefix.Length + Ascii.FormatDecimal(token, _tokenText, prefix.Length);
            writer.Key(CloudEnvelope.KeyClientToken);
            writer.RawString(_tokenText, 0, n);
        }

        /// <summary>Starts {"&lt;methodKey&gt;":"&lt;method&gt;","clientToken":"tc-&lt;token&gt;" in buffer (left open).</summary>
        public void Begin(JsonWriter writer, byte[] buffer, byte[] methodKey, byte[] method, int token)
        {
            writer.Reset(buffer, 0, buffer.Length);
            writer.BeginObject();
            writer.Member(methodKey, method);
            WriteToken(writer, token);
        }

        /// <summary>Closes the object begun in writer and publishes it on topic; false when it overflowed or was not accepted.</summary>
        public bool Send(JsonWriter writer, CloudTopic topic)
        {
            writer.EndObject();
            if (writer.Overflowed)
            {
                PublishFailures++;
                return false;
            }
            return Publish(topic, writer.Buffer, writer.Offset, writer.Length);
        }

        private static bool Matches(CloudTopic topic, Report report)
        {
            return topic.Wildcard
                ? Subscriptions.FilterMatches(topic.Bytes, report.Buffer, report.TopicOffset, report.TopicLength)
                : Ascii.Equals(report.Buffer, report.TopicOffset, report.TopicLength, topic.Bytes);
        }

        private ICloudService Attaching()
        {
            if (_attaching == null)
            {
                throw new System.InvalidOperationException("topics are declared in ICloudService.Attach, through CloudRouter.Add");
            }
            return _attaching;
        }

        private string Listed()
        {
            string all = "";
            for (int i = 0; i < _subscriptionCount; i++)
            {
                all += (i > 0 ? ", " : "") + _subscriptions[i].Text;
            }
            return all;
        }

        private static string ServiceName(ICloudService service)
        {
            return service.GetType().Name;
        }
    }
}
