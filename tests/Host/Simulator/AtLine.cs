using System.Text;

namespace TcAtMcu.Simulator
{
    /// <summary>One command line as the module's AT core parses it: "AT+NAME", "=?", "?", or "=" and arguments.</summary>
    public sealed class AtLine
    {
        public enum Form { Execute, Test, Read, Set }

        public string Name { get; private set; }
        public Form Kind { get; private set; }
        /// <summary>Arguments, unescaped; quoted ones keep no quotes. Null entries never occur.</summary>
        public List<string> Args { get; } = new List<string>();
        public List<bool> Quoted { get; } = new List<bool>();

        /// <summary>Parses "AT+NAME..." (without CR LF); null when the AT core would answer ERROR.</summary>
        public static AtLine Parse(string line)
        {
            if (!line.StartsWith("AT", StringComparison.Ordinal))
            {
                return null;
            }
            AtLine at = new AtLine();
            string rest = line.Substring(2);
            if (rest.Length == 0)
            {
                at.Name = "";
                return at;
            }
            if (rest[0] != '+')
            {
                // ATE0, ATE1; anything else after "AT" (a bare LF, a CR) the AT core cannot parse.
                if (!rest.All(char.IsAsciiLetterOrDigit))
                {
                    return null;
                }
                at.Name = rest;
                return at;
            }
            int i = 1;
            while (i < rest.Length && (char.IsLetterOrDigit(rest[i]) || rest[i] == '_'))
            {
                i++;
            }
            at.Name = rest.Substring(1, i - 1);
            string tail = rest.Substring(i);
            if (tail.Length == 0)
            {
                at.Kind = Form.Execute;
                return at;
            }
            if (tail == "=?")
            {
                at.Kind = Form.Test;
                return at;
            }
            if (tail == "?")
            {
                at.Kind = Form.Read;
                return at;
            }
            if (tail[0] != '=')
            {
                return null;
            }
            at.Kind = Form.Set;
            return at.ParseArgs(tail.Substring(1)) ? at : null;
        }

        // Arguments: numbers or quoted strings, separated by commas; \" \, \\ are escapes inside quotes.
        private bool ParseArgs(string s)
        {
            int i = 0;
            while (true)
            {
                StringBuilder arg = new StringBuilder();
                bool quoted = i < s.Length && s[i] == '"';
                if (quoted)
                {
                    i++;
                    bool closed = false;
                    while (i < s.Length)
                    {
                        char c = s[i++];
                        if (c == '\\' && i < s.Length)
                        {
                            arg.Append(s[i++]);
                        }
                        else if (c == '"')
                        {
                            closed = true;
                            break;
                        }
                        else
                        {
                            arg.Append(c);
                        }
                    }
                    if (!closed)
                    {
                        return false;
                    }
                }
                else
                {
                    while (i < s.Length && s[i] != ',')
                    {
                        if (s[i] == '"' || s[i] == '\\')
                        {
                            return false;
                        }
                        arg.Append(s[i++]);
                    }
                }
                Args.Add(arg.ToString());
                Quoted.Add(quoted);
                if (i == s.Length)
                {
                    return true;
                }
                if (s[i] != ',')
                {
                    return false;
                }
                i++;
            }
        }

        public bool Int(int index, out int value)
        {
            value = 0;
            return index < Args.Count && !Quoted[index] && int.TryParse(Args[index], out value);
        }

        public bool Str(int index, out string value)
        {
            value = index < Args.Count && Quoted[index] ? Args[index] : null;
            return value != null;
        }
    }
}
