using TcAtMcu.Text;

namespace TcAtMcu.Commands
{
    /// <summary>
    /// Builds one command line in a fixed buffer: "AT+NAME=" then parameters, separated by commas.
    /// String parameters are quoted with the AT core's escapes (spec 1.3: \" \, \\). Anything that cannot be sent
    /// as written (too long, CR/LF, NUL) sets <see cref="Refusal"/> and the engine sends nothing.
    /// The string overloads are for text (on the device a string cannot hold NUL and each costs a char[]: see
    /// <see cref="Utf8"/>); binary data and what is sent per message go as bytes.
    /// </summary>
    public sealed class AtCommandWriter
    {
        /// <summary>The module's limit for one command line, CR LF included (spec 1.3).</summary>
        public const int MaxCommandLength = 256;

        private readonly byte[] _buffer = new byte[MaxCommandLength];
        private readonly byte[] _scratch = new byte[4];
        private readonly byte[] _digits = new byte[20];
        private int _length;
        private int _parameters;
        private bool _terminated;

        public AtRefusal Refusal { get; private set; }

        /// <summary>The command being written; null for <see cref="Plain"/> lines.</summary>
        public AtCommand Command { get; private set; }

        /// <summary>The bytes written so far (after the engine terminated it: the whole line with CR LF).</summary>
        public byte[] Buffer { get { return _buffer; } }
        public int Length { get { return _length; } }

        /// <summary>"AT+NAME=" : a set command; add parameters next.</summary>
        public AtCommandWriter Set(AtCommand command)
        {
            Start(command);
            Put((byte)'=');
            return this;
        }

        /// <summary>"AT+NAME?"</summary>
        public AtCommandWriter Read(AtCommand command)
        {
            Start(command);
            Put((byte)'?');
            return this;
        }

        /// <summary>"AT+NAME=?"</summary>
        public AtCommandWriter Test(AtCommand command)
        {
            Start(command);
            Put((byte)'=');
            Put((byte)'?');
            return this;
        }

        /// <summary>"AT+NAME"</summary>
        public AtCommandWriter Execute(AtCommand command)
        {
            Start(command);
            return this;
        }

        /// <summary>A bare "AT" (the module's liveness check) or another command without the TC table, as bytes.</summary>
        public AtCommandWriter Plain(byte[] text)
        {
            Begin(null);
            for (int i = 0; i < text.Length; i++)
            {
                Put(text[i]);
            }
            return this;
        }

        /// <summary>The same from ASCII text.</summary>
        public AtCommandWriter Plain(string text)
        {
            return Plain(Utf8.Bytes(text));
        }

        public AtCommandWriter Number(int value)
        {
            Separate();
            int n = Ascii.FormatDecimal(value, _digits, 0);
            for (int i = 0; i < n; i++)
            {
                Put(_digits[i]);
            }
            return this;
        }

        /// <summary>A quoted, escaped text parameter, UTF-8 (text only: a NUL cannot be in a device string).</summary>
        public AtCommandWriter Quoted(string value)
        {
            Separate();
            Put(Ascii.Quote);
            char[] chars = value.ToCharArray();
            int i = 0;
            while (i < chars.Length)
            {
                int n = Utf8.EncodeChar(chars, ref i, chars.Length, _scratch, 0);
                for (int k = 0; k < n; k++)
                {
                    PutEscaped(_scratch[k]);
                }
            }
            Put(Ascii.Quote);
            return this;
        }

        /// <summary>A quoted, escaped string parameter from bytes.</summary>
        public AtCommandWriter Quoted(byte[] value, int offset, int count)
        {
            Separate();
            Put(Ascii.Quote);
            for (int i = offset; i < offset + count; i++)
            {
                PutEscaped(value[i]);
            }
            Put(Ascii.Quote);
            return this;
        }

        /// <summary>An unquoted parameter written as is, e.g. an IP address for AT+TCMQTTSRV; only printable ASCII without spaces, quotes, commas or backslashes.</summary>
        public AtCommandWriter Token(string value)
        {
            Separate();
            char[] chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c <= ' ' || c > '~' || c == ',' || c == '"' || c == '\\')
                {
                    Refuse(AtRefusal.InvalidToken);
                    return this;
                }
                Put((byte)c);
            }
            return this;
        }

        /// <summary>Adds CR LF; false (and <see cref="Refusal"/> set) when the line cannot be sent.</summary>
        public bool Terminate()
        {
            if (!_terminated)
            {
                Put(Ascii.Cr);
                Put(Ascii.Lf);
                _terminated = true;
            }
            return Refusal == AtRefusal.None;
        }

        private void Begin(AtCommand command)
        {
            Command = command;
            _length = 0;
            _parameters = 0;
            _terminated = false;
            Refusal = AtRefusal.None;
        }

        private void Start(AtCommand command)
        {
            Begin(command);
            byte[] name = command.Command;
            for (int i = 0; i < name.Length; i++)
            {
                Put(name[i]);
            }
        }

        private void Separate()
        {
            if (_parameters++ > 0)
            {
                Put(Ascii.Comma);
            }
        }

        private void PutEscaped(byte b)
        {
            if (b == Ascii.Cr || b == Ascii.Lf)
            {
                Refuse(AtRefusal.LineBreakInString);
                return;
            }
            if (b == 0)
            {
                Refuse(AtRefusal.NulInString);
                return;
            }
            if (b == Ascii.Quote || b == Ascii.Comma || b == Ascii.Backslash)
            {
                Put(Ascii.Backslash);
            }
            Put(b);
        }

        private void Put(byte b)
        {
            if (_length == _buffer.Length)
            {
                Refuse(AtRefusal.CommandTooLong);
                return;
            }
            _buffer[_length++] = b;
        }

        private void Refuse(AtRefusal reason)
        {
            if (Refusal == AtRefusal.None)
            {
                Refusal = reason;
            }
        }
    }
}
