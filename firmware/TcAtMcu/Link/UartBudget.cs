namespace TcAtMcu.Link
{
    /// <summary>
    /// The UART's buffers for a rate, so that without flow control no byte is lost while the reader thread waits its
    /// turn. nanoCLR runs one managed thread at a time, 20 ms each: while the application's thread runs a command, a
    /// report dispatch and the MD5 of an OTA chunk, and the hashing thread its share, the reader may wait two quanta;
    /// a heap compaction stops every thread for a few tens of ms more. <see cref="ReaderWaitMs"/> is that wait; the
    /// driver's receive buffer holds what the line carries meanwhile, and never less than the largest burst the
    /// firmware asks for (an OTA chunk with its framing). With RTS/CTS the driver stops the module instead.
    /// </summary>
    public static class UartBudget
    {
        public const int ReaderWaitMs = 100;

        /// <summary>AT+TCREADFWDATA's 4,096 bytes, its header "+TCREADFWDATA:4096," and CR LF, and the OK before it.</summary>
        public const int LargestBurst = 4096 + 19 + 2 + 4;

        /// <summary>The driver's receive buffer (SerialPort.ReadBufferSize): a power of two, 8 KB at 115200 and 460800, 16 KB at 921600.</summary>
        public static int ReceiveBuffer(int baud)
        {
            int need = baud / 10 * ReaderWaitMs / 1000;
            if (need < LargestBurst)
            {
                need = LargestBurst;
            }
            int size = 1024;
            while (size < need)
            {
                size *= 2;
            }
            return size;
        }

        /// <summary>
        /// The engine's read size (AtEngineOptions.ReceiveChunk): each read costs a lock and a few calls in IL, so at the
        /// higher rates the reader takes a backlog in 1 KB reads (a quantum's reads then outrun the line); 256 below.
        /// </summary>
        public static int ReadChunk(int baud)
        {
            return baud >= 460800 ? 1024 : 256;
        }
    }
}
