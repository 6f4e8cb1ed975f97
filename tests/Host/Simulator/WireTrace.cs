using System.Text;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// The module's own trace of its UART: one line per line on the wire, timestamped, "MCU&gt;" for what it received
    /// and "MOD&lt;" for what it sent. Bytes outside printable ASCII are shown as \xNN, CR and LF as \r \n.
    /// Secrets are masked as *** before anything is written: the argument of a command that carries one
    /// (device secret, product secret, WiFi or soft AP password) and every secret the module holds.
    /// </summary>
    public sealed class WireTrace
    {
        private const int MaxLine = 512;

        private readonly Action<string> _output;
        private readonly Func<IEnumerable<string>> _secrets;
        private readonly List<byte> _received = new List<byte>();
        private readonly List<byte> _sent = new List<byte>();

        // Command name, then the 0-based index of the argument that is a secret.
        private static readonly (string Command, int Argument)[] SecretArguments =
        {
            ("AT+TCDEVINFOSET=", 3),
            ("AT+TCPRDINFOSET=", 2),
            ("AT+CWJAP=", 1),
            ("AT+CWJAP_CUR=", 1),
            ("AT+CWJAP_DEF=", 1),
            ("AT+TCSAP=", 1),
        };

        /// <param name="output">Receives each finished trace line.</param>
        /// <param name="secrets">The secrets to mask wherever they appear (asked again for every line).</param>
        public WireTrace(Action<string> output, Func<IEnumerable<string>> secrets)
        {
            _output = output;
            _secrets = secrets;
        }

        public void Received(byte[] bytes, int offset, int count) => Collect(_received, "MCU> ", bytes, offset, count);

        public void Sent(byte[] bytes, int offset, int count) => Collect(_sent, "MOD< ", bytes, offset, count);

        /// <summary>Writes out what is pending on both sides (a prompt, a payload without its CR LF yet).</summary>
        public void Flush()
        {
            lock (_received)
            {
                Emit(_received, "MCU> ");
            }
            lock (_sent)
            {
                Emit(_sent, "MOD< ");
            }
        }

        private void Collect(List<byte> line, string prefix, byte[] bytes, int offset, int count)
        {
            lock (line)
            {
                for (int i = 0; i < count; i++)
                {
                    byte b = bytes[offset + i];
                    line.Add(b);
                    if ((b == '\n' && line.Count >= 2 && line[^2] == '\r') || line.Count >= MaxLine)
                    {
                        Emit(line, prefix);
                    }
                }
            }
        }

        private void Emit(List<byte> line, string prefix)
        {
            if (line.Count == 0)
            {
                return;
            }
            string text = Mask(Encoding.Latin1.GetString(line.ToArray()), _secrets?.Invoke());
            line.Clear();
            _output(DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " " + prefix + Escape(text));
        }

        /// <summary>The line with the secret arguments of known commands and every given secret replaced by ***.</summary>
        public static string Mask(string line, IEnumerable<string> secrets)
        {
            foreach (var (command, argument) in SecretArguments)
            {
                if (line.StartsWith(command, StringComparison.OrdinalIgnoreCase))
                {
                    line = MaskArgument(line, command.Length, argument);
                }
            }
            if (secrets != null)
            {
                foreach (string secret in secrets)
                {
                    if (!string.IsNullOrEmpty(secret))
                    {
                        line = line.Replace(secret, "***");
                        line = line.Replace(secret.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace(",", "\\,"), "***");
                    }
                }
            }
            return line;
        }

        // Replaces the text of the argument at that index (quoted or not, escapes honoured) by ***.
        private static string MaskArgument(string line, int start, int index)
        {
            int i = start;
            for (int n = 0; i <= line.Length; n++)
            {
                int from = i;
                bool quoted = i < line.Length && line[i] == '"';
                if (quoted)
                {
                    i++;
                    while (i < line.Length && line[i] != '"')
                    {
                        i += line[i] == '\\' ? 2 : 1;
                    }
                    i = Math.Min(i + 1, line.Length);
                }
                else
                {
                    while (i < line.Length && line[i] != ',' && line[i] != '\r' && line[i] != '\n')
                    {
                        i++;
                    }
                }
                if (n == index)
                {
                    string masked = quoted ? "\"***\"" : "***";
                    return line.Substring(0, from) + masked + line.Substring(i);
                }
                if (i >= line.Length || line[i] != ',')
                {
                    return line;
                }
                i++;
            }
            return line;
        }

        private static string Escape(string text)
        {
            StringBuilder b = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\r': b.Append("\\r"); break;
                    case '\n': b.Append("\\n"); break;
                    case '\\': b.Append("\\\\"); break;
                    default:
                        if (c < ' ' || c > '~')
                        {
                            b.Append("\\x").Append(((int)c).ToString("X2"));
                        }
                        else
                        {
                            b.Append(c);
                        }
                        break;
                }
            }
            return b.ToString();
        }
    }
}
