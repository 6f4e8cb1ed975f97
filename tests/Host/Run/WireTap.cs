using System;
using System.Text;
using System.Threading;
using TcAtMcu.Link;

namespace TcAtMcu.Run
{
    /// <summary>
    /// Watches the UART line by line in both directions, with every configured secret masked: the trace
    /// (--trace) and the <see cref="Conversation"/> that tells why a step failed are built on it.
    /// </summary>
    public sealed class WireTap : IByteLink
    {
        private readonly IByteLink _inner;
        private readonly string[] _secrets;
        private readonly StringBuilder _sent = new StringBuilder();
        private readonly StringBuilder _received = new StringBuilder();
        private long _bytesSent;
        private long _bytesReceived;

        public WireTap(IByteLink inner, params string[] secrets)
        {
            _inner = inner;
            _secrets = Array.FindAll(secrets, s => !string.IsNullOrEmpty(s));
        }

        /// <summary>A line the MCU sent, masked (no CR LF; control and non-ASCII bytes as '.').</summary>
        public event Action<string> Sent;

        /// <summary>A line the module sent, masked.</summary>
        public event Action<string> Received;

        public long BytesSent => Interlocked.Read(ref _bytesSent);

        public long BytesReceived => Interlocked.Read(ref _bytesReceived);

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            Interlocked.Add(ref _bytesReceived, n);
            Collect(_received, Received, buffer, offset, n);
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Interlocked.Add(ref _bytesSent, count);
            Collect(_sent, Sent, buffer, offset, count);
            _inner.Write(buffer, offset, count);
        }

        /// <summary>The line with every configured secret, escaped or not, replaced by ***.</summary>
        public string Mask(string line)
        {
            foreach (string secret in _secrets)
            {
                line = line.Replace(secret, "***");
                line = line.Replace(secret.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace(",", "\\,"), "***");
            }
            return line;
        }

        private void Collect(StringBuilder line, Action<string> output, byte[] buffer, int offset, int count)
        {
            lock (line)
            {
                for (int i = 0; i < count; i++)
                {
                    char c = (char)buffer[offset + i];
                    if (c == '\n')
                    {
                        Flush(line, output);
                    }
                    else if (c != '\r')
                    {
                        line.Append(c < ' ' || c > '~' ? '.' : c);
                        if (line.Length >= 300)
                        {
                            Flush(line, output);
                        }
                    }
                }
            }
        }

        private void Flush(StringBuilder line, Action<string> output)
        {
            if (line.Length > 0)
            {
                output?.Invoke(Mask(line.ToString()));
                line.Clear();
            }
        }
    }
}
