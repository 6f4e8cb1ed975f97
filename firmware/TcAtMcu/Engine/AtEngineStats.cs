namespace TcAtMcu.Engine
{
    /// <summary>Counters of what the engine met; they only grow. Read them for diagnostics, never for control.</summary>
    public sealed class AtEngineStats
    {
        public int Lines;
        public int LinesTooLong;
        public int StrayLines;
        /// <summary>A command's result line that came before its OK: an earlier command's, ignored.</summary>
        public int StaleResults;
        public int EchoLines;
        public int ResponseOverflows;
        public int Reports;
        public int ReportsDropped;
        public int MessagesTruncated;
        /// <summary>+TCMQTTRCVPUB over 2048 bytes, skipped by their length (also in ReportsDropped).</summary>
        public int MessagesTooLong;
        public int MalformedFrames;
        public int StalledFrames;
        public int Commands;
        public int Timeouts;
        public int BusyRetries;
        public int HandlerFaults;
        public int LinkFaults;
    }
}
