namespace TcAtMcu.Services
{
    /// <summary>
    /// Requests awaiting their reply, matched by our clientToken number, each with a deadline: a fixed table, so a
    /// cloud that never answers costs one slot until the deadline, never memory. What a slot stands for (an event,
    /// a time request) is the service's object.
    /// </summary>
    public sealed class PendingReplies
    {
        private readonly int[] _token;
        private readonly object[] _what;
        private readonly long[] _deadline;

        public PendingReplies(int slots)
        {
            _token = new int[slots];
            _what = new object[slots];
            _deadline = new long[slots];
        }

        public int Capacity { get { return _token.Length; } }

        /// <summary>Requests awaiting their reply now.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _token.Length; i++)
                {
                    if (_token[i] != 0) n++;
                }
                return n;
            }
        }

        /// <summary>A free slot exists.</summary>
        public bool HasRoom { get { return Count < _token.Length; } }

        /// <summary>Waits for token's reply until deadlineMs; false when every slot is taken. what must not be null.</summary>
        public bool Open(int token, object what, long deadlineMs)
        {
            for (int i = 0; i < _token.Length; i++)
            {
                if (_token[i] == 0)
                {
                    _token[i] = token;
                    _what[i] = what;
                    _deadline[i] = deadlineMs;
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The message answers one of our requests (its clientToken is that request's, byte for byte): the slot is
        /// freed and what it stood for returned; null when nothing awaited it (a stranger's token, a duplicate reply,
        /// one after its deadline).
        /// </summary>
        public object Take(CloudEnvelope reply)
        {
            for (int i = 0; i < _token.Length; i++)
            {
                if (_token[i] != 0 && reply.TokenIs(_token[i]))
                {
                    object what = _what[i];
                    Free(i);
                    return what;
                }
            }
            return null;
        }

        /// <summary>Forgets the request of token (answered some other way); false when it was not awaited.</summary>
        public bool Cancel(int token)
        {
            for (int i = 0; i < _token.Length; i++)
            {
                if (token != 0 && _token[i] == token)
                {
                    Free(i);
                    return true;
                }
            }
            return false;
        }

        /// <summary>One request whose deadline passed (its slot freed), or null; call until null.</summary>
        public object TakeExpired(long nowMs)
        {
            for (int i = 0; i < _token.Length; i++)
            {
                if (_token[i] != 0 && nowMs >= _deadline[i])
                {
                    object what = _what[i];
                    Free(i);
                    return what;
                }
            }
            return null;
        }

        /// <summary>The earliest deadline; long.MaxValue when nothing awaits.</summary>
        public long NextDeadline
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _token.Length; i++)
                {
                    if (_token[i] != 0 && _deadline[i] < next)
                    {
                        next = _deadline[i];
                    }
                }
                return next;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < _token.Length; i++)
            {
                Free(i);
            }
        }

        private void Free(int i)
        {
            _token[i] = 0;
            _what[i] = null;
        }
    }
}
