namespace TcAtMcu.Text
{
    /// <summary>
    /// UTF-8 encoding of text straight into a caller's buffer, correct for every code point (surrogate pairs become
    /// 4 bytes, a lone surrogate U+FFFD). It works on char[]: on nanoCLR a string is UTF-8 inside and its indexer
    /// walks it from the start (a loop over text[i] is quadratic, and returns the high surrogate twice), while
    /// ToCharArray is one native pass. The string overloads therefore allocate that char[]: they are for text set up
    /// once or rarely (names, settings); the per-message paths take bytes.
    /// </summary>
    public static class Utf8
    {
        /// <summary>UTF-8 byte count of chars[offset..offset+count).</summary>
        public static int ByteCount(char[] chars, int offset, int count)
        {
            int n = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                char c = chars[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (IsHighSurrogate(c) && i + 1 < end && IsLowSurrogate(chars[i + 1])) { n += 4; i++; }
                else n += 3;
            }
            return n;
        }

        /// <summary>UTF-8 byte count of the string (allocates its char[]).</summary>
        public static int ByteCount(string text)
        {
            char[] chars = text.ToCharArray();
            return ByteCount(chars, 0, chars.Length);
        }

        /// <summary>
        /// Encodes chars[offset..offset+count) into buffer[index..]; returns the bytes written. The caller made room
        /// (<see cref="ByteCount(char[],int,int)"/>).
        /// </summary>
        public static int Encode(char[] chars, int offset, int count, byte[] buffer, int index)
        {
            int start = index;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                char c = chars[i];
                if (c < 0x80)
                {
                    buffer[index++] = (byte)c;
                    i++;
                    continue;
                }
                index += EncodeChar(chars, ref i, end, buffer, index);
            }
            return index - start;
        }

        /// <summary>The UTF-8 bytes of a string, in a new array: for tables and settings built once.</summary>
        public static byte[] Bytes(string text)
        {
            char[] chars = text.ToCharArray();
            byte[] result = new byte[ByteCount(chars, 0, chars.Length)];
            Encode(chars, 0, chars.Length, result, 0);
            return result;
        }

        /// <summary>
        /// Encodes the code point at chars[index] (a surrogate pair takes two chars) into buffer[at..at+3]; returns
        /// the byte count (1 to 4) and advances index past what it consumed. 'end' bounds the pair lookup.
        /// </summary>
        public static int EncodeChar(char[] chars, ref int index, int end, byte[] buffer, int at)
        {
            int cp = CodePoint(chars, ref index, end);
            int n = Length(cp);
            for (int k = 0; k < n; k++)
            {
                buffer[at + k] = ByteOf(cp, n, k);
            }
            return n;
        }

        /// <summary>True when buffer[offset..offset+count) is exactly the UTF-8 encoding of chars; no allocation.</summary>
        public static bool SliceEquals(char[] chars, byte[] buffer, int offset, int count)
        {
            int p = offset;
            int end = offset + count;
            int i = 0;
            while (i < chars.Length)
            {
                int cp = CodePoint(chars, ref i, chars.Length);
                int n = Length(cp);
                if (end - p < n)
                {
                    return false;
                }
                for (int k = 0; k < n; k++)
                {
                    if (buffer[p++] != ByteOf(cp, n, k))
                    {
                        return false;
                    }
                }
            }
            return p == end;
        }

        /// <summary>The code point at chars[index], advancing past it; a lone surrogate is U+FFFD.</summary>
        private static int CodePoint(char[] chars, ref int index, int end)
        {
            char c = chars[index++];
            if (IsHighSurrogate(c) && index < end && IsLowSurrogate(chars[index]))
            {
                return 0x10000 + ((c - 0xD800) << 10) + (chars[index++] - 0xDC00);
            }
            return IsHighSurrogate(c) || IsLowSurrogate(c) ? 0xFFFD : c;
        }

        private static int Length(int cp)
        {
            return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }

        /// <summary>Byte k of the n-byte UTF-8 form of cp.</summary>
        private static byte ByteOf(int cp, int n, int k)
        {
            if (n == 1)
            {
                return (byte)cp;
            }
            int shift = 6 * (n - 1 - k);
            if (k == 0)
            {
                int lead = n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0;
                return (byte)(lead | (cp >> shift));
            }
            return (byte)(0x80 | ((cp >> shift) & 0x3F));
        }

        /// <summary>
        /// Length (1 to 4) of the well-formed UTF-8 sequence at buffer[index], which must end before end; 0 when it is
        /// not one (RFC 3629 section 4: a continuation or C0, C1, F5..FF lead, an overlong form, a surrogate, above
        /// U+10FFFF, or cut short).
        /// </summary>
        public static int SequenceLength(byte[] buffer, int index, int end)
        {
            int b = buffer[index];
            if (b < 0x80)
            {
                return 1;
            }
            int n;
            int low = 0x80;
            int high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) { n = 2; }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                n = 3;
                if (b == 0xE0) low = 0xA0;
                else if (b == 0xED) high = 0x9F;
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                n = 4;
                if (b == 0xF0) low = 0x90;
                else if (b == 0xF4) high = 0x8F;
            }
            else
            {
                return 0;
            }
            if (end - index < n)
            {
                return 0;
            }
            int second = buffer[index + 1];
            if (second < low || second > high)
            {
                return 0;
            }
            for (int k = 2; k < n; k++)
            {
                if ((buffer[index + k] & 0xC0) != 0x80)
                {
                    return 0;
                }
            }
            return n;
        }

        /// <summary>buffer[offset..offset+count) is well-formed UTF-8 (see <see cref="SequenceLength"/>).</summary>
        public static bool IsValid(byte[] buffer, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                if (buffer[i] < 0x80)
                {
                    i++;
                    continue;
                }
                int n = SequenceLength(buffer, i, end);
                if (n == 0)
                {
                    return false;
                }
                i += n;
            }
            return true;
        }

        /// <summary>Decodes a UTF-8 slice into a new string (for info reads, not the steady-state path).</summary>
        public static string Decode(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            int n = 0;
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = buffer[i++];
                int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
                int cp = extra == 3 ? b & 0x07 : extra == 2 ? b & 0x0F : extra == 1 ? b & 0x1F : b;
                if (b >= 0x80 && extra == 0)
                {
                    chars[n++] = '\uFFFD';
                    continue;
                }
                for (int k = 0; k < extra; k++)
                {
                    if (i >= end || (buffer[i] & 0xC0) != 0x80)
                    {
                        cp = 0xFFFD;
                        break;
                    }
                    cp = (cp << 6) | (buffer[i++] & 0x3F);
                }
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
            }
            return new string(chars, 0, n);
        }

        private static bool IsHighSurrogate(char c) { return c >= 0xD800 && c <= 0xDBFF; }
        private static bool IsLowSurrogate(char c) { return c >= 0xDC00 && c <= 0xDFFF; }
    }
}
