using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace TcAtMcu.Package
{
    /// <summary>
    /// Writes an OTA package in format 1 (firmware/TcAtMcu/Ota/PackageReader.cs documents it): magic "TCPK", format,
    /// file count, header length, version, per file its name, length and MD5, the header's MD5, then the files.
    /// </summary>
    public static class PackageBuilder
    {
        public const int MaxFiles = 16;
        public const int MaxHeader = 1536;
        public const int MaxVersion = 32;
        public const int MaxName = 64;
        public const int MaxFileLength = 1024 * 1024;

        /// <summary>The package bytes; an ArgumentException in one sentence when an input is out of the format's bounds.</summary>
        public static byte[] Build(string version, IReadOnlyList<(string Name, byte[] Data)> files)
        {
            byte[] v = Encoding.ASCII.GetBytes(version ?? "");
            if (v.Length < 1 || v.Length > MaxVersion || !Printable(version, false))
            {
                throw new ArgumentException($"The version must be 1 to {MaxVersion} printable ASCII characters without spaces, not '{version}'.");
            }
            if (files.Count < 1 || files.Count > MaxFiles)
            {
                throw new ArgumentException($"A package holds 1 to {MaxFiles} files, not {files.Count}.");
            }
            MemoryStream header = new MemoryStream();
            header.Write("TCPK"u8);
            header.WriteByte(1);
            header.WriteByte((byte)files.Count);
            header.Write(new byte[2]); // header length, below
            header.WriteByte((byte)v.Length);
            header.Write(v);
            foreach ((string name, byte[] data) in files)
            {
                if (name.Length < 1 || name.Length > MaxName || !Printable(name, true))
                {
                    throw new ArgumentException($"File name '{name}' must be 1 to {MaxName} printable ASCII characters, no path, not starting with a dot.");
                }
                if (data.Length < 1 || data.Length > MaxFileLength)
                {
                    throw new ArgumentException($"File '{name}' has {data.Length} bytes; a packaged file has 1 to {MaxFileLength}.");
                }
                header.WriteByte((byte)name.Length);
                header.Write(Encoding.ASCII.GetBytes(name));
                header.Write(BitConverter.GetBytes(data.Length)); // little-endian on every .NET host
                header.Write(MD5.HashData(data));
            }
            int headerLength = (int)header.Length + 16;
            if (headerLength > MaxHeader)
            {
                throw new ArgumentException($"The header would take {headerLength} bytes; the format allows {MaxHeader} (shorter names or fewer files).");
            }
            byte[] head = header.ToArray();
            head[6] = (byte)headerLength;
            head[7] = (byte)(headerLength >> 8);
            MemoryStream package = new MemoryStream();
            package.Write(head);
            package.Write(MD5.HashData(head));
            foreach ((_, byte[] data) in files)
            {
                package.Write(data);
            }
            return package.ToArray();
        }

        private static bool Printable(string text, bool fileName)
        {
            foreach (char c in text)
            {
                if (c < 0x21 || c > 0x7e || (fileName && (c == '/' || c == '\\' || c == ':')))
                {
                    return false;
                }
            }
            return !fileName || !text.StartsWith('.');
        }
    }
}
