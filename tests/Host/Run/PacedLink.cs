using System;
using System.Diagnostics;
using System.Threading;
using TcAtMcu.Link;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The MCU's transmit line at a baud rate: 8N1 is ten bit times a byte, so baud / 10 bytes a second. Bytes go
    /// out in small slices when the line would have carried them (the simulated module paces its own side).
    /// </summary>
    public sealed class PacedLink : IByteLink, ILineSpeed, IDisposable
    {
        private const int Slice = 16;
        private readonly IByteLink _inner;
        private double _byteSeconds;
        private int _baud;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _lineFreeAt;

        public PacedLink(IByteLink inner, int baud)
        {
            _inner = inner;
            _byteSeconds = 10.0 / baud;
            _baud = baud;
        }

        public int BaudRate => _baud;

        /// <summary>The new pace, and the same rate for the line underneath (a simulated UART's end, a serial port).</summary>
        public void SetBaudRate(int baud)
        {
            lock (_clock)
            {
                _baud = baud;
                _byteSeconds = 10.0 / baud;
                (_inner as ILineSpeed)?.SetBaudRate(baud);
            }
        }

        public int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public void Write(byte[] buffer, int offset, int count)
        {
            lock (_clock)
            {
                WritePaced(buffer, offset, count);
            }
        }

        private void WritePaced(byte[] buffer, int offset, int count)
        {
            _lineFreeAt = Math.Max(_lineFreeAt, _clock.Elapsed.TotalSeconds);
            for (int i = 0; i < count; i += Slice)
            {
                int n = Math.Min(Slice, count - i);
                _lineFreeAt += n * _byteSeconds;
                WaitUntil(_lineFreeAt);
                _inner.Write(buffer, offset + i, n);
            }
        }

        public void Dispose() => (_inner as IDisposable)?.Dispose();

        private void WaitUntil(double at)
        {
            double wait;
            while ((wait = at - _clock.Elapsed.TotalSeconds) > 0)
            {
                if (wait > 0.002)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }
        }
    }
}
