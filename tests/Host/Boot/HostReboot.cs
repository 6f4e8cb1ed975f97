using TcAtMcu.Ota;

namespace TcAtMcu.Boot
{
    /// <summary>The host's "reboot": the boot returns (PackageBoot has already stopped the application) and Main boots again.</summary>
    public sealed class Reboot : IRestart
    {
        public void Restart()
        {
        }

        public static void Now()
        {
            System.Console.WriteLine("boot: reboot");
        }
    }
}
