namespace TcAtMcu.Ota
{
    /// <summary>Random-access reads of a stored package: a file in flash, or bytes in RAM.</summary>
    public interface IByteSource
    {
        int Length { get; }

        /// <summary>Reads up to count bytes at position; returns how many (fewer only at the end).</summary>
        int ReadAt(int position, byte[] buffer, int offset, int count);

        /// <summary>Releases the file, if any.</summary>
        void Close();
    }

    /// <summary>A package held in RAM (tests, the interpreter run, a board without storage).</summary>
    public sealed class ArrayByteSource : IByteSource
    {
        private readonly byte[] _data;
        private readonly int _offset;
        private readonly int _count;

        public ArrayByteSource(byte[] data, int offset, int count)
        {
            _data = data;
            _offset = offset;
            _count = count;
        }

        public int Length { get { return _count; } }

        public int ReadAt(int position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= _count)
            {
                return 0;
            }
            int n = _count - position < count ? _count - position : count;
            System.Array.Copy(_data, _offset + position, buffer, offset, n);
            return n;
        }

        public void Close()
        {
        }
    }
}
