namespace TcAtMcu.Link
{
    /// <summary>
    /// The byte pipe to the module: the UART on a device, a pty or an in-memory fake on the host.
    /// </summary>
    public interface IByteLink
    {
        /// <summary>Reads what is available, waiting a short while (tens of ms) when nothing is; 0 when nothing came.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Writes all the bytes.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
