using TcAtMcu.Matching;

namespace TcAtMcu.Engine
{
    /// <summary>Receives unsolicited reports, on the dispatching thread, never on the reader.</summary>
    public interface IReportHandler
    {
        /// <summary>The report is only valid during the call.</summary>
        void OnReport(Report report);
    }

    /// <summary>
    /// Sees every report the moment it is parsed, on the reader thread and in the module's order relative to
    /// command results (what state tracking needs). Must be quick, must not block and must not send commands.
    /// </summary>
    public interface IReportObserver
    {
        void Observe(Report report);
    }
}
