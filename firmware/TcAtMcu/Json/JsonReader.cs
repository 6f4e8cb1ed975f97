using TcAtMcu.Text;

namespace TcAtMcu.Json
{
    /// <summary>
    /// A pull reader of one JSON document in a (byte[], offset, count) slice: tokens are positions in the caller's
    /// buffer, nothing is copied or allocated. It checks the grammar as it goes (commas, colons, brackets, escapes,
    /// no raw control bytes in strings, number syntax) and stops at <see cref="JsonToken.Error"/> for anything else,
    /// including nesting deeper than <see cref="MaxDepth"/>. Strings are UTF-8 passed through; escapes are resolved
    /// only when a string is copied (<see cref="CopyString"/>) or compared (<see cref="StringEquals"/>).
    /// </summary>
    public sealed class JsonReader
    {
        public const int MaxDepth = 16;

        private const int ExpectValue = 0;
        private const int ExpectKeyOrEnd = 1;
        private const int ExpectKey = 2;
        private const int ExpectValueOrEnd = 3;
        private const int ExpectCommaOrEnd = 4;
        private const int ExpectNothing = 5;

        private readonly bool[] _isObject = new bool[MaxDepth];
        private readonly byte[] _scratch = new byte[4];
        private byte[] _buffer;
        private int _position;
        private int _end;
        private int _depth;
        private int _expect;

        /// <summary>The current token.</summary>
        public JsonToken Token { get; private set; }

        /// <summary>Start of the current token's text: a string's or key's first byte after the quote, a number's first byte.</summary>
        public int Start { get; private set; }

        /// <summary>Length of the current token's raw text (a string without its quotes, escapes not resolved).</summary>
        public int Length { get; private set; }

        /// <summary>The current string or key holds a backslash escape.</summary>
        public bool Escaped { get; private set; }

        /// <summary>The current number has no fraction and no exponent.</summary>
        public bool IsInteger { get; private set; }

        /// <summary>Containers open around the current position.</summary>
        public int Depth { get { return _depth; } }

        /// <summary>Index of the next unread byte.</summary>
        public int Position { get { return _position; } }

        public byte[] Buffer { get { return _buffer; } }

        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            _depth = 0;
            _expect = ExpectValue;
            Token = JsonToken.None;
            Start = offset;
            Length = 0;
        }

        /// <summary>Reads the next token; after Error or End it keeps returning that.</summary>
        public JsonToken Next()
        {
            if (Token == JsonToken.Error || Token == JsonToken.End)
            {
                return Token;
            }
            SkipWhitespace();
            if (_expect == ExpectNothing)
            {
                return _position == _end ? Set(JsonToken.End) : Fail();
            }
            if (_position >= _end)
            {
                return Fail();
            }
            byte c = _buffer[_position];
            if (_expect == ExpectCommaOrEnd)
            {
                bool inObject = _isObject[_depth - 1];
                if (c == (byte)',')
                {
                    _position++;
                    _expect = inObject ? ExpectKey : ExpectValue;
                    SkipWhitespace();
                    if (_position >= _end)
                    {
                        return Fail();
                    }
                    c = _buffer[_position];
                }
                else
                {
                    return Close(c, inObject);
                }
            }
            if (_expect == ExpectKeyOrEnd || _expect == ExpectKey)
            {
                if (c == (byte)'}' && _expect == ExpectKeyOrEnd)
                {
                    return Close(c, true);
                }
                if (c != Ascii.Quote || !ScanString())
                {
                    return Fail();
                }
                SkipWhitespace();
                if (_position >= _end || _buffer[_position] != Ascii.Colon)
                {
                    return Fail();
                }
                _position++;
                _expect = ExpectValue;
                return Set(JsonToken.Key);
            }
            if (_expect == ExpectValueOrEnd && c == (byte)']')
            {
                return Close(c, false);
            }
            return ReadValue(c);
        }

        /// <summary>
        /// Skips the value whose first token is current (an object or array with everything inside it).
        /// False when the document is malformed.
        /// </summary>
        public bool SkipValue()
        {
            if (Token == JsonToken.ObjectStart || Token == JsonToken.ArrayStart)
            {
                int depth = _depth;
                while (_depth >= depth)
                {
                    JsonToken t = Next();
                    if (t == JsonToken.Error || t == JsonToken.End)
                    {
                        return false;
                    }
                }
                return true;
            }
            return Token != JsonToken.Error && Token != JsonToken.End && Token != JsonToken.None && Token != JsonToken.Key;
        }

        /// <summary>The current key or string equals text (bytes of its unescaped UTF-8).</summary>
        public bool StringEquals(byte[] text)
        {
            return SliceEquals(_buffer, Start, Length, Escaped, text, 0, text.Length);
        }

        /// <summary>
        /// The raw text of a string token (buffer[start..start+length) as <see cref="Start"/>, <see cref="Length"/>
        /// and <see cref="Escaped"/> gave it, kept from an earlier token or document) equals text[offset..offset+count)
        /// with its escapes resolved: "bl\u0069nk" equals blink, as JSON says. Exact bytes otherwise: "tc-02" is not "tc-2".
        /// </summary>
        public bool SliceEquals(byte[] buffer, int start, int length, bool escaped, byte[] text, int offset, int count)
        {
            if (!escaped)
            {
                return Ascii.Equals(buffer, start, length, text, offset, count);
            }
            int i = start;
            int end = start + length;
            int k = offset;
            int textEnd = offset + count;
            while (i < end)
            {
                int n = Unescape(buffer, ref i, end);
                for (int j = 0; j < n; j++)
                {
                    if (k >= textEnd || text[k++] != _scratch[j])
                    {
                        return false;
                    }
                }
            }
            return k == textEnd;
        }

        /// <summary>
        /// The current string or key is Unicode text: its raw bytes well-formed UTF-8 (RFC 3629: no overlong form,
        /// no surrogate, nothing above U+10FFFF, no cut sequence) and every \u escape of a surrogate one half of a
        /// pair. JSON text must be UTF-8 (RFC 8259 8.1); the grammar check does not look at it, whoever uses the
        /// string's value does (only strings that are used pay for the check).
        /// </summary>
        public bool IsValidText()
        {
            return IsValidText(_buffer, Start, Length);
        }

        /// <summary><see cref="IsValidText()"/> of a string token's raw text kept from an earlier token.</summary>
        public static bool IsValidText(byte[] buffer, int start, int length)
        {
            int i = start;
            int end = start + length;
            while (i < end)
            {
                byte b = buffer[i];
                if (b < 0x80)
                {
                    if (b != Ascii.Backslash)
                    {
                        i++;
                        continue;
                    }
                    if (i + 1 >= end)
                    {
                        return false;
                    }
                    if (buffer[i + 1] != (byte)'u')
                    {
                        i += 2;
                        continue;
                    }
                    int cp = i + 6 <= end ? Hex4Of(buffer, i + 2) : -1;
                    if (cp < 0)
                    {
                        return false;
                    }
                    i += 6;
                    if (cp >= 0xDC00 && cp <= 0xDFFF)
                    {
                        return false;
                    }
                    if (cp >= 0xD800 && cp <= 0xDBFF)
                    {
                        int low = i + 6 <= end && buffer[i] == Ascii.Backslash && buffer[i + 1] == (byte)'u' ? Hex4Of(buffer, i + 2) : -1;
                        if (low < 0xDC00 || low > 0xDFFF)
                        {
                            return false;
                        }
                        i += 6;
                    }
                    continue;
                }
                int n = Utf8.SequenceLength(buffer, i, end);
                if (n == 0)
                {
                    return false;
                }
                i += n;
            }
            return true;
        }

        /// <summary>
        /// Copies the current string, escapes resolved, to destination[offset..]; returns its byte count, or -1
        /// when it needs more than capacity bytes (nothing meaningful is left in the destination then).
        /// </summary>
        public int CopyString(byte[] destination, int offset, int capacity)
        {
            if (!Escaped)
            {
                if (Length > capacity)
                {
                    return -1;
                }
                System.Array.Copy(_buffer, Start, destination, offset, Length);
                return Length;
            }
            int i = Start;
            int end = Start + Length;
            int count = 0;
            while (i < end)
            {
                int n = Unescape(_buffer, ref i, end);
                if (count + n > capacity)
                {
                    return -1;
                }
                for (int j = 0; j < n; j++)
                {
                    destination[offset + count++] = _scratch[j];
                }
            }
            return count;
        }

        /// <summary>The current number as a long; false when it has a fraction or exponent or does not fit.</summary>
        public bool TryGetLong(out long value)
        {
            value = 0;
            if (Token != JsonToken.Number || !IsInteger)
            {
                return false;
            }
            int i = Start;
            int end = Start + Length;
            bool negative = _buffer[i] == Ascii.Minus;
            if (negative)
            {
                i++;
            }
            // Accumulated negative so that long.MinValue fits; 19 digits at most.
            if (end - i > 19)
            {
                return false;
            }
            long acc = 0;
            for (; i < end; i++)
            {
                int digit = _buffer[i] - '0';
                if (acc < (long.MinValue + digit) / 10)
                {
                    return false;
                }
                acc = acc * 10 - digit;
            }
            if (!negative)
            {
                if (acc == long.MinValue)
                {
                    return false;
                }
                acc = -acc;
            }
            value = acc;
            return true;
        }

        /// <summary>
        /// The current number as a double. Exponents beyond 10^±60 are refused (false): no data template float
        /// comes near them, and refusing keeps the arithmetic finite without System.Math.
        /// </summary>
        public bool TryGetDouble(out double value)
        {
            value = 0;
            if (Token != JsonToken.Number)
            {
                return false;
            }
            int i = Start;
            int end = Start + Length;
            bool negative = _buffer[i] == Ascii.Minus;
            if (negative)
            {
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int scale = 0;
            bool fraction = false;
            for (; i < end; i++)
            {
                byte c = _buffer[i];
                if (c == (byte)'.')
                {
                    fraction = true;
                    continue;
                }
                if (c == (byte)'e' || c == (byte)'E')
                {
                    break;
                }
                if (digits < 18)
                {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0)
                    {
                        digits++;
                    }
                    if (fraction)
                    {
                        scale--;
                    }
                }
                else if (!fraction)
                {
                    scale++;
                }
            }
            if (i < end)
            {
                i++;
                bool negativeExponent = false;
                if (_buffer[i] == Ascii.Minus || _buffer[i] == Ascii.Plus)
                {
                    negativeExponent = _buffer[i] == Ascii.Minus;
                    i++;
                }
                int exponent = 0;
                for (; i < end; i++)
                {
                    exponent = exponent * 10 + (_buffer[i] - '0');
                    if (exponent > 400)
                    {
                        return false;
                    }
                }
                scale += negativeExponent ? -exponent : exponent;
            }
            if (mantissa == 0)
            {
                return true;
            }
            if (scale + digits > 60 || scale + digits < -60)
            {
                return false;
            }
            double result = mantissa;
            for (; scale > 0; scale--)
            {
                result *= 10;
            }
            for (; scale < 0; scale++)
            {
                result /= 10;
            }
            value = negative ? -result : result;
            return true;
        }

        private JsonToken ReadValue(byte c)
        {
            if (c == (byte)'{' || c == (byte)'[')
            {
                if (_depth == MaxDepth)
                {
                    return Fail();
                }
                bool isObject = c == (byte)'{';
                _isObject[_depth++] = isObject;
                Start = _position++;
                Length = 1;
                _expect = isObject ? ExpectKeyOrEnd : ExpectValueOrEnd;
                return Set(isObject ? JsonToken.ObjectStart : JsonToken.ArrayStart);
            }
            JsonToken token;
            if (c == Ascii.Quote)
            {
                if (!ScanString())
                {
                    return Fail();
                }
                token = JsonToken.String;
            }
            else if (c == Ascii.Minus || Ascii.IsDigit(c))
            {
                if (!ScanNumber())
                {
                    return Fail();
                }
                token = JsonToken.Number;
            }
            else if (c == (byte)'t' || c == (byte)'f' || c == (byte)'n')
            {
                if (!ScanLiteral(c == (byte)'t' ? True : c == (byte)'f' ? False : Null))
                {
                    return Fail();
                }
                token = c == (byte)'t' ? JsonToken.True : c == (byte)'f' ? JsonToken.False : JsonToken.Null;
            }
            else
            {
                return Fail();
            }
            _expect = _depth == 0 ? ExpectNothing : ExpectCommaOrEnd;
            return Set(token);
        }

        private static readonly byte[] True = Ascii.Bytes("true");
        private static readonly byte[] False = Ascii.Bytes("false");
        private static readonly byte[] Null = Ascii.Bytes("null");

        private JsonToken Close(byte c, bool inObject)
        {
            if (c != (inObject ? (byte)'}' : (byte)']'))
            {
                return Fail();
            }
            Start = _position++;
            Length = 1;
            _depth--;
            _expect = _depth == 0 ? ExpectNothing : ExpectCommaOrEnd;
            return Set(inObject ? JsonToken.ObjectEnd : JsonToken.ArrayEnd);
        }

        // At an opening quote: finds the closing one, checking escapes and refusing raw control bytes.
        private bool ScanString()
        {
            int i = _position + 1;
            bool escaped = false;
            while (i < _end)
            {
                byte b = _buffer[i];
                if (b == Ascii.Quote)
                {
                    Start = _position + 1;
                    Length = i - Start;
                    Escaped = escaped;
                    _position = i + 1;
                    return true;
                }
                if (b < 0x20)
                {
                    return false;
                }
                if (b == Ascii.Backslash)
                {
                    escaped = true;
                    if (++i >= _end)
                    {
                        return false;
                    }
                    b = _buffer[i];
                    if (b == (byte)'u')
                    {
                        if (i + 4 >= _end)
                        {
                            return false;
                        }
                        for (int k = 1; k <= 4; k++)
                        {
                            if (Ascii.HexValue(_buffer[i + k]) < 0)
                            {
                                return false;
                            }
                        }
                        i += 4;
                    }
                    else if (b != Ascii.Quote && b != Ascii.Backslash && b != (byte)'/' && b != (byte)'b'
                        && b != (byte)'f' && b != (byte)'n' && b != (byte)'r' && b != (byte)'t')
                    {
                        return false;
                    }
                }
                i++;
            }
            return false;
        }

        private bool ScanNumber()
        {
            int i = _position;
            if (_buffer[i] == Ascii.Minus)
            {
                i++;
            }
            int digits = CountDigits(i);
            if (digits == 0 || (digits > 1 && _buffer[i] == (byte)'0'))
            {
                return false;
            }
            i += digits;
            bool integer = true;
            if (i < _end && _buffer[i] == (byte)'.')
            {
                i++;
                digits = CountDigits(i);
                if (digits == 0)
                {
                    return false;
                }
                i += digits;
                integer = false;
            }
            if (i < _end && (_buffer[i] == (byte)'e' || _buffer[i] == (byte)'E'))
            {
                i++;
                if (i < _end && (_buffer[i] == Ascii.Minus || _buffer[i] == Ascii.Plus))
                {
                    i++;
                }
                digits = CountDigits(i);
                if (digits == 0)
                {
                    return false;
                }
                i += digits;
                integer = false;
            }
            Start = _position;
            Length = i - _position;
            IsInteger = integer;
            _position = i;
            return true;
        }

        private int CountDigits(int i)
        {
            int n = 0;
            while (i + n < _end && Ascii.IsDigit(_buffer[i + n]))
            {
                n++;
            }
            return n;
        }

        private bool ScanLiteral(byte[] literal)
        {
            if (!Ascii.StartsWith(_buffer, _position, _end - _position, literal))
            {
                return false;
            }
            Start = _position;
            Length = literal.Length;
            _position += literal.Length;
            return true;
        }

        // Resolves one character of an escaped string at buffer[i] (the string ends at end) into _scratch;
        // returns its UTF-8 byte count.
        private int Unescape(byte[] buffer, ref int i, int end)
        {
            byte b = buffer[i++];
            if (b != Ascii.Backslash)
            {
                _scratch[0] = b;
                return 1;
            }
            b = buffer[i++];
            switch (b)
            {
                case (byte)'b': _scratch[0] = 8; return 1;
                case (byte)'f': _scratch[0] = 12; return 1;
                case (byte)'n': _scratch[0] = Ascii.Lf; return 1;
                case (byte)'r': _scratch[0] = Ascii.Cr; return 1;
                case (byte)'t': _scratch[0] = 9; return 1;
                case (byte)'u': break;
                default: _scratch[0] = b; return 1;
            }
            int cp = Hex4Of(buffer, i);
            i += 4;
            // A high surrogate followed by an escaped low one is one character; a lone surrogate becomes U+FFFD
            // (IsValidText refuses it: a string that is used is checked first).
            if (cp >= 0xD800 && cp <= 0xDBFF)
            {
                if (i + 5 < end && buffer[i] == Ascii.Backslash && buffer[i + 1] == (byte)'u')
                {
                    int low = Hex4Of(buffer, i + 2);
                    if (low >= 0xDC00 && low <= 0xDFFF)
                    {
                        i += 6;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
            {
                cp = 0xFFFD;
            }
            if (cp < 0x80)
            {
                _scratch[0] = (byte)cp;
                return 1;
            }
            if (cp < 0x800)
            {
                _scratch[0] = (byte)(0xC0 | (cp >> 6));
                _scratch[1] = (byte)(0x80 | (cp & 0x3F));
                return 2;
            }
            if (cp < 0x10000)
            {
                _scratch[0] = (byte)(0xE0 | (cp >> 12));
                _scratch[1] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                _scratch[2] = (byte)(0x80 | (cp & 0x3F));
                return 3;
            }
            _scratch[0] = (byte)(0xF0 | (cp >> 18));
            _scratch[1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
            _scratch[2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            _scratch[3] = (byte)(0x80 | (cp & 0x3F));
            return 4;
        }

        // Four hex digits at buffer[i..i+4); -1 when one is not a hex digit.
        private static int Hex4Of(byte[] buffer, int i)
        {
            int a = Ascii.HexValue(buffer[i]);
            int b = Ascii.HexValue(buffer[i + 1]);
            int c = Ascii.HexValue(buffer[i + 2]);
            int d = Ascii.HexValue(buffer[i + 3]);
            if ((a | b | c | d) < 0)
            {
                return -1;
            }
            return (a << 12) | (b << 8) | (c << 4) | d;
        }

        private void SkipWhitespace()
        {
            while (_position < _end)
            {
                byte b = _buffer[_position];
                if (b != Ascii.Space && b != 9 && b != Ascii.Cr && b != Ascii.Lf)
                {
                    return;
                }
                _position++;
            }
        }

        private JsonToken Set(JsonToken token)
        {
            Token = token;
            return token;
        }

        private JsonToken Fail()
        {
            Token = JsonToken.Error;
            return JsonToken.Error;
        }
    }
}
