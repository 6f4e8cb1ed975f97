using System;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    /// <summary>Argument checks whose messages name the parameter and its bound.</summary>
    internal static class Check
    {
        /// <summary>A string of min..max UTF-8 bytes with no CR, LF or NUL (they would end or cut the command).</summary>
        public static void Text(string name, string value, int min, int max)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
            int n = Utf8.ByteCount(value);
            if (n < min || n > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + " bytes, not " + n, name);
            }
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n' || c == '\0')
                {
                    throw new ArgumentException(name + " must not contain CR, LF or NUL", name);
                }
            }
        }

        public static void Range(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + ", not " + value, name);
            }
        }

        public static void Slice(string name, byte[] buffer, int offset, int count, int min, int max)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(name);
            }
            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentException(name + ": offset and count outside the buffer", name);
            }
            if (count < min || count > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + " bytes, not " + count, name);
            }
        }

        public static void Qos(int qos)
        {
            Range("qos", qos, 0, 1);
        }
    }
}
