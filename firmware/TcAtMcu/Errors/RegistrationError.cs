namespace TcAtMcu.Errors
{
    /// <summary>Dynamic registration codes (AT+TCDEVREG FAIL), spec 7.3.</summary>
    public static class RegistrationError
    {
        /// <summary>internal error</summary>
        public const int InternalError = 1000;
        /// <summary>product does not exist</summary>
        public const int ProductNotExists = 1004;
        /// <summary>invalid parameter</summary>
        public const int InvalidParam = 1006;
        /// <summary>signature check failed</summary>
        public const int CheckSecretError = 1010;
        /// <summary>product does not allow dynamic registration</summary>
        public const int NotSupportRegister = 1011;
        /// <summary>device registered too many times</summary>
        public const int ExceedRegisterTimes = 1012;
        /// <summary>device not pre-created for this product</summary>
        public const int NoSuchDevice = 1020;
        /// <summary>device already registered</summary>
        public const int DeviceHasRegistered = 1021;
        /// <summary>product over its automatic registration limit</summary>
        public const int ExceedRegisterLimits = 1031;
    }
}
