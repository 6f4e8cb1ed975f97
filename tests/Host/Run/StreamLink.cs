using System;
using System.IO;
using System.Threading;
using TcAtMcu.Link;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The firmware's byte link over a host Stream (an in-process pipe to the simulator, or a pty). A pump thread
    /// turns the stream's blocking reads into the short waits IByteLink.Read promises. The in-process UART is read
    /// directly (its FIFO is then the MCU's receive buffer, and its rate is this link's).
    /// </summary>
    public sealed class StreamLink : IByteLink, ILineSpeed, IDisposable
    {
        private readonly TcAtMcu.Simulator.IUartEnd _uart;
        private int _baud = 115200;
        private readonly Stream _stream;
        private readonly byte[] _ring = new byte[64 * 1024];
        private readonly object _sync = new object();
        private readonly Thread _pump;
        private int _head;
        private int _count;
        private volatile bool _closed;

        public StreamLink(Stream stream)
        {
            _stream = stream;
            _uart = stream as TcAtMcu.Simulator.IUartEnd;
            if (_uart != null)
            {
                stream.ReadTimeout = 20;
                return;
            }
            _pump = new Thread(Pump) { IsBackground = true, Name = "uart-rx" };
            _pump.Start();
        }

        public int BaudRate => _uart != null ? _uart.BaudRate : _baud;

        public void SetBaudRate(int baud)
        {
            _baud = baud;
            if (_uart != null)
            {
                _uart.BaudRate = baud;
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_uart != null)
            {
                try
                {
                    return _stream.Read(buffer, offset, count);
                }
                catch (ObjectDisposedException)
                {
                    return 0;
                }
            }
            lock (_sync)
            {
                if (_count == 0 && !_closed)
                {
                    Monitor.Wait(_sync, 20);
                }
                int n = Math.Min(count, _count);
                for (int i = 0; i < n; i++)
                {
                    buffer[offset + i] = _ring[(_head + i) % _ring.Length];
                }
                _head = (_head + n) % _ring.Length;
                _count -= n;
                Monitor.PulseAll(_sync);
                return n;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _stream.Write(buffer, offset, count);
            _stream.Flush();
        }

        public void Dispose()
        {
            _closed = true;
            _stream.Dispose();
        }

        private void Pump()
        {
            byte[] chunk = new byte[4096];
            try
            {
                while (!_closed)
                {
                    int n = _stream.Read(chunk, 0, chunk.Length);
                    if (n <= 0)
                    {
                        break;
                    }
                    lock (_sync)
                    {
                        // A UART driver's buffer is finite too; here the reader waits rather than losing bytes.
                        while (_count + n > _ring.Length && !_closed)
                        {
                            Monitor.Wait(_sync, 20);
                        }
                        for (int i = 0; i < n; i++)
                        {
                            _ring[(_head + _count + i) % _ring.Length] = chunk[i];
                        }
                        _count += n;
                        Monitor.PulseAll(_sync);
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            _closed = true;
        }
    }
}
