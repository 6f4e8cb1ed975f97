using TcAtMcu.Text;

namespace TcAtMcu.Matching
{
    /// <summary>
    /// One unsolicited report. Instances are fixed slots owned by the engine's report queue and reused:
    /// read what you need inside the handler, copy what you keep.
    /// </summary>
    public sealed class Report
    {
        private readonly byte[] _buffer;

        public Report(int topicCapacity, int payloadCapacity)
        {
            _buffer = new byte[topicCapacity + payloadCapacity];
            TopicCapacity = topicCapacity;
        }

        public ReportKind Kind { get; internal set; }
        public ReportStatus Status { get; internal set; }

        /// <summary>Error code of DISCON, UPDATEFAIL, WIFI_CONNECT_FAILED or FAIL; 0 when the report has none.</summary>
        public int Code { get; internal set; }

        /// <summary>Sub code of WIFI_CONNECT_FAILED.</summary>
        public int SubCode { get; internal set; }

        /// <summary>The topic (offset 0 of <see cref="Buffer"/>) and payload of a received message.</summary>
        public byte[] Buffer { get { return _buffer; } }
        public int TopicLength { get; internal set; }
        public int PayloadOffset { get { return TopicCapacity; } }
        public int PayloadLength { get; internal set; }
        public int TopicCapacity { get; private set; }
        public int PayloadCapacity { get { return _buffer.Length - TopicCapacity; } }

        /// <summary>True when the received topic is exactly this one; compares bytes, allocates nothing.</summary>
        public bool TopicIs(string topic)
        {
            return Ascii.Equals(_buffer, 0, TopicLength, topic);
        }

        internal void Clear(ReportKind kind)
        {
            Kind = kind;
            Status = ReportStatus.None;
            Code = 0;
            SubCode = 0;
            TopicLength = 0;
            PayloadLength = 0;
        }
    }
}
