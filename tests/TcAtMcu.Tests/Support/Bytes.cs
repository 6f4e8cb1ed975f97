namespace TcAtMcu.Tests.Support
{
    /// <summary>Transcripts are written as strings whose chars 0..255 are the bytes on the wire.</summary>
    public static class Bytes
    {
        public static byte[] Of(string wire)
        {
            byte[] result = new byte[wire.Length];
            for (int i = 0; i < wire.Length; i++)
            {
                result[i] = (byte)wire[i];
            }
            return result;
        }

        public static string Text(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }
            return new string(chars);
        }

        /// <summary>The wire string with CR, LF and other control bytes made visible, for assert messages.</summary>
        public static string Show(string wire)
        {
            char[] shown = new char[wire.Length * 4];
            int n = 0;
            for (int i = 0; i < wire.Length; i++)
            {
                char c = wire[i];
                if (c >= ' ' && c <= '~')
                {
                    shown[n++] = c;
                    continue;
                }
                shown[n++] = '\\';
                if (c == '\r') { shown[n++] = 'r'; continue; }
                if (c == '\n') { shown[n++] = 'n'; continue; }
                shown[n++] = 'x';
                shown[n++] = HexDigit((c >> 4) & 0xF);
                shown[n++] = HexDigit(c & 0xF);
            }
            return new string(shown, 0, n);
        }

        /// <summary>Lowercase hex of a slice.</summary>
        public static string Hex(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                chars[2 * i] = LowerHexDigit(buffer[offset + i] >> 4);
                chars[2 * i + 1] = LowerHexDigit(buffer[offset + i] & 0xF);
            }
            return new string(chars);
        }

        private static char LowerHexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'A' + v - 10);
        }

        /// <summary>a, b and c one after another.</summary>
        public static byte[] Join(byte[] a, byte[] b, byte[] c)
        {
            byte[] all = new byte[a.Length + b.Length + c.Length];
            System.Array.Copy(a, 0, all, 0, a.Length);
            System.Array.Copy(b, 0, all, a.Length, b.Length);
            System.Array.Copy(c, 0, all, a.Length + b.Length, c.Length);
            return all;
        }
    }
}
