namespace TcAtMcu.Errors
{
    /// <summary>+CME ERROR codes, spec 7.2 (V3.1.2) and 8.2 (V3.2.1: 210 to 213).</summary>
    public static class CmeError
    {
        /// <summary>previous command is not complete</summary>
        public const int PreviousCommandNotComplete = 200;
        /// <summary>message packet over size</summary>
        public const int MessageOverSize = 201;
        /// <summary>command timeout</summary>
        public const int CommandTimeout = 202;
        /// <summary>check failed</summary>
        public const int CheckFailed = 203;
        /// <summary>parameter invalid</summary>
        public const int ParameterInvalid = 204;
        /// <summary>no valid firmware</summary>
        public const int NoValidFirmware = 205;
        /// <summary>memory allocation error</summary>
        public const int MemoryAllocation = 206;
        /// <summary>flash access error</summary>
        public const int FlashAccess = 207;
        /// <summary>state error or not ready</summary>
        public const int StateError = 208;
        /// <summary>command execution error</summary>
        public const int ExecutionError = 209;
        /// <summary>unknown error (V3.2.1)</summary>
        public const int UnknownError = 210;
        /// <summary>the module's own firmware update failed (V3.2.1)</summary>
        public const int ModuleOtaError = 211;
        /// <summary>a flash erase is going on (V3.2.1)</summary>
        public const int FlashEraseGoingOn = 212;
        /// <summary>HTTP error (V3.2.1)</summary>
        public const int HttpError = 213;
    }
}
