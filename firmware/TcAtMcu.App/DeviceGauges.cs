using System.Diagnostics;
using TcAtMcu.Services;

namespace TcAtMcu.App
{
    /// <summary>The board's free managed memory (nanoFramework's GC.Run without compaction returns the free bytes).</summary>
    public sealed class FreeMemory : IFreeMemory
    {
        public long FreeBytes()
        {
#if NANOFRAMEWORK_1_0
            return nanoFramework.Runtime.Native.GC.Run(false);
#else
            System.GCMemoryInfo info = System.GC.GetGCMemoryInfo();
            return info.TotalAvailableMemoryBytes - System.GC.GetTotalMemory(false);
#endif
        }
    }

    /// <summary>The firmware's log lines on the debugger's output (Visual Studio, nanoff's monitor).</summary>
    public sealed class DebugLog : ILogSink
    {
        public void Line(int level, string text)
        {
            Debug.WriteLine(text);
        }
    }
}
