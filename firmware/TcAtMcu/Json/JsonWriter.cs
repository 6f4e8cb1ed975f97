using TcAtMcu.Text;

namespace TcAtMcu.Json
{
    /// <summary>
    /// Writes one JSON document into a caller's fixed buffer. Commas are placed from the previous byte, so the
    /// caller only says what comes next. Past the capacity nothing more is written and <see cref="Overflowed"/> is
    /// set: the caller sends nothing rather than a truncated document. Strings are escaped (quote, backslash,
    /// control bytes); other UTF-8 bytes pass through unchanged.
    /// </summary>
    public sealed class JsonWriter
    {
        private static readonly byte[] HexDigits = Ascii.Bytes("0123456789abcdef");
        private readonly byte[] _number = new byte[24];
        private byte[] _buffer;
        private int _start;
        private int _end;
        private int _position;

        public byte[] Buffer { get { return _buffer; } }
        public int Offset { get { return _start; } }

        /// <summary>Bytes written since Reset.</summary>
        public int Length { get { return _position - _start; } }

        /// <summary>Something did not fit; the document is incomplete.</summary>
        public bool Overflowed { get; private set; }

        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _end = offset + capacity;
            Overflowed = false;
        }

        public void BeginObject()
        {
            Separate();
            Put((byte)'{');
        }

        public void EndObject()
        {
            Put((byte)'}');
        }

        public void BeginArray()
        {
            Separate();
            Put((byte)'[');
        }

        public void EndArray()
        {
            Put((byte)']');
        }

        /// <summary>Drops what was written after the first length bytes (a part that did not fit), overflow included.</summary>
        public void Truncate(int length)
        {
            if (length >= 0 && length <= Length)
            {
                _position = _start + length;
                Overflowed = false;
            }
        }

        /// <summary>A member name given as its bytes (plain ASCII prepared once; not escaped).</summary>
        public void Key(byte[] name)
        {
            Separate();
            Put(Ascii.Quote);
            Put(name, 0, name.Length);
            Put(Ascii.Quote);
            Put(Ascii.Colon);
        }

        /// <summary>A member whose name and value are ASCII prepared once, e.g. "method":"report".</summary>
        public void Member(byte[] name, byte[] asciiValue)
        {
            Key(name);
            Put(Ascii.Quote);
            Put(asciiValue, 0, asciiValue.Length);
            Put(Ascii.Quote);
        }

        public void Number(long value)
        {
            Separate();
            int n = Ascii.FormatDecimal(value, _number, 0);
            Put(_number, 0, n);
        }

        /// <summary>
        /// A float with at most <paramref name="decimals"/> fraction digits (0 to 6), trailing zeros dropped.
        /// Values beyond ±10^12 are written as the bound (data template floats are far below it).
        /// </summary>
        public void Float(double value, int decimals)
        {
            Separate();
            if (decimals < 0) decimals = 0;
            if (decimals > 6) decimals = 6;
            long scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }
            bool negative = value < 0;
            double magnitude = negative ? -value : value;
            if (!(magnitude < 1e12))
            {
                magnitude = 1e12; // also NaN
            }
            long scaled = (long)(magnitude * scale + 0.5);
            long whole = scaled / scale;
            long fraction = scaled % scale;
            if (negative && scaled != 0)
            {
                Put(Ascii.Minus);
            }
            int n = Ascii.FormatDecimal(whole, _number, 0);
            Put(_number, 0, n);
            if (fraction == 0)
            {
                return;
            }
            int digits = decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            Put((byte)'.');
            long divisor = 1;
            for (int i = 1; i < digits; i++)
            {
                divisor *= 10;
            }
            for (; divisor > 0; divisor /= 10)
            {
                Put((byte)('0' + fraction / divisor % 10));
            }
        }

        /// <summary>A string value from UTF-8 bytes, escaped.</summary>
        public void String(byte[] text, int offset, int count)
        {
            Separate();
            Put(Ascii.Quote);
            int end = offset + count;
            int run = offset;
            for (int i = offset; i < end; i++)
            {
                byte b = text[i];
                if (b >= 0x20 && b != Ascii.Quote && b != Ascii.Backslash)
                {
                    continue;
                }
                Put(text, run, i - run);
                run = i + 1;
                Put(Ascii.Backslash);
                if (b == Ascii.Quote || b == Ascii.Backslash) Put(b);
                else if (b == Ascii.Lf) Put((byte)'n');
                else if (b == Ascii.Cr) Put((byte)'r');
                else if (b == 9) Put((byte)'t');
                else
                {
                    Put((byte)'u');
                    Put((byte)'0');
                    Put((byte)'0');
                    Put(HexDigits[b >> 4]);
                    Put(HexDigits[b & 0xF]);
                }
            }
            Put(text, run, end - run);
            Put(Ascii.Quote);
        }

        /// <summary>A string value whose body is already valid JSON (a string copied from a received document), quoted.</summary>
        public void RawString(byte[] body, int offset, int count)
        {
            Separate();
            Put(Ascii.Quote);
            Put(body, offset, count);
            Put(Ascii.Quote);
        }

        // A comma unless this comes first in its container or right after a member name.
        private void Separate()
        {
            if (_position == _start)
            {
                return;
            }
            byte last = _buffer[_position - 1];
            if (last != (byte)'{' && last != (byte)'[' && last != Ascii.Colon)
            {
                Put(Ascii.Comma);
            }
        }

        private void Put(byte b)
        {
            if (_position >= _end)
            {
                Overflowed = true;
                return;
            }
            _buffer[_position++] = b;
        }

        private void Put(byte[] data, int offset, int count)
        {
            if (count <= 0)
            {
                return;
            }
            if (count > _end - _position)
            {
                Overflowed = true;
                _position = _end;
                return;
            }
            System.Array.Copy(data, offset, _buffer, _position, count);
            _position += count;
        }
    }
}
