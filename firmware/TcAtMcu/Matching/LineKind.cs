namespace TcAtMcu.Matching
{
    /// <summary>What a line from the module is, once matched against the tables in <see cref="LineTable"/>.</summary>
    public enum LineKind
    {
        /// <summary>None of the tables: a response line of the command in flight, or stray.</summary>
        Other = 0,
        Ok,
        Error,
        /// <summary>+CME ERROR:&lt;n&gt; (also the spec's "+CME ERR:"); a final result on its own.</summary>
        CmeError,
        /// <summary>"busy p..." / "busy s...": the module's AT task is still running a command.</summary>
        Busy,
        /// <summary>ERR CODE:0x........ : printed before ERROR or busy.</summary>
        ErrCode,
    }
}
