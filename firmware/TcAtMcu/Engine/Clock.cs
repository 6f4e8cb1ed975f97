using System;

namespace TcAtMcu.Engine
{
    /// <summary>Milliseconds from a monotonic source, for timeouts.</summary>
    public static class Clock
    {
        public static long NowMs
        {
            get { return Environment.TickCount64; }
        }
    }
}
