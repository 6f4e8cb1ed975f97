// Mirrors nanoFramework.Runtime.Native 1.7.x: the GC class the device benchmark measures allocation with
// (mscorlib 1.17.11 has no public GC.GetTotalMemory).
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        /// <summary>Runs the collector; returns the free bytes of the managed heap.</summary>
        public static uint Run(bool compactHeap) { throw null; }
        public static void EnableGCMessages(bool enable) { }
    }
}
