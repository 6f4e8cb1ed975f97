using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>An event of the template: its id, its type ("info", "alert" or "fault") and its typed parameters.</summary>
    public sealed class TemplateEvent
    {
        public TemplateEvent(string id, string type, TemplateValue[] parameters)
        {
            Id = Ascii.Bytes(id);
            Type = Ascii.Bytes(type);
            Parameters = parameters;
        }

        public byte[] Id { get; private set; }
        public byte[] Type { get; private set; }
        public TemplateValue[] Parameters { get; private set; }

        /// <summary>Sent as the event's "timestamp" (ms since the epoch); 0 lets the cloud stamp its arrival.</summary>
        public long TimestampMs { get; set; }
    }
}
