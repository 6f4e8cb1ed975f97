namespace TcAtMcu.Errors
{
    /// <summary>
    /// FAIL codes of AT+TCGWBIND and AT+TCGWONLINE (V3.2.1 section 8.5). The cloud's codes 801 to 810 come back
    /// negated from some firmware builds (the explorer SDK negates bind results): <see cref="TcAtMcu.Module.TcModule"/>
    /// reports them positive.
    /// </summary>
    public static class GatewayError
    {
        /// <summary>success</summary>
        public const int Success = 0;
        /// <summary>the gateway has not bound this sub-device</summary>
        public const int NotBound = -1;
        /// <summary>system error: the sub-device could not go online or offline</summary>
        public const int SystemError = -2;
        /// <summary>request parameter error</summary>
        public const int InvalidParameter = 801;
        /// <summary>illegal device name, or no such device</summary>
        public const int NoSuchDevice = 802;
        /// <summary>signature check failed</summary>
        public const int SignatureMismatch = 803;
        /// <summary>signature method not supported</summary>
        public const int SignMethodUnsupported = 804;
        /// <summary>signature request expired</summary>
        public const int SignatureExpired = 805;
        /// <summary>the device is bound already (to another gateway)</summary>
        public const int BoundElsewhere = 806;
        /// <summary>only a plain device can be bound</summary>
        public const int NotPlainDevice = 807;
        /// <summary>operation not allowed</summary>
        public const int NotAllowed = 808;
        /// <summary>repeated binding (the module reports it as success)</summary>
        public const int RepeatedBind = 809;
        /// <summary>sub-device not supported</summary>
        public const int Unsupported = 810;

        // The explorer SDK's own codes, passed through by the module (qcloud_iot_export_error.h).
        /// <summary>the module could not create the sub-device's session</summary>
        public const int SessionCreateFailed = -221;
        /// <summary>the module holds no session for this sub-device (offline of one never online)</summary>
        public const int NoSession = -222;
        /// <summary>no answer from the cloud in time</summary>
        public const int SessionTimeout = -223;
        /// <summary>the module holds the sub-device online already</summary>
        public const int AlreadyOnline = -224;
        /// <summary>the module holds the sub-device offline already</summary>
        public const int AlreadyOffline = -225;
    }
}
