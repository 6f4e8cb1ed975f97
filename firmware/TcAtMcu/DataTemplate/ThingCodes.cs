namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// Reply codes. IoT Explorer answers 0 for success and 406 with a status text ("... out of range:[0,100]") for
    /// parameters that do not fit the template; the device answers a control or action the same way. The
    /// negative codes are local: they never travel, they tell the product what happened to its own message.
    /// </summary>
    public static class ThingCodes
    {
        public const int Success = 0;

        /// <summary>A parameter is unknown, read-only, of the wrong type, out of range, too long or duplicated.</summary>
        public const int InvalidParameter = 406;

        /// <summary>No event_reply came within <see cref="ThingClient.EventReplyTimeoutMs"/>.</summary>
        public const int NoReply = -1;

        /// <summary>A queued event that does not fit one message of the output buffer even alone: not sent.</summary>
        public const int TooLarge = -2;
    }
}
