using System;
using System.Text;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// The baseline a team would otherwise write: accumulate text, split on CR LF, then split each line with string
    /// operations. (It also splits a payload holding CR LF in two, which the engine does not.)
    /// </summary>
    public sealed class StringSplitParser
    {
        private string _carry = "";

        public int Messages;
        public int Finals;
        public long PayloadChars;

        public void Receive(byte[] data, int offset, int count)
        {
            string text = _carry + Encoding.ASCII.GetString(data, offset, count);
            string[] lines = text.Split("\r\n");
            _carry = lines[^1];
            for (int i = 0; i < lines.Length - 1; i++)
            {
                Handle(lines[i]);
            }
        }

        private void Handle(string line)
        {
            if (line.Length == 0)
            {
                return;
            }
            if (line.StartsWith("+TCMQTTRCVPUB:", StringComparison.Ordinal))
            {
                string rest = line.Substring("+TCMQTTRCVPUB:".Length);
                string[] parts = rest.Split(',', 3);
                string topic = parts[0].Trim('"');
                int length = int.Parse(parts[1]);
                string payload = parts[2].Substring(1, length);
                if (topic.Length > 0)
                {
                    Messages++;
                    PayloadChars += payload.Length;
                }
                return;
            }
            if (line == "OK" || line == "ERROR" || line.StartsWith("+CME ERROR:", StringComparison.Ordinal))
            {
                Finals++;
                return;
            }
            if (line.StartsWith("+", StringComparison.Ordinal))
            {
                string[] nameAndArgs = line.Split(':', 2);
                if (nameAndArgs.Length == 2 && nameAndArgs[1] == "OK")
                {
                    Finals++;
                }
            }
        }
    }
}
