namespace TcAtMcu.Simulator
{
    /// <summary>One end of a simulated UART: its rate and whether it uses RTS/CTS, as that side has configured them.</summary>
    public interface IUartEnd
    {
        /// <summary>0: not modelled (every byte arrives as sent).</summary>
        int BaudRate { get; set; }

        /// <summary>RTS/CTS on at this end; the line is flow-controlled in a direction when both ends have it on.</summary>
        bool FlowControl { get; set; }
    }

    /// <summary>
    /// Two connected in-process streams, a UART with its two ends: what one writes, the other reads. Bytes sent at one
    /// rate and received at another arrive garbled (framing errors, one byte each, all at or above 0x80, so noise never
    /// makes CR or LF). Each direction holds <see cref="Fifo"/> bytes the receiver has not read: when both ends use
    /// RTS/CTS a full FIFO stops the sender (its writes block) until the receiver reads; without, bytes beyond it are lost
    /// (counted). Unbounded unless set.
    /// </summary>
    public static class UartPair
    {
        public static (Stream Mcu, Stream Module) CreateInProcess() => CreateInProcess(int.MaxValue);

        /// <param name="fifo">Bytes each receiver holds before flow control stops the sender or bytes are lost.</param>
        public static (Stream Mcu, Stream Module) CreateInProcess(int fifo)
        {
            BytePipe toModule = new BytePipe(fifo);
            BytePipe toMcu = new BytePipe(fifo);
            PipeEnd mcu = new PipeEnd(toMcu, toModule);
            PipeEnd module = new PipeEnd(toModule, toMcu);
            toModule.Ends(mcu, module);
            toMcu.Ends(module, mcu);
            return (mcu, module);
        }

        /// <summary>Bytes lost so far on the stream's receiving side because its FIFO was full without flow control.</summary>
        public static long Overruns(Stream end) => end is PipeEnd e ? e.Input.Overruns : 0;

        /// <summary>Bytes that arrived garbled at the stream's receiving side (rates differing).</summary>
        public static long Garbled(Stream end) => end is PipeEnd e ? e.Input.Garbled : 0;

        /// <summary>The byte a receiver at the wrong rate gets for b.</summary>
        public static byte Garble(byte b) => (byte)(0x80 | (b ^ 0x35));

        private sealed class BytePipe
        {
            private readonly Queue<byte> _bytes = new Queue<byte>();
            private readonly int _fifo;
            private PipeEnd _sender;
            private PipeEnd _receiver;
            private bool _closed;

            public BytePipe(int fifo)
            {
                _fifo = fifo;
            }

            public long Overruns { get; private set; }
            public long Garbled { get; private set; }

            public void Ends(PipeEnd sender, PipeEnd receiver)
            {
                _sender = sender;
                _receiver = receiver;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                lock (_bytes)
                {
                    for (int i = 0; i < count; i++)
                    {
                        int sent = _sender.BaudRate;
                        int heard = _receiver.BaudRate;
                        bool flow = _sender.FlowControl && _receiver.FlowControl;
                        while (flow && _bytes.Count >= _fifo && !_closed)
                        {
                            Monitor.Wait(_bytes); // CTS off: the sender holds the byte until the receiver reads
                        }
                        if (_closed)
                        {
                            return;
                        }
                        if (_bytes.Count >= _fifo)
                        {
                            Overruns++;
                            continue;
                        }
                        byte b = buffer[offset + i];
                        if (sent > 0 && heard > 0 && sent != heard)
                        {
                            b = Garble(b);
                            Garbled++;
                        }
                        _bytes.Enqueue(b);
                        Monitor.PulseAll(_bytes);
                    }
                }
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMs)
            {
                lock (_bytes)
                {
                    if (_bytes.Count == 0 && !_closed && timeoutMs >= 0)
                    {
                        Monitor.Wait(_bytes, timeoutMs);
                    }
                    while (_bytes.Count == 0 && !_closed && timeoutMs < 0)
                    {
                        Monitor.Wait(_bytes);
                    }
                    int n = Math.Min(count, _bytes.Count);
                    for (int i = 0; i < n; i++)
                    {
                        buffer[offset + i] = _bytes.Dequeue();
                    }
                    Monitor.PulseAll(_bytes); // room again: a sender held by flow control goes on
                    return n;
                }
            }

            public void Close()
            {
                lock (_bytes)
                {
                    _closed = true;
                    Monitor.PulseAll(_bytes);
                }
            }
        }

        private sealed class PipeEnd : Stream, IUartEnd
        {
            private readonly BytePipe _out;

            public PipeEnd(BytePipe input, BytePipe output)
            {
                Input = input;
                _out = output;
            }

            public BytePipe Input { get; }
            public int BaudRate { get; set; }
            public bool FlowControl { get; set; }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            /// <summary>Read waits this long for a first byte, then returns 0 (-1: until one comes or the pipe closes).</summary>
            public override int ReadTimeout { get; set; } = -1;
            public override bool CanTimeout => true;
            public override int Read(byte[] buffer, int offset, int count) => Input.Read(buffer, offset, count, ReadTimeout);
            public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                Input.Close();
                _out.Close();
                base.Dispose(disposing);
            }
        }
    }
}
