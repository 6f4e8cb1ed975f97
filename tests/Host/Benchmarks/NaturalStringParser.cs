using System;
using System.Text;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// The baseline a team would otherwise write, done well: bytes are kept in a growing buffer, each line is found
    /// with IndexOf and decoded once, a received message's payload is taken by its length (so CR LF inside it is
    /// kept), and the rest is string work (StartsWith, IndexOf, Substring, int.Parse, ==).
    /// </summary>
    public sealed class NaturalStringParser
    {
        private const string MessagePrefix = "+TCMQTTRCVPUB:";
        private readonly string _topic;
        private byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        public NaturalStringParser(string topic)
        {
            _topic = topic;
        }

        public int Messages;
        public int Finals;
        public long PayloadChars;

        public void Receive(byte[] data, int offset, int count)
        {
            if (_end + count > _buffer.Length)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
                if (_end + count > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + count));
                }
            }
            Array.Copy(data, offset, _buffer, _end, count);
            _end += count;
            while (true)
            {
                int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (lf < 0)
                {
                    return;
                }
                string line = Encoding.UTF8.GetString(_buffer, _start, lf - _start).TrimEnd('\r');
                if (line.StartsWith(MessagePrefix, StringComparison.Ordinal))
                {
                    int consumed = Message(line);
                    if (consumed < 0)
                    {
                        return; // the payload runs past what has arrived
                    }
                    _start += consumed;
                    continue;
                }
                Handle(line);
                _start = lf + 1;
            }
        }

        // +TCMQTTRCVPUB:"topic",len,"payload" : bytes used, or -1 to wait for more.
        private int Message(string line)
        {
            int topicEnd = line.IndexOf("\",", MessagePrefix.Length + 1, StringComparison.Ordinal);
            int lengthEnd = topicEnd < 0 ? -1 : line.IndexOf(',', topicEnd + 2);
            if (lengthEnd < 0)
            {
                return line.Length + 1;
            }
            string topic = line.Substring(MessagePrefix.Length + 1, topicEnd - MessagePrefix.Length - 1);
            int length = int.Parse(line.AsSpan(topicEnd + 2, lengthEnd - topicEnd - 2));
            int payloadStart = _start + lengthEnd + 2; // the header is ASCII
            if (payloadStart + length + 3 > _end)
            {
                return -1;
            }
            string payload = Encoding.UTF8.GetString(_buffer, payloadStart, length);
            if (topic == _topic)
            {
                Messages++;
                PayloadChars += payload.Length;
            }
            return payloadStart + length + 3 - _start;
        }

        private void Handle(string line)
        {
            if (line.Length == 0)
            {
                return;
            }
            if (line == "OK" || line == "ERROR" || line.StartsWith("+CME ERROR:", StringComparison.Ordinal))
            {
                Finals++;
                return;
            }
            int colon = line.IndexOf(':');
            if (line[0] == '+' && colon > 0 && line.Substring(colon + 1) == "OK")
            {
                Finals++;
            }
        }
    }
}
