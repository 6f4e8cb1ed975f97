// Mirrors nanoFramework.Runtime.Native 1.7.11 (tag v1.7.11, built on CoreLibrary 1.17.11): the GC class the device
// benchmark measures allocation with (mscorlib 1.17.11 has no public GC.GetTotalMemory), and Power.RebootDevice,
// which the boot program calls to leave a package that failed its trial.
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        /// <summary>Runs the collector; returns the free bytes of the managed heap.</summary>
        public static uint Run(bool compactHeap) { throw null; }
        public static void EnableGCMessages(bool enable) { }
    }

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { }
    }
}
