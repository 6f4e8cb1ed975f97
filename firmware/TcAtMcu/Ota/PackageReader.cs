namespace TcAtMcu.Ota
{
    /// <summary>
    /// Reads and checks an OTA package (format 1, little-endian):
    /// <code>
    /// 0      4  magic "TCPK"
    /// 4      1  format version (1)
    /// 5      1  file count N (1 to 16)
    /// 6      2  header length H, the checksum included (at most 1536)
    /// 8      1  package version length V (1 to 32), then V bytes of version (printable ASCII)
    ///           N times: name length L (1 to 64), L bytes of name (printable ASCII, no '/', '\' or ':'),
    ///           4 bytes file length (1 to 1 MB), 16 bytes MD5 of the file
    /// H-16  16  MD5 of header bytes 0 to H-17
    /// H         the N files, in order, nothing after them
    /// </code>
    /// <see cref="Check"/> validates the header and every file's MD5, hashing in chunks through one fixed buffer, so a
    /// package is checked without holding it in RAM. Nothing is loaded from a package that did not pass.
    /// </summary>
    public sealed class PackageReader
    {
        public const int FormatVersion = 1;
        public const int MaxFiles = 16;
        public const int MaxHeader = 1536;
        public const int MaxVersion = 32;
        public const int MaxName = 64;
        public const int MaxFileLength = 1024 * 1024;
        public const int FixedHeader = 9;
        public const int EntryFixed = 1 + 4 + 16;

        private static readonly byte[] Magic = { (byte)'T', (byte)'C', (byte)'P', (byte)'K' };

        private readonly byte[] _header = new byte[MaxHeader];
        private readonly byte[] _chunk = new byte[512];
        private readonly byte[] _digest = new byte[16];
        private readonly Md5 _md5 = new Md5();
        private readonly int[] _nameOffsets = new int[MaxFiles];
        private readonly int[] _nameLengths = new int[MaxFiles];
        private readonly int[] _md5Offsets = new int[MaxFiles];
        private readonly int[] _fileOffsets = new int[MaxFiles];
        private readonly int[] _fileLengths = new int[MaxFiles];
        private int _versionLength;
        private int _headerLength;

        /// <summary>Files of the last package read.</summary>
        public int FileCount { get; private set; }

        /// <summary>Its version (allocated once per check).</summary>
        public string Version { get; private set; }

        public int FileLength(int index)
        {
            return _fileLengths[index];
        }

        public int FileOffset(int index)
        {
            return _fileOffsets[index];
        }

        public string FileName(int index)
        {
            return Text.Utf8.Decode(_header, _nameOffsets[index], _nameLengths[index]);
        }

        /// <summary>The header and every file's MD5.</summary>
        public PackageCheck Check(IByteSource source)
        {
            PackageCheck header = ReadHeader(source);
            if (header != PackageCheck.Valid)
            {
                return header;
            }
            for (int i = 0; i < FileCount; i++)
            {
                int at = _fileOffsets[i];
                int left = _fileLengths[i];
                while (left > 0)
                {
                    int n = source.ReadAt(at, _chunk, 0, left < _chunk.Length ? left : _chunk.Length);
                    if (n <= 0)
                    {
                        return PackageCheck.Truncated;
                    }
                    _md5.Update(_chunk, 0, n);
                    at += n;
                    left -= n;
                }
                _md5.Final(_digest, 0);
                if (!SameDigest(_md5Offsets[i]))
                {
                    return PackageCheck.FileChecksum;
                }
            }
            return PackageCheck.Valid;
        }

        /// <summary>
        /// Reads file index of a package that passed <see cref="Check"/> into a new array (Assembly.Load keeps it)
        /// and checks its MD5 again, since flash is read a second time; null when it no longer matches.
        /// </summary>
        public byte[] ReadFile(IByteSource source, int index)
        {
            byte[] file = new byte[_fileLengths[index]];
            int done = 0;
            while (done < file.Length)
            {
                int n = source.ReadAt(_fileOffsets[index] + done, file, done, file.Length - done);
                if (n <= 0)
                {
                    return null;
                }
                done += n;
            }
            _md5.Update(file, 0, file.Length);
            _md5.Final(_digest, 0);
            return SameDigest(_md5Offsets[index]) ? file : null;
        }

        /// <summary>The header alone: structure, bounds, checksum, and the total length against the source's.</summary>
        public PackageCheck ReadHeader(IByteSource source)
        {
            FileCount = 0;
            Version = null;
            _md5.Reset();
            int got = source.ReadAt(0, _header, 0, FixedHeader);
            if (got < FixedHeader)
            {
                return got >= 4 && !Text.Ascii.Equals(_header, 0, 4, Magic) ? PackageCheck.BadMagic : PackageCheck.Truncated;
            }
            if (!Text.Ascii.Equals(_header, 0, 4, Magic))
            {
                return PackageCheck.BadMagic;
            }
            if (_header[4] != FormatVersion)
            {
                return PackageCheck.UnsupportedFormat;
            }
            int count = _header[5];
            _headerLength = _header[6] | (_header[7] << 8);
            _versionLength = _header[8];
            if (count < 1 || count > MaxFiles || _versionLength < 1 || _versionLength > MaxVersion
                || _headerLength > MaxHeader || _headerLength < FixedHeader + _versionLength + count * (1 + 1 + 4 + 16) + 16)
            {
                return PackageCheck.MalformedHeader;
            }
            if (source.Length < _headerLength || source.ReadAt(FixedHeader, _header, FixedHeader, _headerLength - FixedHeader) < _headerLength - FixedHeader)
            {
                return PackageCheck.Truncated;
            }
            _md5.Update(_header, 0, _headerLength - 16);
            _md5.Final(_digest, 0);
            if (!SameDigest(_headerLength - 16))
            {
                return PackageCheck.HeaderChecksum;
            }
            if (!Printable(FixedHeader, _versionLength, false))
            {
                return PackageCheck.MalformedHeader;
            }
            int at = FixedHeader + _versionLength;
            int end = _headerLength - 16;
            long total = _headerLength;
            for (int i = 0; i < count; i++)
            {
                int nameLength = at < end ? _header[at] : 0;
                if (nameLength < 1 || nameLength > MaxName || at + 1 + nameLength + 4 + 16 > end || !Printable(at + 1, nameLength, true))
                {
                    return PackageCheck.MalformedHeader;
                }
                _nameOffsets[i] = at + 1;
                _nameLengths[i] = nameLength;
                at += 1 + nameLength;
                int length = _header[at] | (_header[at + 1] << 8) | (_header[at + 2] << 16) | (_header[at + 3] << 24);
                if (length < 1 || length > MaxFileLength)
                {
                    return PackageCheck.LengthOutOfBounds;
                }
                _md5Offsets[i] = at + 4;
                _fileOffsets[i] = (int)total;
                _fileLengths[i] = length;
                total += length;
                at += 4 + 16;
            }
            if (at != end)
            {
                return PackageCheck.MalformedHeader;
            }
            if (source.Length < total)
            {
                return PackageCheck.Truncated;
            }
            if (source.Length > total)
            {
                return PackageCheck.SizeMismatch;
            }
            FileCount = count;
            Version = Text.Utf8.Decode(_header, FixedHeader, _versionLength);
            return PackageCheck.Valid;
        }

        /// <summary>The check's name for a log or a report ("file checksum").</summary>
        public static string Describe(PackageCheck check)
        {
            switch (check)
            {
                case PackageCheck.Valid: return "valid";
                case PackageCheck.Truncated: return "truncated";
                case PackageCheck.BadMagic: return "not a package";
                case PackageCheck.UnsupportedFormat: return "unsupported format";
                case PackageCheck.MalformedHeader: return "malformed header";
                case PackageCheck.HeaderChecksum: return "header checksum";
                case PackageCheck.LengthOutOfBounds: return "file length out of bounds";
                case PackageCheck.SizeMismatch: return "bytes after the last file";
                default: return "file checksum";
            }
        }

        private bool SameDigest(int at)
        {
            for (int i = 0; i < 16; i++)
            {
                if (_header[at + i] != _digest[i])
                {
                    return false;
                }
            }
            return true;
        }

        // Printable ASCII; a file name also has no path separator or drive colon.
        private bool Printable(int at, int count, bool fileName)
        {
            for (int i = at; i < at + count; i++)
            {
                byte b = _header[i];
                if (b < 0x21 || b > 0x7e || (fileName && (b == (byte)'/' || b == (byte)'\\' || b == (byte)':')))
                {
                    return false;
                }
            }
            return !fileName || _header[at] != (byte)'.';
        }
    }
}
