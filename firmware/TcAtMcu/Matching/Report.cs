using TcAtMcu.Text;

namespace TcAtMcu.Matching
{
    /// <summary>
    /// One unsolicited report. The engine reuses the instance: read what you need inside the handler, copy what
    /// you keep. A received message's topic and payload are slices of <see cref="Buffer"/>.
    /// </summary>
    public sealed class Report
    {
        // Fields, not properties: the interpreter pays a call for every property access, and the dispatcher fills
        // this view once per report. Read them; the engine overwrites them for the next report.
        public ReportKind Kind;
        public ReportStatus Status;

        /// <summary>Error code of DISCON, UPDATEFAIL, WIFI_CONNECT_FAILED or FAIL; 0 when the report has none.</summary>
        public int Code;

        /// <summary>Sub code of WIFI_CONNECT_FAILED.</summary>
        public int SubCode;

        /// <summary>Where the report stood in the module's output: reports and command results share one count,
        /// so a report with a lower number than a command's result came before it.</summary>
        public int Sequence;

        /// <summary>The module cut the payload short (it stops at a NUL): the payload is the part known to be its start.</summary>
        public bool Truncated;

        /// <summary>A received message's topic and payload are slices of Buffer.</summary>
        public byte[] Buffer;
        public int TopicOffset;
        public int TopicLength;
        public int PayloadOffset;
        public int PayloadLength;

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
