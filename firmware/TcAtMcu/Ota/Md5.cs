using System;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Incremental MD5 (RFC 1321) for verifying a firmware image chunk by chunk: nanoFramework has none.
    /// Fixed state, no allocation after construction; the rounds are unrolled, without a call per step, because this
    /// runs per OTA byte.
    /// </summary>
    public sealed class Md5
    {
        private readonly byte[] _pending = new byte[64];
        private readonly byte[] _tail = new byte[128];
        private uint _a;
        private uint _b;
        private uint _c;
        private uint _d;
        private int _pendingCount;
        private long _length;

        public Md5()
        {
            if (!BitConverter.IsLittleEndian)
            {
                throw new NotSupportedException("Md5 reads little-endian words");
            }
            Reset();
        }

        /// <summary>Bytes hashed since the last reset.</summary>
        public long Length { get { return _length; } }

        public void Reset()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
            _pendingCount = 0;
            _length = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _length += count;
            if (_pendingCount > 0)
            {
                int take = 64 - _pendingCount < count ? 64 - _pendingCount : count;
                Array.Copy(data, offset, _pending, _pendingCount, take);
                _pendingCount += take;
                offset += take;
                count -= take;
                if (_pendingCount < 64)
                {
                    return;
                }
                Block(_pending, 0);
                _pendingCount = 0;
            }
            while (count >= 64)
            {
                Block(data, offset);
                offset += 64;
                count -= 64;
            }
            if (count > 0)
            {
                Array.Copy(data, offset, _pending, 0, count);
                _pendingCount = count;
            }
        }

        /// <summary>Writes the 16-byte digest at digest[offset] and resets for the next image.</summary>
        public void Final(byte[] digest, int offset)
        {
            long bits = _length * 8;
            int n = _pendingCount;
            Array.Copy(_pending, 0, _tail, 0, n);
            _tail[n++] = 0x80;
            int total = n <= 56 ? 64 : 128;
            Array.Clear(_tail, n, total - n);
            for (int i = 0; i < 8; i++)
            {
                _tail[total - 8 + i] = (byte)(bits >> (8 * i));
            }
            Block(_tail, 0);
            if (total == 128)
            {
                Block(_tail, 64);
            }
            WriteWord(_a, digest, offset);
            WriteWord(_b, digest, offset + 4);
            WriteWord(_c, digest, offset + 8);
            WriteWord(_d, digest, offset + 12);
            Reset();
        }

        /// <summary>True when the 16-byte digest equals 32 hex digits (either case).</summary>
        public static bool Matches(byte[] digest, int offset, string hex)
        {
            if (hex == null || hex.Length != 32)
            {
                return false;
            }
            char[] digits = hex.ToCharArray();
            for (int i = 0; i < 16; i++)
            {
                char h = digits[2 * i];
                char l = digits[2 * i + 1];
                // Compared as characters: U+0133 is not '3' (a cast to byte would make it one).
                int high = h > 0x7F ? -1 : Text.Ascii.HexValue((byte)h);
                int low = l > 0x7F ? -1 : Text.Ascii.HexValue((byte)l);
                if (high < 0 || low < 0 || digest[offset + i] != (byte)((high << 4) | low))
                {
                    return false;
                }
            }
            return true;
        }

        private static void WriteWord(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        // The 64 steps written out, the rotations inline: on nanoCLR every call builds a frame, and a step is ten IL
        // instructions without one. F and G as d ^ (b & (c ^ d)) and c ^ (d & (b ^ c)): one instruction fewer each.
        // The words come from BitConverter, one native call each (MD5's words are little-endian, as the CLR is: checked
        // in the constructor).
        private void Block(byte[] p, int o)
        {
            uint x0 = BitConverter.ToUInt32(p, o + 0);
            uint x1 = BitConverter.ToUInt32(p, o + 4);
            uint x2 = BitConverter.ToUInt32(p, o + 8);
            uint x3 = BitConverter.ToUInt32(p, o + 12);
            uint x4 = BitConverter.ToUInt32(p, o + 16);
            uint x5 = BitConverter.ToUInt32(p, o + 20);
            uint x6 = BitConverter.ToUInt32(p, o + 24);
            uint x7 = BitConverter.ToUInt32(p, o + 28);
            uint x8 = BitConverter.ToUInt32(p, o + 32);
            uint x9 = BitConverter.ToUInt32(p, o + 36);
            uint x10 = BitConverter.ToUInt32(p, o + 40);
            uint x11 = BitConverter.ToUInt32(p, o + 44);
            uint x12 = BitConverter.ToUInt32(p, o + 48);
            uint x13 = BitConverter.ToUInt32(p, o + 52);
            uint x14 = BitConverter.ToUInt32(p, o + 56);
            uint x15 = BitConverter.ToUInt32(p, o + 60);
            uint a = _a;
            uint b = _b;
            uint c = _c;
            uint d = _d;
            uint t;

            t = a + (d ^ (b & (c ^ d))) + x0 + 0xd76aa478;
            a = b + ((t << 7) | (t >> 25));
            t = d + (c ^ (a & (b ^ c))) + x1 + 0xe8c7b756;
            d = a + ((t << 12) | (t >> 20));
            t = c + (b ^ (d & (a ^ b))) + x2 + 0x242070db;
            c = d + ((t << 17) | (t >> 15));
            t = b + (a ^ (c & (d ^ a))) + x3 + 0xc1bdceee;
            b = c + ((t << 22) | (t >> 10));
            t = a + (d ^ (b & (c ^ d))) + x4 + 0xf57c0faf;
            a = b + ((t << 7) | (t >> 25));
            t = d + (c ^ (a & (b ^ c))) + x5 + 0x4787c62a;
            d = a + ((t << 12) | (t >> 20));
            t = c + (b ^ (d & (a ^ b))) + x6 + 0xa8304613;
            c = d + ((t << 17) | (t >> 15));
            t = b + (a ^ (c & (d ^ a))) + x7 + 0xfd469501;
            b = c + ((t << 22) | (t >> 10));
            t = a + (d ^ (b & (c ^ d))) + x8 + 0x698098d8;
            a = b + ((t << 7) | (t >> 25));
            t = d + (c ^ (a & (b ^ c))) + x9 + 0x8b44f7af;
            d = a + ((t << 12) | (t >> 20));
            t = c + (b ^ (d & (a ^ b))) + x10 + 0xffff5bb1;
            c = d + ((t << 17) | (t >> 15));
            t = b + (a ^ (c & (d ^ a))) + x11 + 0x895cd7be;
            b = c + ((t << 22) | (t >> 10));
            t = a + (d ^ (b & (c ^ d))) + x12 + 0x6b901122;
            a = b + ((t << 7) | (t >> 25));
            t = d + (c ^ (a & (b ^ c))) + x13 + 0xfd987193;
            d = a + ((t << 12) | (t >> 20));
            t = c + (b ^ (d & (a ^ b))) + x14 + 0xa679438e;
            c = d + ((t << 17) | (t >> 15));
            t = b + (a ^ (c & (d ^ a))) + x15 + 0x49b40821;
            b = c + ((t << 22) | (t >> 10));
            t = a + (c ^ (d & (b ^ c))) + x1 + 0xf61e2562;
            a = b + ((t << 5) | (t >> 27));
            t = d + (b ^ (c & (a ^ b))) + x6 + 0xc040b340;
            d = a + ((t << 9) | (t >> 23));
            t = c + (a ^ (b & (d ^ a))) + x11 + 0x265e5a51;
            c = d + ((t << 14) | (t >> 18));
            t = b + (d ^ (a & (c ^ d))) + x0 + 0xe9b6c7aa;
            b = c + ((t << 20) | (t >> 12));
            t = a + (c ^ (d & (b ^ c))) + x5 + 0xd62f105d;
            a = b + ((t << 5) | (t >> 27));
            t = d + (b ^ (c & (a ^ b))) + x10 + 0x02441453;
            d = a + ((t << 9) | (t >> 23));
            t = c + (a ^ (b & (d ^ a))) + x15 + 0xd8a1e681;
            c = d + ((t << 14) | (t >> 18));
            t = b + (d ^ (a & (c ^ d))) + x4 + 0xe7d3fbc8;
            b = c + ((t << 20) | (t >> 12));
            t = a + (c ^ (d & (b ^ c))) + x9 + 0x21e1cde6;
            a = b + ((t << 5) | (t >> 27));
            t = d + (b ^ (c & (a ^ b))) + x14 + 0xc33707d6;
            d = a + ((t << 9) | (t >> 23));
            t = c + (a ^ (b & (d ^ a))) + x3 + 0xf4d50d87;
            c = d + ((t << 14) | (t >> 18));
            t = b + (d ^ (a & (c ^ d))) + x8 + 0x455a14ed;
            b = c + ((t << 20) | (t >> 12));
            t = a + (c ^ (d & (b ^ c))) + x13 + 0xa9e3e905;
            a = b + ((t << 5) | (t >> 27));
            t = d + (b ^ (c & (a ^ b))) + x2 + 0xfcefa3f8;
            d = a + ((t << 9) | (t >> 23));
            t = c + (a ^ (b & (d ^ a))) + x7 + 0x676f02d9;
            c = d + ((t << 14) | (t >> 18));
            t = b + (d ^ (a & (c ^ d))) + x12 + 0x8d2a4c8a;
            b = c + ((t << 20) | (t >> 12));
            t = a + (b ^ c ^ d) + x5 + 0xfffa3942;
            a = b + ((t << 4) | (t >> 28));
            t = d + (a ^ b ^ c) + x8 + 0x8771f681;
            d = a + ((t << 11) | (t >> 21));
            t = c + (d ^ a ^ b) + x11 + 0x6d9d6122;
            c = d + ((t << 16) | (t >> 16));
            t = b + (c ^ d ^ a) + x14 + 0xfde5380c;
            b = c + ((t << 23) | (t >> 9));
            t = a + (b ^ c ^ d) + x1 + 0xa4beea44;
            a = b + ((t << 4) | (t >> 28));
            t = d + (a ^ b ^ c) + x4 + 0x4bdecfa9;
            d = a + ((t << 11) | (t >> 21));
            t = c + (d ^ a ^ b) + x7 + 0xf6bb4b60;
            c = d + ((t << 16) | (t >> 16));
            t = b + (c ^ d ^ a) + x10 + 0xbebfbc70;
            b = c + ((t << 23) | (t >> 9));
            t = a + (b ^ c ^ d) + x13 + 0x289b7ec6;
            a = b + ((t << 4) | (t >> 28));
            t = d + (a ^ b ^ c) + x0 + 0xeaa127fa;
            d = a + ((t << 11) | (t >> 21));
            t = c + (d ^ a ^ b) + x3 + 0xd4ef3085;
            c = d + ((t << 16) | (t >> 16));
            t = b + (c ^ d ^ a) + x6 + 0x04881d05;
            b = c + ((t << 23) | (t >> 9));
            t = a + (b ^ c ^ d) + x9 + 0xd9d4d039;
            a = b + ((t << 4) | (t >> 28));
            t = d + (a ^ b ^ c) + x12 + 0xe6db99e5;
            d = a + ((t << 11) | (t >> 21));
            t = c + (d ^ a ^ b) + x15 + 0x1fa27cf8;
            c = d + ((t << 16) | (t >> 16));
            t = b + (c ^ d ^ a) + x2 + 0xc4ac5665;
            b = c + ((t << 23) | (t >> 9));
            t = a + (c ^ (b | ~d)) + x0 + 0xf4292244;
            a = b + ((t << 6) | (t >> 26));
            t = d + (b ^ (a | ~c)) + x7 + 0x432aff97;
            d = a + ((t << 10) | (t >> 22));
            t = c + (a ^ (d | ~b)) + x14 + 0xab9423a7;
            c = d + ((t << 15) | (t >> 17));
            t = b + (d ^ (c | ~a)) + x5 + 0xfc93a039;
            b = c + ((t << 21) | (t >> 11));
            t = a + (c ^ (b | ~d)) + x12 + 0x655b59c3;
            a = b + ((t << 6) | (t >> 26));
            t = d + (b ^ (a | ~c)) + x3 + 0x8f0ccc92;
            d = a + ((t << 10) | (t >> 22));
            t = c + (a ^ (d | ~b)) + x10 + 0xffeff47d;
            c = d + ((t << 15) | (t >> 17));
            t = b + (d ^ (c | ~a)) + x1 + 0x85845dd1;
            b = c + ((t << 21) | (t >> 11));
            t = a + (c ^ (b | ~d)) + x8 + 0x6fa87e4f;
            a = b + ((t << 6) | (t >> 26));
            t = d + (b ^ (a | ~c)) + x15 + 0xfe2ce6e0;
            d = a + ((t << 10) | (t >> 22));
            t = c + (a ^ (d | ~b)) + x6 + 0xa3014314;
            c = d + ((t << 15) | (t >> 17));
            t = b + (d ^ (c | ~a)) + x13 + 0x4e0811a1;
            b = c + ((t << 21) | (t >> 11));
            t = a + (c ^ (b | ~d)) + x4 + 0xf7537e82;
            a = b + ((t << 6) | (t >> 26));
            t = d + (b ^ (a | ~c)) + x11 + 0xbd3af235;
            d = a + ((t << 10) | (t >> 22));
            t = c + (a ^ (d | ~b)) + x2 + 0x2ad7d2bb;
            c = d + ((t << 15) | (t >> 17));
            t = b + (d ^ (c | ~a)) + x9 + 0xeb86d391;
            b = c + ((t << 21) | (t >> 11));

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}
