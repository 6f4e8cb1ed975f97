using nanoFramework.Runtime.Native;
using TcAtMcu.Ota;

namespace TcAtMcu.Boot
{
    /// <summary>A restart is a reboot of the device (nanoCLR and all: a loaded assembly cannot be unloaded).</summary>
    public sealed class Reboot : IRestart
    {
        public void Restart()
        {
            Now();
        }

        public static void Now()
        {
            Power.RebootDevice();
        }
    }
}
