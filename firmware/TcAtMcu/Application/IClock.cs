namespace TcAtMcu.Application
{
    /// <summary>Milliseconds for the application's timing (backoff, telemetry, LED, button), replaceable in tests.</summary>
    public interface IClock
    {
        long NowMs { get; }
    }

    /// <summary>The device's clock.</summary>
    public sealed class SystemClock : IClock
    {
        public long NowMs
        {
            get { return Engine.Clock.NowMs; }
        }
    }
}
