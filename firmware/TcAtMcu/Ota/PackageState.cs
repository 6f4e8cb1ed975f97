namespace TcAtMcu.Ota
{
    /// <summary>
    /// A committed package's state record, 4 bytes: 'S', status, trial boots, and a check byte
    /// (status XOR boots XOR 0x5A) so that a record torn by a power cut reads as damaged (treated as bad).
    /// </summary>
    public static class PackageState
    {
        public const int Length = 4;

        /// <summary>Committed, not yet proved healthy.</summary>
        public const byte Trial = 1;

        /// <summary>Proved healthy: a known-good package.</summary>
        public const byte Good = 2;

        /// <summary>Failed a trial or a check: never run again.</summary>
        public const byte Bad = 3;

        public static void Write(byte[] into, byte status, int boots)
        {
            into[0] = (byte)'S';
            into[1] = status;
            into[2] = (byte)boots;
            into[3] = (byte)(status ^ boots ^ 0x5A);
        }

        /// <summary>The status, or Bad for a damaged record; a missing record (count 0) is a trial not yet booted.</summary>
        public static byte Status(byte[] bytes, int count)
        {
            if (count == 0)
            {
                return Trial;
            }
            if (count != Length || bytes[0] != (byte)'S' || bytes[3] != (byte)(bytes[1] ^ bytes[2] ^ 0x5A)
                || bytes[1] < Trial || bytes[1] > Bad)
            {
                return Bad;
            }
            return bytes[1];
        }

        public static int Boots(byte[] bytes, int count)
        {
            return count == Length ? bytes[2] : 0;
        }
    }
}
