namespace TcAtMcu.Ota
{
    /// <summary>What <see cref="PackageReader"/> found in a package; anything but Valid is never loaded.</summary>
    public enum PackageCheck
    {
        Valid = 0,
        /// <summary>Shorter than its header, or than the header says the files are.</summary>
        Truncated,
        /// <summary>Not "TCPK".</summary>
        BadMagic,
        /// <summary>A format version this reader does not know.</summary>
        UnsupportedFormat,
        /// <summary>A count, a name or the header length out of its bounds, or fields that overrun the header.</summary>
        MalformedHeader,
        /// <summary>The header's MD5 does not match its bytes.</summary>
        HeaderChecksum,
        /// <summary>A file length of 0 or over the limit.</summary>
        LengthOutOfBounds,
        /// <summary>Bytes after the last file.</summary>
        SizeMismatch,
        /// <summary>A file's MD5 does not match its bytes.</summary>
        FileChecksum,
    }
}
