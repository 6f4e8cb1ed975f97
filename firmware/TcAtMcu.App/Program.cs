namespace TcAtMcu.App
{
    /// <summary>
    /// The device program deployed on its own (no boot program): runs the application, without OTA packages.
    /// With OTA, deploy firmware/TcAtMcu.Boot instead: it runs <see cref="ProductEntry.Run"/> from the newest healthy package.
    /// </summary>
    public class Program
    {
        public static void Main()
        {
            ProductEntry.Run(null);
        }
    }
}
