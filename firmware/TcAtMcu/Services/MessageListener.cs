using TcAtMcu.Engine;
using TcAtMcu.Matching;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The product's own topics: subscribes them and hands their messages to the product's handler as they come.
    /// A name starting with '$' is an IoT Explorer prefix ("$thing/down/service" becomes
    /// "$thing/down/service/&lt;pid&gt;/&lt;dn&gt;"); any other is a custom topic ("control" becomes "&lt;pid&gt;/&lt;dn&gt;/control").
    /// </summary>
    public sealed class MessageListener : ICloudService
    {
        private readonly IReportHandler _handler;
        private readonly string[] _names;
        private CloudTopic[] _topics;

        public MessageListener(IReportHandler handler, string[] names)
        {
            _handler = handler;
            _names = names;
        }

        /// <summary>The topics subscribed, in the order named.</summary>
        public CloudTopic Topic(int index)
        {
            return _topics[index];
        }

        /// <summary>Messages handed to the product.</summary>
        public int Received { get; private set; }

        public void Attach(CloudRouter router)
        {
            _topics = new CloudTopic[_names.Length];
            for (int i = 0; i < _names.Length; i++)
            {
                string name = _names[i];
                _topics[i] = router.Subscribe(name.Length > 0 && name[0] == '$' ? router.Topics.Of(name) : router.Topics.Custom(name));
            }
        }

        public void OnOnline(long nowMs)
        {
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            Received++;
            if (_handler != null)
            {
                _handler.OnReport(report);
            }
        }

        public long DueAtMs { get { return long.MaxValue; } }

        public void OnDue(long nowMs)
        {
        }
    }
}
