using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    /// <summary>
    /// Reads the comma-separated fields of one response line after its "+NAME:" prefix. Fields are quoted
    /// strings or bare tokens; the module does not escape what it prints, so a quoted field ends at '",' or at
    /// the line's end.
    /// </summary>
    internal sealed class FieldReader
    {
        private byte[] _buffer;
        private int _index;
        private int _end;

        public void Start(byte[] buffer, int offset, int count, int skip)
        {
            _buffer = buffer;
            _index = offset + skip;
            _end = offset + count;
        }

        public bool AtEnd
        {
            get { return _index >= _end; }
        }

        public bool Int(out int value)
        {
            value = 0;
            if (AtEnd)
            {
                return false;
            }
            int next = Ascii.ParseInt(_buffer, _index, _end, out value);
            if (next < 0)
            {
                return false;
            }
            _index = next;
            SkipComma();
            return true;
        }

        /// <summary>The next field as a slice, quotes removed.</summary>
        public bool Slice(out int offset, out int count)
        {
            offset = _index;
            count = 0;
            if (AtEnd)
            {
                return false;
            }
            if (_buffer[_index] == Ascii.Quote)
            {
                int start = _index + 1;
                int close = start;
                while (close < _end && !(_buffer[close] == Ascii.Quote && (close + 1 == _end || _buffer[close + 1] == Ascii.Comma)))
                {
                    close++;
                }
                offset = start;
                count = close - start;
                _index = close < _end ? close + 1 : _end;
            }
            else
            {
                int stop = Ascii.IndexOf(_buffer, _index, _end - _index, Ascii.Comma);
                if (stop < 0)
                {
                    stop = _end;
                }
                offset = _index;
                count = stop - _index;
                _index = stop;
            }
            SkipComma();
            return true;
        }

        /// <summary>The line being read (for the slices <see cref="Slice"/> gives).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>
        /// The next field as a count or size: 1 to 10 decimal digits and nothing else (no sign, no space inside), at
        /// most int.MaxValue; false otherwise (nothing is consumed then).
        /// </summary>
        public bool Count(out int value)
        {
            value = 0;
            int i = _index;
            long acc = 0;
            while (i < _end && Ascii.IsDigit(_buffer[i]) && i - _index < 10)
            {
                acc = acc * 10 + (_buffer[i] - '0');
                i++;
            }
            if (i == _index || acc > int.MaxValue || (i < _end && _buffer[i] != Ascii.Comma))
            {
                return false;
            }
            value = (int)acc;
            _index = i;
            SkipComma();
            return true;
        }

        /// <summary>buffer[offset..offset+count) is exactly digits ASCII hex digits (either case).</summary>
        public static bool IsHex(byte[] buffer, int offset, int count, int digits)
        {
            if (count != digits)
            {
                return false;
            }
            for (int i = offset; i < offset + count; i++)
            {
                if (Ascii.HexValue(buffer[i]) < 0)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// buffer[offset..offset+count) is a firmware version as IoT Explorer names one: 1 to max bytes of ASCII
        /// letters, digits, '.', '-' and '_' (the strict reading: the spec gives only the length).
        /// </summary>
        public static bool IsVersion(byte[] buffer, int offset, int count, int max)
        {
            if (count < 1 || count > max)
            {
                return false;
            }
            for (int i = offset; i < offset + count; i++)
            {
                byte b = buffer[i];
                bool ok = (b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z')
                    || b == (byte)'.' || b == Ascii.Minus || b == (byte)'_';
                if (!ok)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The next field as a new string; null when there is none.</summary>
        public string String()
        {
            int offset;
            int count;
            return Slice(out offset, out count) ? Utf8.Decode(_buffer, offset, count) : null;
        }

        // The spec prints a space after some commas ("+TCFWINFO:"v", 10, ..."): it is not part of the next field.
        private void SkipComma()
        {
            if (_index < _end && _buffer[_index] == Ascii.Comma)
            {
                _index++;
                while (_index < _end && _buffer[_index] == Ascii.Space)
                {
                    _index++;
                }
            }
        }
    }
}
