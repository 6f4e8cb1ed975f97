using System;
using System.Threading;

namespace TcAtMcu.Engine
{
    /// <summary>Milliseconds and bounded waits, replaceable in tests so that timeouts take no real time.</summary>
    public interface IClock
    {
        long NowMs { get; }

        /// <summary>Waits until handle is set or ms pass; true when it was set.</summary>
        bool Wait(WaitHandle handle, int ms);
    }

    /// <summary>The device's clock.</summary>
    public sealed class SystemClock : IClock
    {
        public static readonly SystemClock Instance = new SystemClock();

        public long NowMs
        {
            get { return Clock.NowMs; }
        }

        public bool Wait(WaitHandle handle, int ms)
        {
            return handle.WaitOne(ms, false);
        }
    }

    /// <summary>Milliseconds for timeouts.</summary>
    public static class Clock
    {
        public static long NowMs
        {
#if TCATMCU_HOST
            // The host build: monotonic and cheap (nanoFramework's CoreLibrary 1.x has no Environment.TickCount64).
            get { return Environment.TickCount64; }
#else
            get { return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond; }
#endif
        }
    }
}
