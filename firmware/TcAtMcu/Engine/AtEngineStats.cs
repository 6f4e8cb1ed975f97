namespace TcAtMcu.Engine
{
    /// <summary>Counters of what the engine met; they only grow. Read them for diagnostics, never for control.</summary>
    public sealed class AtEngineStats
    {
        public int Lines;
        public int LinesTooLong;
        public int StrayLines;
        public int EchoLines;
        public int ResponseOverflows;
        public int Reports;
        public int ReportsDropped;
        public int MalformedFrames;
        public int StalledFrames;
        public int Commands;
        public int Timeouts;
        public int BusyRetries;
        public int HandlerFaults;
        public int LinkFaults;
    }
}
