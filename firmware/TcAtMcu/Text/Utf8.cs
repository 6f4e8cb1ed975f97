namespace TcAtMcu.Text
{
    /// <summary>
    /// UTF-8 encoding of strings straight into a caller's buffer. nanoFramework's Encoding lives in a separate
    /// package and allocates; the command writer needs neither.
    /// </summary>
    public static class Utf8
    {
        /// <summary>Number of UTF-8 bytes of the string (unpaired surrogates count as U+FFFD, 3 bytes).</summary>
        public static int ByteCount(string text)
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (IsHighSurrogate(c) && i + 1 < text.Length && IsLowSurrogate(text[i + 1])) { n += 4; i++; }
                else n += 3;
            }
            return n;
        }

        /// <summary>
        /// Encodes the char at text[index] (and its low surrogate) into scratch[0..3]; returns the byte count
        /// and advances index past what it consumed.
        /// </summary>
        public static int EncodeChar(string text, ref int index, byte[] scratch)
        {
            byte b0, b1, b2, b3;
            int n = Encode(text, ref index, out b0, out b1, out b2, out b3);
            scratch[0] = b0;
            scratch[1] = b1;
            scratch[2] = b2;
            scratch[3] = b3;
            return n;
        }

        /// <summary>True when buffer[offset..] starts with the UTF-8 encoding of text (caller checked the length).</summary>
        public static bool SliceEquals(string text, byte[] buffer, int offset)
        {
            int i = 0;
            int p = offset;
            while (i < text.Length)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    if (buffer[p++] != (byte)c) return false;
                    i++;
                    continue;
                }
                byte b0, b1, b2, b3;
                int n = Encode(text, ref i, out b0, out b1, out b2, out b3);
                if (buffer[p++] != b0) return false;
                if (n > 1 && buffer[p++] != b1) return false;
                if (n > 2 && buffer[p++] != b2) return false;
                if (n > 3 && buffer[p++] != b3) return false;
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

        private static int Encode(string text, ref int index, out byte b0, out byte b1, out byte b2, out byte b3)
        {
            char c = text[index++];
            b1 = 0; b2 = 0; b3 = 0;
            if (c < 0x80)
            {
                b0 = (byte)c;
                return 1;
            }
            if (c < 0x800)
            {
                b0 = (byte)(0xC0 | (c >> 6));
                b1 = (byte)(0x80 | (c & 0x3F));
                return 2;
            }
            if (IsHighSurrogate(c) && index < text.Length && IsLowSurrogate(text[index]))
            {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (text[index++] - 0xDC00);
                b0 = (byte)(0xF0 | (cp >> 18));
                b1 = (byte)(0x80 | ((cp >> 12) & 0x3F));
                b2 = (byte)(0x80 | ((cp >> 6) & 0x3F));
                b3 = (byte)(0x80 | (cp & 0x3F));
                return 4;
            }
            if (IsHighSurrogate(c) || IsLowSurrogate(c))
            {
                c = '\uFFFD';
            }
            b0 = (byte)(0xE0 | (c >> 12));
            b1 = (byte)(0x80 | ((c >> 6) & 0x3F));
            b2 = (byte)(0x80 | (c & 0x3F));
            return 3;
        }

        private static bool IsHighSurrogate(char c) { return c >= 0xD800 && c <= 0xDBFF; }
        private static bool IsLowSurrogate(char c) { return c >= 0xDC00 && c <= 0xDFFF; }
    }
}
