using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// One MQTT topic a service uses, built once: its text (for AT+TCMQTTSUB) and its UTF-8 (to publish and to
    /// recognise a received topic without allocating). Made by <see cref="CloudRouter"/>; compared by reference.
    /// </summary>
    public sealed class CloudTopic
    {
        internal CloudTopic(string text, bool subscribed, int qos) : this(text, subscribed, qos, false)
        {
        }

        internal CloudTopic(string text, bool subscribed, int qos, bool deferred)
        {
            Deferred = deferred;
            Text = text;
            Bytes = Utf8.Bytes(text);
            Subscribed = subscribed;
            Qos = qos;
            Wildcard = text.IndexOf('+') >= 0 || text.IndexOf('#') >= 0;
        }

        // Fields, not properties: read per message, and the interpreter pays a call for each property access.
        public readonly string Text;
        public readonly byte[] Bytes;

        /// <summary>The module subscribes it (a topic the cloud sends on); false: the device only publishes on it.</summary>
        public readonly bool Subscribed;
        public readonly int Qos;

        /// <summary>An MQTT filter with '+' or '#': a received topic matches it by level.</summary>
        public readonly bool Wildcard;

        /// <summary>Counted and routed, but subscribed by its service when it can (a gateway's sub-device, once online), not by the lifecycle.</summary>
        public readonly bool Deferred;
    }
}
