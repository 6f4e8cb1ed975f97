namespace TcAtMcu.Engine
{
    /// <summary>How a command ended.</summary>
    public enum AtStatus
    {
        Ok = 0,
        /// <summary>ERROR (the AT core could not parse it); Code holds a preceding ERR CODE, if any.</summary>
        Error,
        /// <summary>+CME ERROR:&lt;Code&gt;</summary>
        CmeError,
        /// <summary>"+NAME:FAIL[,&lt;Code&gt;]" after OK.</summary>
        Failed,
        /// <summary>The module stayed busy through every retry.</summary>
        Busy,
        /// <summary>No final answer within the command's timeout.</summary>
        Timeout,
        /// <summary>Not sent: the writer refused it; Code is the <see cref="Commands.AtRefusal"/>.</summary>
        Refused,
        /// <summary>A data block came back malformed or did not fit the caller's buffer.</summary>
        BadData,
        /// <summary>The link threw while writing; the command may be partly sent.</summary>
        LinkFault,
    }

    /// <summary>
    /// The end of one command: status, error code, and for data reads the byte count. A class and not a struct:
    /// on nanoCLR every struct value is a heap object, so each copy would allocate. The engine returns its one
    /// instance, overwritten by its next command: read it (or copy what you keep) before sending another.
    /// </summary>
    public sealed class AtResult
    {
        public AtResult(AtStatus status, int code, int length)
        {
            Status = status;
            Code = code;
            Length = length;
        }

        public AtStatus Status;

        /// <summary>CME or FAIL error code, ERR CODE before ERROR, or the refusal reason.</summary>
        public int Code;

        /// <summary>Bytes delivered by a data read.</summary>
        public int Length;

        public bool IsOk
        {
            get { return Status == AtStatus.Ok; }
        }

        internal AtResult Set(AtStatus status, int code, int length)
        {
            Status = status;
            Code = code;
            Length = length;
            return this;
        }
    }
}
