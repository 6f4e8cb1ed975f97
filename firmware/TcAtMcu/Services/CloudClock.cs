namespace TcAtMcu.Services
{
    /// <summary>
    /// Wall-clock time as the cloud told it ($sys/operation, <see cref="TimeService"/>), carried on by the device's own
    /// tick clock. Until the cloud has answered it is not <see cref="Known"/>: a timestamp written then is 0, which
    /// IoT Explorer reads as "no accurate time, stamp it on arrival" (never a date in 1970).
    /// </summary>
    public sealed class CloudClock
    {
        private readonly Engine.IClock _ticks;
        private long _unixMsAtSync;
        private long _tickAtSync;

        public CloudClock(Engine.IClock ticks)
        {
            _ticks = ticks;
        }

        /// <summary>The cloud has given the time since start.</summary>
        public bool Known { get; private set; }

        /// <summary>Times it was set.</summary>
        public int Syncs { get; private set; }

        /// <summary>Milliseconds since 1970-01-01 UTC now; 0 when not <see cref="Known"/>.</summary>
        public long NowUnixMs
        {
            get { return Known ? _unixMsAtSync + (_ticks.NowMs - _tickAtSync) : 0; }
        }

        /// <summary>Seconds since 1970-01-01 UTC now; 0 when not known.</summary>
        public long NowUnixSeconds
        {
            get { return NowUnixMs / 1000; }
        }

        /// <summary>The time was unixMs at tick atMs.</summary>
        public void Set(long unixMs, long atMs)
        {
            _unixMsAtSync = unixMs;
            _tickAtSync = atMs;
            Known = true;
            Syncs++;
        }
    }
}
