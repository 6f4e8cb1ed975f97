using TcAtMcu.Ota;

namespace TcAtMcu.Tests.Support
{
    /// <summary>Package bytes for tests, written field by field as PackageReader documents them (no shared writer).</summary>
    public static class PackageBytes
    {
        public static byte[] Build(string version, string[] names, byte[][] files)
        {
            int headerLength = PackageReader.FixedHeader + version.Length + 16;
            int total = 0;
            for (int i = 0; i < names.Length; i++)
            {
                headerLength += 1 + names[i].Length + 4 + 16;
                total += files[i].Length;
            }
            byte[] package = new byte[headerLength + total];
            package[0] = (byte)'T';
            package[1] = (byte)'C';
            package[2] = (byte)'P';
            package[3] = (byte)'K';
            package[4] = 1;
            package[5] = (byte)names.Length;
            package[6] = (byte)headerLength;
            package[7] = (byte)(headerLength >> 8);
            package[8] = (byte)version.Length;
            int at = Put(package, 9, version);
            int data = headerLength;
            Md5 md5 = new Md5();
            for (int i = 0; i < names.Length; i++)
            {
                package[at++] = (byte)names[i].Length;
                at = Put(package, at, names[i]);
                int length = files[i].Length;
                package[at++] = (byte)length;
                package[at++] = (byte)(length >> 8);
                package[at++] = (byte)(length >> 16);
                package[at++] = (byte)(length >> 24);
                md5.Update(files[i], 0, length);
                md5.Final(package, at);
                at += 16;
                System.Array.Copy(files[i], 0, package, data, length);
                data += length;
            }
            Reseal(package);
            return package;
        }

        /// <summary>Recomputes the header's MD5 after a test changed a header field (so the field's own check is reached).</summary>
        public static void Reseal(byte[] package)
        {
            int headerLength = package[6] | (package[7] << 8);
            Md5 md5 = new Md5();
            md5.Update(package, 0, headerLength - 16);
            md5.Final(package, headerLength - 16);
        }

        public static byte[] Bytes(int count, int seed)
        {
            byte[] data = new byte[count];
            new System.Random(seed).NextBytes(data);
            return data;
        }

        private static int Put(byte[] into, int at, string ascii)
        {
            char[] chars = ascii.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                into[at++] = (byte)chars[i];
            }
            return at;
        }
    }
}
