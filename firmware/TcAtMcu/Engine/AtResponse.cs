using System;
using TcAtMcu.Text;

namespace TcAtMcu.Engine
{
    /// <summary>
    /// The response lines of the last command (everything between sending it and its final result that was
    /// neither a report nor a final result), kept in one fixed buffer. Valid until the next command.
    /// </summary>
    public sealed class AtResponse
    {
        private readonly byte[] _buffer;
        private readonly int[] _offsets;
        private readonly int[] _lengths;
        private int _used;

        public AtResponse(int capacity, int maxLines)
        {
            _buffer = new byte[capacity];
            _offsets = new int[maxLines];
            _lengths = new int[maxLines];
        }

        public int Count { get; private set; }

        public int BufferBytes
        {
            get { return _buffer.Length + 8 * _offsets.Length; }
        }
        public byte[] Buffer { get { return _buffer; } }

        public int Offset(int line) { return _offsets[line]; }
        public int Length(int line) { return _lengths[line]; }

        /// <summary>Index of the first line starting with prefix, from line 'from'; -1 when none.</summary>
        public int Find(byte[] prefix, int from)
        {
            for (int i = from; i < Count; i++)
            {
                if (Ascii.StartsWith(_buffer, _offsets[i], _lengths[i], prefix))
                {
                    return i;
                }
            }
            return -1;
        }

        internal void Clear()
        {
            Count = 0;
            _used = 0;
        }

        internal bool Add(byte[] line, int offset, int count)
        {
            if (Count == _offsets.Length || _used + count > _buffer.Length)
            {
                return false;
            }
            Array.Copy(line, offset, _buffer, _used, count);
            _offsets[Count] = _used;
            _lengths[Count] = count;
            _used += count;
            Count++;
            return true;
        }
    }
}
