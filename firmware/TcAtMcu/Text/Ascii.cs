namespace TcAtMcu.Text
{
    /// <summary>
    /// Byte-level text helpers: compare, search and parse ASCII in (byte[], offset, count) slices
    /// without creating strings, so the receive path allocates nothing.
    /// </summary>
    public static class Ascii
    {
        public const byte Cr = 13;
        public const byte Lf = 10;
        public const byte Quote = 34;
        public const byte Comma = 44;
        public const byte Colon = 58;
        public const byte Space = 32;
        public const byte Backslash = 92;
        public const byte Plus = 43;
        public const byte Minus = 45;
        public const byte Greater = 62;

        /// <summary>The bytes of an ASCII string; used once at start-up to build static tables.</summary>
        public static byte[] Bytes(string text)
        {
            return Utf8.Bytes(text);
        }

        public static bool StartsWith(byte[] buffer, int offset, int count, byte[] prefix)
        {
            if (count < prefix.Length)
            {
                return false;
            }
            for (int i = 0; i < prefix.Length; i++)
            {
                if (buffer[offset + i] != prefix[i])
                {
                    return false;
                }
            }
            return true;
        }

        public static bool Equals(byte[] buffer, int offset, int count, byte[] text)
        {
            return Equals(buffer, offset, count, text, 0, text.Length);
        }

        public static bool Equals(byte[] a, int aOffset, int aCount, byte[] b, int bOffset, int bCount)
        {
            if (aCount != bCount)
            {
                return false;
            }
            // Four bytes a step: the interpreter pays per IL instruction, and the loop's own are a third of them.
            int d = bOffset - aOffset;
            int i = aOffset;
            int end = aOffset + aCount;
            for (int end4 = end - 3; i < end4; i += 4)
            {
                if (a[i] != b[i + d] || a[i + 1] != b[i + d + 1] || a[i + 2] != b[i + d + 2] || a[i + 3] != b[i + d + 3])
                {
                    return false;
                }
            }
            for (; i < end; i++)
            {
                if (a[i] != b[i + d])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// True when the slice is the UTF-8 encoding of the text. Allocates the text's char[] (see <see cref="Utf8"/>):
        /// compare with bytes prepared once where it runs per message.
        /// </summary>
        public static bool Equals(byte[] buffer, int offset, int count, string text)
        {
            return text != null && Utf8.SliceEquals(text.ToCharArray(), buffer, offset, count);
        }

        public static int IndexOf(byte[] buffer, int offset, int count, byte value)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                if (buffer[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }

        public static bool IsDigit(byte b)
        {
            return b >= (byte)'0' && b <= (byte)'9';
        }

        /// <summary>Value of a hex digit, or -1.</summary>
        public static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
            return -1;
        }

        /// <summary>Writes value in decimal at buffer[offset..] (up to 20 bytes); returns the byte count.</summary>
        public static int FormatDecimal(long value, byte[] buffer, int offset)
        {
            int n = 0;
            if (value < 0)
            {
                buffer[offset + n++] = Minus;
            }
            // Digits of the magnitude, most significant first; long.MinValue's magnitude is handled digit by digit.
            long divisor = 1;
            while (value / divisor >= 10 || value / divisor <= -10)
            {
                divisor *= 10;
            }
            while (divisor > 0)
            {
                long digit = value / divisor % 10;
                buffer[offset + n++] = (byte)('0' + (digit < 0 ? -digit : digit));
                divisor /= 10;
            }
            return n;
        }

        /// <summary>
        /// Parses an optionally signed decimal integer at buffer[index..end). Returns the index after the
        /// last digit, or -1 when there is no digit or the value overflows an int.
        /// </summary>
        public static int ParseInt(byte[] buffer, int index, int end, out int value)
        {
            value = 0;
            bool negative = false;
            if (index < end && (buffer[index] == Minus || buffer[index] == Plus))
            {
                negative = buffer[index] == Minus;
                index++;
            }
            int start = index;
            long acc = 0;
            while (index < end && IsDigit(buffer[index]))
            {
                acc = acc * 10 + (buffer[index] - '0');
                if (acc > 2147483648L)
                {
                    return -1;
                }
                index++;
            }
            if (index == start)
            {
                return -1;
            }
            if (negative)
            {
                acc = -acc;
            }
            if (acc > int.MaxValue || acc < int.MinValue)
            {
                return -1;
            }
            value = (int)acc;
            return index;
        }

        /// <summary>Parses "0x"-prefixed or bare hex at buffer[index..end) into a uint. Returns the index after it, or -1.</summary>
        public static int ParseHex(byte[] buffer, int index, int end, out uint value)
        {
            value = 0;
            if (index + 1 < end && buffer[index] == (byte)'0' && (buffer[index + 1] == (byte)'x' || buffer[index + 1] == (byte)'X'))
            {
                index += 2;
            }
            int start = index;
            while (index < end)
            {
                int v = HexValue(buffer[index]);
                if (v < 0)
                {
                    break;
                }
                if (index - start >= 8)
                {
                    return -1;
                }
                value = (value << 4) | (uint)v;
                index++;
            }
            return index == start ? -1 : index;
        }
    }
}
