namespace TcAtMcu.Engine
{
    /// <summary>Sizes and bounds of the engine, fixed at construction. The defaults fit the real module.</summary>
    public sealed class AtEngineOptions
    {
        /// <summary>Longest line kept; longer ones are dropped and counted. +TCMQTTSUB? lines hold a 128-byte topic.</summary>
        public int LineCapacity = 512;

        /// <summary>Bytes and lines of response kept for the command in flight (AT+TCMQTTSUB? lists up to 10 topics).</summary>
        public int ResponseCapacity = 1600;
        public int ResponseLines = 16;

        /// <summary>Reports held until dispatched; one more is dropped and counted.</summary>
        public int ReportSlots = 4;

        /// <summary>Topic and payload room of each report slot: 128 is the spec's topic limit, ~2 KB the module's buffer.</summary>
        public int TopicCapacity = 128;
        public int PayloadCapacity = 2048;

        /// <summary>Resends of a command answered "busy p..."; the wait grows by BusyBackoffMs each time.</summary>
        public int BusyRetries = 5;
        public int BusyBackoffMs = 100;

        /// <summary>A partial frame with no new byte for this long is dropped (a reboot or a lost byte mid-frame).</summary>
        public int FrameStallMs = 1000;

        /// <summary>Read buffer of the reader thread.</summary>
        public int ReceiveChunk = 256;

        /// <summary>The module prints +TCREADFWDATA as hex digits (the spec's form) rather than raw bytes.</summary>
        public bool HexFirmwareData;
    }
}
