namespace TcAtMcu.Ota
{
    /// <summary>
    /// Where committed packages live, each under a sequence number (1, 2, 3 ... in commit order: the highest is the
    /// newest) with a small state record beside it. A flash directory on a board (<see cref="FilePackageStorage"/>),
    /// RAM in tests (<see cref="MemoryPackageStorage"/>).
    /// </summary>
    public interface IPackageStorage
    {
        /// <summary>The sequence numbers of the committed packages, in any order.</summary>
        int[] List();

        /// <summary>The package's bytes; the caller closes it.</summary>
        IByteSource Open(int sequence);

        /// <summary>Reads the state record into buffer; returns its length, 0 when there is none.</summary>
        int ReadState(int sequence, byte[] buffer);

        /// <summary>Replaces the state record.</summary>
        void WriteState(int sequence, byte[] state, int count);

        /// <summary>Removes the package and its state.</summary>
        void Delete(int sequence);
    }
}
