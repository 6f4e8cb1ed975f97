namespace TcAtMcu.Services
{
    /// <summary>
    /// A request the device repeats until answered, a bounded number of times: asked at <see cref="Start"/>, again
    /// after <see cref="ReplyWaitMs"/> without an answer, at most <see cref="Attempts"/> times in a row; then (and
    /// after an answer) a <see cref="PeriodMs"/> later. The timing of the time and log-level services.
    /// </summary>
    public sealed class RequestRetries
    {
        private int _tries;

        public RequestRetries(int attempts, int replyWaitMs, int periodMs)
        {
            Attempts = attempts;
            ReplyWaitMs = replyWaitMs;
            PeriodMs = periodMs;
            DueAtMs = long.MaxValue;
        }

        public int Attempts { get; set; }
        public int ReplyWaitMs { get; set; }
        public int PeriodMs { get; set; }
        public long DueAtMs { get; private set; }

        /// <summary>A request is out and its answer would be taken.</summary>
        public bool Awaiting { get; private set; }

        /// <summary>When the last request went out.</summary>
        public long SentAtMs { get; private set; }

        /// <summary>Online again: ask now.</summary>
        public void Start(long nowMs)
        {
            _tries = 0;
            Awaiting = false;
            DueAtMs = nowMs;
        }

        /// <summary>At the due time: true when the caller sends the request now (then <see cref="Sent"/>); false: it gave up until the period.</summary>
        public bool Next(long nowMs)
        {
            Awaiting = false;
            if (_tries >= Attempts)
            {
                _tries = 0;
                DueAtMs = nowMs + PeriodMs;
                return false;
            }
            _tries++;
            DueAtMs = nowMs + ReplyWaitMs;
            return true;
        }

        /// <summary>The request went out (accepted: an answer is awaited) or not.</summary>
        public void Sent(long nowMs, bool accepted)
        {
            Awaiting = accepted;
            SentAtMs = nowMs;
        }

        /// <summary>The answer came: the next request a period later.</summary>
        public void Answered(long nowMs)
        {
            Awaiting = false;
            _tries = 0;
            DueAtMs = nowMs + PeriodMs;
        }
    }
}
