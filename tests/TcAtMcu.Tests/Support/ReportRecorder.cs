using TcAtMcu.Engine;
using TcAtMcu.Matching;

namespace TcAtMcu.Tests.Support
{
    /// <summary>Records each report as one readable line: "TCMQTTDISCON code=-103", "TCMQTTRCVPUB t/a a\"b".</summary>
    public sealed class ReportRecorder : IReportHandler
    {
        private readonly string[] _entries = new string[64];
        private readonly object _sync = new object();
        private int _count;

        public int Count
        {
            get { lock (_sync) { return _count; } }
        }

        public string this[int index]
        {
            get { lock (_sync) { return _entries[index]; } }
        }

        /// <summary>Called after each report is recorded, on the dispatching thread.</summary>
        public IReportHandler Then { get; set; }

        public void OnReport(Report report)
        {
            string entry = ReportNames.Of(report.Kind);
            if (report.Kind == ReportKind.MessageReceived)
            {
                entry += " " + Bytes.Text(report.Buffer, report.TopicOffset, report.TopicLength)
                    + " " + Bytes.Text(report.Buffer, report.PayloadOffset, report.PayloadLength);
            }
            else
            {
                if (report.Status != ReportStatus.None)
                {
                    entry += " " + ReportNames.Of(report.Status);
                }
                if (report.Code != 0)
                {
                    entry += " code=" + report.Code;
                }
                if (report.SubCode != 0)
                {
                    entry += " sub=" + report.SubCode;
                }
            }
            lock (_sync)
            {
                _entries[_count++] = entry;
            }
            if (Then != null)
            {
                Then.OnReport(report);
            }
        }
    }
}
