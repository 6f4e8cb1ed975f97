// Mirrors nanoFramework.System.IO.FileSystem 1.1.93 (tag v1.1.93, built on CoreLibrary 1.17.11, Streams 1.1.96):
// the file API the OTA package store uses. nanoFramework's File.Move throws when the destination exists, as .NET's does.
namespace System.IO
{
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { }
        public FileStream(string path, FileMode mode, FileAccess access) { }
        public override bool CanRead { get { throw null; } }
        public override bool CanSeek { get { throw null; } }
        public override bool CanWrite { get { throw null; } }
        public override long Length { get { throw null; } }
        public override long Position { get { throw null; } set { } }
        public string Name { get { throw null; } }
        public override void Close() { }
        public override void Flush() { }
        public override void SetLength(long value) { }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override void Write(byte[] buffer, int offset, int count) { }
    }

    public static class File
    {
        public static bool Exists(string path) { throw null; }
        public static void Delete(string path) { }
        public static void Move(string sourceFileName, string destFileName) { }
        public static byte[] ReadAllBytes(string path) { throw null; }
        public static void WriteAllBytes(string path, byte[] bytes) { }
    }

    public sealed class DirectoryInfo
    {
        private DirectoryInfo() { }
    }

    public static class Directory
    {
        public static bool Exists(string path) { throw null; }
        public static DirectoryInfo CreateDirectory(string path) { throw null; }
        public static string[] GetFiles(string path) { throw null; }
    }
}
