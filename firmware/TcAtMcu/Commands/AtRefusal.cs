namespace TcAtMcu.Commands
{
    /// <summary>Why the writer refused a command; a refused command is never sent.</summary>
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
    }
}
