using TcAtMcu.Text;

namespace TcAtMcu.Matching
{
    /// <summary>
    /// One unsolicited report. The engine reuses the instance: read what you need inside the handler, copy what
    /// you keep. A received message's topic and payload are slices of <see cref="Buffer"/>.
    /// </summary>
    public sealed class Report
    {
        public ReportKind Kind { get; internal set; }
        public ReportStatus Status { get; internal set; }

        /// <summary>Error code of DISCON, UPDATEFAIL, WIFI_CONNECT_FAILED or FAIL; 0 when the report has none.</summary>
        public int Code { get; internal set; }

        /// <summary>Sub code of WIFI_CONNECT_FAILED.</summary>
        public int SubCode { get; internal set; }

        /// <summary>Where the report stood in the module's output: reports and command results share one count,
        /// so a report with a lower number than a command's result came before it.</summary>
        public int Sequence { get; internal set; }

        /// <summary>The module cut the payload short (it stops at a NUL): the payload is the part known to be its start.</summary>
        public bool Truncated { get; internal set; }

        public byte[] Buffer { get; internal set; }
        public int TopicOffset { get; internal set; }
        public int TopicLength { get; internal set; }
        public int PayloadOffset { get; internal set; }
        public int PayloadLength { get; internal set; }

        /// <summary>True when the received topic is exactly these bytes (prepare them once; allocates nothing).</summary>
        public bool TopicIs(byte[] topic)
        {
            return Ascii.Equals(Buffer, TopicOffset, TopicLength, topic);
        }

        internal void Clear(ReportKind kind)
        {
            Kind = kind;
            Status = ReportStatus.None;
            Code = 0;
            SubCode = 0;
            Truncated = false;
            TopicLength = 0;
            PayloadLength = 0;
        }
    }
}
