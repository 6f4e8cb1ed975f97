namespace TcAtMcu.Commands
{
    /// <summary>Why a command was refused before a byte was sent: by the writer, or by the module API's state rules.</summary>
    public enum AtRefusal
    {
        None = 0,
        /// <summary>The command line, CR LF included, is over the module's 256 bytes.</summary>
        CommandTooLong,
        /// <summary>A string parameter holds CR or LF, which would end the command early.</summary>
        LineBreakInString,
        /// <summary>A string parameter holds a NUL byte, which the module's C strings cut at.</summary>
        NulInString,
        /// <summary>An unquoted parameter holds a character that would need quoting.</summary>
        InvalidToken,
        /// <summary>The command needs an MQTT connection and the module has none.</summary>
        NotConnected,
        /// <summary>The command is refused by the module while MQTT is connected: disconnect first.</summary>
        Connected,
        /// <summary>The module is downloading firmware; the spec refuses this command meanwhile.</summary>
        OtaInProgress,
        /// <summary>The spec's 10 subscriptions are taken.</summary>
        TooManySubscriptions,
        /// <summary>No publish form this module has can carry the payload byte for byte.</summary>
        PayloadWouldBeAltered,
        /// <summary>The module's command set (V3.1.2, firmware 1.x) lacks this command or this form of it.</summary>
        NotInCommandSet,
        /// <summary>The command needs V3.2.1 and the command set is not detected yet (TcModule.DetectCommandSet).</summary>
        CommandSetUnknown,
    }
}
