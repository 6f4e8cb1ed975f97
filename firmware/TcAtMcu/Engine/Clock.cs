using System;

namespace TcAtMcu.Engine
{
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
