using TcAtMcu.Matching;

namespace TcAtMcu.Engine
{
    /// <summary>
    /// A ring of preallocated report slots between the reader (fills) and the dispatcher (reads, then releases).
    /// Not thread-safe by itself: the engine calls it under its lock.
    /// </summary>
    internal sealed class ReportQueue
    {
        private readonly Report[] _slots;
        private int _head;
        private int _count;

        public ReportQueue(int slots, int topicCapacity, int payloadCapacity)
        {
            _slots = new Report[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new Report(topicCapacity, payloadCapacity);
            }
        }

        public int Count { get { return _count; } }

        /// <summary>The slot the next report is written into, or null when all are taken.</summary>
        public Report Free()
        {
            return _count < _slots.Length ? _slots[(_head + _count) % _slots.Length] : null;
        }

        /// <summary>Makes the slot returned by <see cref="Free"/> visible to the dispatcher.</summary>
        public void Commit()
        {
            _count++;
        }

        public Report Oldest()
        {
            return _count > 0 ? _slots[_head] : null;
        }

        public void Release()
        {
            _head = (_head + 1) % _slots.Length;
            _count--;
        }
    }
}
