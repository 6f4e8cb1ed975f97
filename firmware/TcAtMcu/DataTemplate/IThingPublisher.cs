using TcAtMcu.Engine;
using TcAtMcu.Module;

namespace TcAtMcu.DataTemplate
{
    /// <summary>The upward topics of the data template.</summary>
    public enum ThingChannel
    {
        Property,
        Event,
        Action
    }

    /// <summary>Sends a payload on one of the device's $thing/up topics; true when the module accepted it.</summary>
    public interface IThingPublisher
    {
        bool Publish(ThingChannel channel, byte[] payload, int offset, int count);
    }

    /// <summary>Publishes through the module (QoS 1: the module waits for the broker's acknowledgement).</summary>
    public sealed class ModulePublisher : IThingPublisher
    {
        private readonly TcModule _module;
        private readonly ThingTopics _topics;

        public ModulePublisher(TcModule module, ThingTopics topics)
        {
            _module = module;
            _topics = topics;
        }

        public int Qos { get; set; } = 1;

        public bool Publish(ThingChannel channel, byte[] payload, int offset, int count)
        {
            byte[] topic = channel == ThingChannel.Property ? _topics.UpPropertyBytes
                : channel == ThingChannel.Event ? _topics.UpEventBytes : _topics.UpActionBytes;
            return _module.Publish(topic, Qos, payload, offset, count).Status == AtStatus.Ok;
        }
    }
}
