using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    /// <summary>
    /// Up to 10 topic filters with their QoS, and whether the module currently holds each one. Filters are kept
    /// as UTF-8 bytes so a received topic is matched (MQTT '+' and '#' included) without allocating.
    /// </summary>
    public sealed class Subscriptions
    {
        private readonly string[] _topics = new string[TcLimits.Subscriptions];
        private readonly byte[][] _filters = new byte[TcLimits.Subscriptions][];
        private readonly int[] _qos = new int[TcLimits.Subscriptions];
        private readonly bool[] _active = new bool[TcLimits.Subscriptions];
        private int _count;

        public int Count { get { return _count; } }
        public string Topic(int index) { return _topics[index]; }
        public int Qos(int index) { return _qos[index]; }

        /// <summary>The module holds it (subscribed since the last connect, or seen in AT+TCMQTTSUB?).</summary>
        public bool IsActive(int index) { return _active[index]; }

        public int IndexOf(string topic)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_topics[i] == topic)
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Index of the first filter matching a received topic; -1 when none does.</summary>
        public int Match(byte[] topic, int offset, int count)
        {
            for (int i = 0; i < _count; i++)
            {
                if (FilterMatches(_filters[i], topic, offset, count))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>MQTT filter matching: '+' is one level, a trailing '#' is the rest (the parent level included).</summary>
        public static bool FilterMatches(byte[] filter, byte[] topic, int offset, int count)
        {
            int f = 0;
            int t = offset;
            int end = offset + count;
            while (f < filter.Length)
            {
                byte c = filter[f];
                if (c == (byte)'#')
                {
                    return true;
                }
                if (c == (byte)'+')
                {
                    while (t < end && topic[t] != (byte)'/')
                    {
                        t++;
                    }
                    f++;
                    continue;
                }
                if (t == end)
                {
                    // "a/#" also matches "a".
                    return c == (byte)'/' && f + 2 == filter.Length && filter[f + 1] == (byte)'#';
                }
                if (topic[t] != c)
                {
                    return false;
                }
                f++;
                t++;
            }
            return t == end;
        }

        /// <summary>Adds or updates a topic; false when all 10 places are taken.</summary>
        internal bool Set(string topic, int qos, bool active)
        {
            int i = IndexOf(topic);
            if (i < 0)
            {
                if (_count == _topics.Length)
                {
                    return false;
                }
                i = _count++;
                _topics[i] = topic;
                _filters[i] = Utf8.Bytes(topic);
            }
            _qos[i] = qos;
            _active[i] = active;
            return true;
        }

        internal void Remove(string topic)
        {
            int i = IndexOf(topic);
            if (i < 0)
            {
                return;
            }
            _count--;
            for (int k = i; k < _count; k++)
            {
                _topics[k] = _topics[k + 1];
                _filters[k] = _filters[k + 1];
                _qos[k] = _qos[k + 1];
                _active[k] = _active[k + 1];
            }
            _topics[_count] = null;
            _filters[_count] = null;
        }

        internal void SetAllInactive()
        {
            for (int i = 0; i < _count; i++)
            {
                _active[i] = false;
            }
        }

        internal void Clear()
        {
            while (_count > 0)
            {
                Remove(_topics[_count - 1]);
            }
        }
    }
}
