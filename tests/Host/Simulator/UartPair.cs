namespace TcAtMcu.Simulator
{
    /// <summary>Two connected in-process streams, a UART with its two ends: what one writes, the other reads.</summary>
    public static class UartPair
    {
        public static (Stream Mcu, Stream Module) CreateInProcess()
        {
            BytePipe toModule = new BytePipe();
            BytePipe toMcu = new BytePipe();
            return (new PipeEnd(toMcu, toModule), new PipeEnd(toModule, toMcu));
        }

        private sealed class BytePipe
        {
            private readonly Queue<byte> _bytes = new Queue<byte>();
            private bool _closed;

            public void Write(byte[] buffer, int offset, int count)
            {
                lock (_bytes)
                {
                    for (int i = 0; i < count; i++)
                    {
                        _bytes.Enqueue(buffer[offset + i]);
                    }
                    Monitor.PulseAll(_bytes);
                }
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                lock (_bytes)
                {
                    while (_bytes.Count == 0 && !_closed)
                    {
                        Monitor.Wait(_bytes);
                    }
                    int n = Math.Min(count, _bytes.Count);
                    for (int i = 0; i < n; i++)
                    {
                        buffer[offset + i] = _bytes.Dequeue();
                    }
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

        private sealed class PipeEnd : Stream
        {
            private readonly BytePipe _in;
            private readonly BytePipe _out;

            public PipeEnd(BytePipe input, BytePipe output)
            {
                _in = input;
                _out = output;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
            public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                _in.Close();
                _out.Close();
                base.Dispose(disposing);
            }
        }
    }
}
