// Mirrors nanoFramework.System.IO.Streams 1.1.96 (Stream.cs at tag v1.1.96): the base of FileStream, as much as the
// firmware uses.
namespace System.IO
{
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract bool CanRead { get; }
        public abstract bool CanSeek { get; }
        public abstract bool CanWrite { get; }
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public virtual void Close() { }
        public void Dispose() { }
        public abstract void Flush();
        public abstract void SetLength(long value);
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract void Write(byte[] buffer, int offset, int count);
    }
}
