using TcAtMcu.Matching;

namespace TcAtMcu.Engine
{
    /// <summary>Receives unsolicited reports, on the dispatching thread, never on the reader.</summary>
    public interface IReportHandler
    {
        /// <summary>The report is only valid during the call.</summary>
        void OnReport(Report report);
    }
}
