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

        /// <summary>Reports held until dispatched, and the bytes their topics and payloads share; one more is
        /// dropped and counted. The default holds two of the largest messages, or sixteen short ones.</summary>
        public int ReportSlots = 16;
        public int ReportBytes = 4608;

        /// <summary>Largest received message: 128 is the spec's topic limit, 2048 the module's receive buffer.</summary>
        public int TopicCapacity = 128;
        public int PayloadCapacity = 2048;

        /// <summary>Resends of a command answered "busy p..."; the wait grows by BusyBackoffMs each time.</summary>
        public int BusyRetries = 5;
        public int BusyBackoffMs = 100;

        /// <summary>A partial frame with no new byte for this long is closed (a reboot, a lost byte, a cut message).</summary>
        public int FrameStallMs = 300;

        /// <summary>Read buffer of the reader thread.</summary>
        public int ReceiveChunk = 256;

        /// <summary>The module prints +TCREADFWDATA as hex digits (the spec's form) rather than raw bytes.</summary>
        public bool HexFirmwareData;

        /// <summary>Time for timeouts; tests give a fake one.</summary>
        public IClock Clock = SystemClock.Instance;
    }
}
