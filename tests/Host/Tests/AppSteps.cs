using System;
using System.Diagnostics;
using System.Threading;
using TcAtMcu.Application;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>Steps the application on the test's thread, as its Run loop would.</summary>
    public static class AppSteps
    {
        /// <summary>Steps until done, failing with the application's state after timeoutMs.</summary>
        public static void RunUntil(ConnectionLifecycle app, Func<bool> done, int timeoutMs)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (!done())
            {
                Assert.True(watch.ElapsedMilliseconds < timeoutMs, "state " + AppStateNames.Of(app.State) + " after " + timeoutMs + " ms");
                int wait = app.Step();
                Thread.Sleep(Math.Clamp(wait, 1, 50));
            }
        }
    }
}
