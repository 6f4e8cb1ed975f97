using System.Threading;
using TcAtMcu.Engine;

namespace TcAtMcu.Tests.Support
{
    /// <summary>Time that moves only when a test says so, or when something waits on it: a wait that is not
    /// answered at once passes its whole time instantly.</summary>
    public sealed class FakeClock : IClock
    {
        public FakeClock(long start)
        {
            NowMs = start;
        }

        public long NowMs { get; private set; }

        public void Advance(long ms)
        {
            NowMs += ms;
        }

        public bool Wait(WaitHandle handle, int ms)
        {
            if (handle.WaitOne(0, false))
            {
                return true;
            }
            NowMs += ms;
            return false;
        }
    }
}
