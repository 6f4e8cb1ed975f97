using TcAtMcu.Text;

namespace TcAtMcu.Matching
{
    /// <summary>How a report's fields after its text are read into <see cref="Report"/>.</summary>
    public enum ReportForm
    {
        /// <summary>Nothing after the text.</summary>
        Bare,
        /// <summary>An integer right after the text: Report.Code.</summary>
        Code,
        /// <summary>A state word right after the text, then ,&lt;code&gt;[,&lt;sub&gt;]: Report.Status, Code, SubCode.</summary>
        Status,
        /// <summary>The same after the line's first colon (the text itself holds part of the word).</summary>
        StatusAfterColon,
        /// <summary>A received message: framed by the framer (its payload is not a line), never matched as a line.</summary>
        Message,
    }

    /// <summary>One unsolicited report: its text, kind, name for logs and field form, declared together in <see cref="ReportTable"/>.</summary>
    public sealed class ReportRow
    {
        public ReportRow(string text, ReportKind kind, string name, ReportForm form)
            : this(text, kind, name, form, false)
        {
        }

        /// <param name="unlessInFlight">The line is its command's own result while that command is in flight (e.g.
        /// "+TCSAP:FAIL"); a report only after it.</param>
        public ReportRow(string text, ReportKind kind, string name, ReportForm form, bool unlessInFlight)
        {
            Text = Ascii.Bytes(text);
            Kind = kind;
            Name = name;
            Form = form;
            UnlessInFlight = unlessInFlight;
        }

        // Fields, not properties: read per line by the matcher.
        public readonly byte[] Text;
        public readonly ReportKind Kind;
        public readonly string Name;
        public readonly ReportForm Form;
        public readonly bool UnlessInFlight;
    }

    /// <summary>A state word of an OTA or provisioning report.</summary>
    public sealed class StatusRow
    {
        public StatusRow(string word, ReportStatus status)
        {
            Word = Ascii.Bytes(word);
            Status = status;
            Name = word;
        }

        public readonly byte[] Word;
        public readonly ReportStatus Status;
        public readonly string Name;
    }

    /// <summary>A final result line: exact (the whole line) or a prefix; CME and ERR CODE carry a code.</summary>
    public sealed class ResultRow
    {
        public ResultRow(string text, LineKind kind, bool exact)
        {
            Text = Ascii.Bytes(text);
            Kind = kind;
            Exact = exact;
        }

        public readonly byte[] Text;
        public readonly LineKind Kind;
        public readonly bool Exact;
    }
}
