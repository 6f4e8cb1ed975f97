using TcAtMcu.Application;

namespace TcAtMcu.Tests.Support
{
    /// <summary>Time that moves only when a test says so.</summary>
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
    }
}
