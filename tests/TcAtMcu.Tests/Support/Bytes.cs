using System;
using nanoFramework.TestFramework;

namespace TcAtMcu.Tests.Support
{
    /// <summary>
    /// Wire bytes for the tests. Binary data stays byte[] end to end (<see cref="Join"/>, <see cref="Repeat"/>,
    /// <see cref="Slice"/>, <see cref="AssertEqual"/>): on the device a string is NUL-terminated UTF-8, so "a\0b" is
    /// "a". The string forms (<see cref="Of"/>, <see cref="Text"/>) are for text: chars 1 to 255 as bytes 1 to 255.
    /// </summary>
    public static class Bytes
    {
        /// <summary>The bytes of wire text: each char 1..255 is one byte (text only, see the class).</summary>
        public static byte[] Of(string wire)
        {
            char[] chars = wire.ToCharArray();
            byte[] result = new byte[chars.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                result[i] = (byte)chars[i];
            }
            return result;
        }

        /// <summary>The parts one after the other, in a new array.</summary>
        public static byte[] Join(params byte[][] parts)
        {
            int length = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                length += parts[i].Length;
            }
            byte[] result = new byte[length];
            int at = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                Array.Copy(parts[i], 0, result, at, parts[i].Length);
                at += parts[i].Length;
            }
            return result;
        }

        public static byte[] Repeat(byte value, int count)
        {
            byte[] result = new byte[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = value;
            }
            return result;
        }

        public static byte[] Slice(byte[] data, int offset, int count)
        {
            byte[] result = new byte[count];
            Array.Copy(data, offset, result, 0, count);
            return result;
        }

        /// <summary>Fails with the first differing byte's index and values (no commas or line breaks in the message).</summary>
        public static void AssertEqual(byte[] expected, int expectedOffset, byte[] actual, int actualOffset, int count, string context)
        {
            for (int i = 0; i < count; i++)
            {
                byte e = expected[expectedOffset + i];
                byte a = actual[actualOffset + i];
                if (e != a)
                {
                    Assert.IsTrue(false, context + ": byte " + i + " of " + count + " is " + Hex(actual, actualOffset + i, 1)
                        + " not " + Hex(expected, expectedOffset + i, 1));
                }
            }
        }

        /// <summary>Fails unless the slice holds exactly these bytes.</summary>
        public static void AssertEqual(byte[] expected, byte[] actual, int actualOffset, int actualCount, string context)
        {
            Assert.IsTrue(expected.Length == actualCount, context + ": " + actualCount + " bytes not " + expected.Length
                + " (" + Show(actual, actualOffset, actualCount) + ")");
            AssertEqual(expected, 0, actual, actualOffset, actualCount, context);
        }

        /// <summary>Wire text of a slice, char = byte (text only: a NUL ends a device string; use Show for messages).</summary>
        public static string Text(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }
            return new string(chars);
        }

        /// <summary>
        /// A slice made readable for an assert message: printable ASCII as is; CR and LF as \r and \n; commas and
        /// other bytes as \xNN (Visual Studio's adapter splits the launcher's lines on commas).
        /// </summary>
        public static string Show(byte[] buffer, int offset, int count)
        {
            char[] shown = new char[count * 4];
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                int c = buffer[offset + i];
                if (c >= ' ' && c <= '~' && c != ',')
                {
                    shown[n++] = (char)c;
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

        /// <summary>The wire text made readable for an assert message (see the byte[] form).</summary>
        public static string Show(string wire)
        {
            byte[] bytes = Of(wire);
            return Show(bytes, 0, bytes.Length);
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
    }
}
