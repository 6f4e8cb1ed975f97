using System;
using System.Text;
using TcAtMcu.Link;

namespace TcAtMcu.Run
{
    /// <summary>
    /// Prints the conversation line by line ("MCU> " sent, "MOD< " received), with the secrets masked:
    /// a trace is the first thing people paste into a ticket.
    /// </summary>
    public sealed class TracingLink : IByteLink
    {
        private readonly IByteLink _inner;
        private readonly Action<string> _output;
        private readonly string[] _secrets;
        private readonly StringBuilder _sent = new StringBuilder();
        private readonly StringBuilder _received = new StringBuilder();

        public TracingLink(IByteLink inner, Action<string> output, params string[] secrets)
        {
            _inner = inner;
            _output = output;
            _secrets = Array.FindAll(secrets, s => !string.IsNullOrEmpty(s));
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = _inner.Read(buffer, offset, count);
            Collect(_received, "MOD< ", buffer, offset, n);
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Collect(_sent, "MCU> ", buffer, offset, count);
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

        private void Collect(StringBuilder line, string prefix, byte[] buffer, int offset, int count)
        {
            lock (line)
            {
                for (int i = 0; i < count; i++)
                {
                    char c = (char)buffer[offset + i];
                    if (c == '\n')
                    {
                        Flush(line, prefix);
                    }
                    else if (c != '\r')
                    {
                        line.Append(c < ' ' || c > '~' ? '.' : c);
                        if (line.Length >= 300)
                        {
                            Flush(line, prefix);
                        }
                    }
                }
            }
        }

        private void Flush(StringBuilder line, string prefix)
        {
            if (line.Length > 0)
            {
                _output(prefix + Mask(line.ToString()));
                line.Clear();
            }
        }
    }
}
