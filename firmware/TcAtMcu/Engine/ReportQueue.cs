using System;
using TcAtMcu.Matching;

namespace TcAtMcu.Engine
{
    /// <summary>
    /// Reports between the reader (adds) and the dispatcher (reads, then releases), in arrival order: a table of
    /// fields per report and one byte ring for the topics and payloads, so short messages take little room and a
    /// long one still fits. Not thread-safe by itself: the engine calls Add and Release under its lock; the records
    /// being dispatched are not touched by Add until released.
    ///
    /// The ring's bytes in use run from the oldest record that holds bytes to the end of the newest one that does
    /// (<see cref="_dataEnd"/>), wrapped or not. A record without bytes (a connection report) takes no place in the
    /// ring: placed where data ends, it would make a ring whose wrapped data ends exactly at the oldest record's
    /// start look unwrapped, and the next record would be written over the oldest (issue 19).
    /// </summary>
    internal sealed class ReportQueue
    {
        private readonly byte[] _data;
        private readonly byte[] _kind;
        private readonly byte[] _status;
        private readonly bool[] _truncated;
        private readonly int[] _code;
        private readonly int[] _subCode;
        private readonly int[] _sequence;
        private readonly int[] _offset;
        private readonly int[] _topicLength;
        private readonly int[] _payloadLength;
        private int _head;
        private int _dataEnd;
        private int _newestOffset;

        public ReportQueue(int slots, int dataBytes)
        {
            _data = new byte[dataBytes];
            _kind = new byte[slots];
            _status = new byte[slots];
            _truncated = new bool[slots];
            _code = new int[slots];
            _subCode = new int[slots];
            _sequence = new int[slots];
            _offset = new int[slots];
            _topicLength = new int[slots];
            _payloadLength = new int[slots];
        }

        /// <summary>Reports held (a field: read on every dispatch attempt).</summary>
        public int Count;

        public int BufferBytes
        {
            get { return _data.Length + _kind.Length * (3 + 6 * 4); }
        }

        /// <summary>Copies the report (its fields, and for a message the topic and payload slices) in; false when full.</summary>
        public bool Add(Report fields, byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount)
        {
            int slots = _kind.Length;
            if (Count == slots)
            {
                return false;
            }
            int bytes = topicCount + payloadCount;
            int at = bytes == 0 ? 0 : Allocate(bytes);
            if (at < 0)
            {
                return false;
            }
            int slot = (_head + Count) % slots;
            _kind[slot] = (byte)fields.Kind;
            _status[slot] = (byte)fields.Status;
            _truncated[slot] = fields.Truncated;
            _code[slot] = fields.Code;
            _subCode[slot] = fields.SubCode;
            _sequence[slot] = fields.Sequence;
            _offset[slot] = at;
            _topicLength[slot] = topicCount;
            _payloadLength[slot] = payloadCount;
            if (topicCount > 0)
            {
                Array.Copy(topic, topicOffset, _data, at, topicCount);
            }
            if (payloadCount > 0)
            {
                Array.Copy(payload, payloadOffset, _data, at + topicCount, payloadCount);
            }
            if (bytes > 0)
            {
                _newestOffset = at;
                _dataEnd = at + bytes;
            }
            Count++;
            return true;
        }

        /// <summary>Makes view show the i-th oldest report (i below Count).</summary>
        public void Read(int i, Report view)
        {
            int slot = (_head + i) % _kind.Length;
            view.Kind = (ReportKind)_kind[slot];
            view.Status = (ReportStatus)_status[slot];
            view.Truncated = _truncated[slot];
            view.Code = _code[slot];
            view.SubCode = _subCode[slot];
            view.Sequence = _sequence[slot];
            view.Buffer = _data;
            view.TopicOffset = _offset[slot];
            view.TopicLength = _topicLength[slot];
            view.PayloadOffset = _offset[slot] + _topicLength[slot];
            view.PayloadLength = _payloadLength[slot];
        }

        /// <summary>Frees the n oldest reports.</summary>
        public void Release(int n)
        {
            _head = (_head + n) % _kind.Length;
            Count -= n;
            if (Count == 0)
            {
                _dataEnd = 0;
            }
        }

        // Contiguous room for n (> 0) bytes after the newest record with bytes, wrapping to the start when the end
        // is short.
        private int Allocate(int n)
        {
            int slots = _kind.Length;
            int oldest = -1;
            for (int i = 0; i < Count; i++)
            {
                int slot = (_head + i) % slots;
                if (_topicLength[slot] + _payloadLength[slot] > 0)
                {
                    oldest = slot;
                    break;
                }
            }
            if (oldest < 0)
            {
                return n <= _data.Length ? 0 : -1;
            }
            int start = _offset[oldest];
            // Two records with bytes never start at the same place, so equal means one record: not wrapped.
            if (_newestOffset >= start)
            {
                // In use: start to _dataEnd. Free: after it, and before start.
                if (_data.Length - _dataEnd >= n)
                {
                    return _dataEnd;
                }
                return start >= n ? 0 : -1;
            }
            // Wrapped: free from _dataEnd to start.
            return start - _dataEnd >= n ? _dataEnd : -1;
        }
    }
}
