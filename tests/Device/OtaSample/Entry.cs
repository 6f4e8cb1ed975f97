using System;
using TcAtMcu.Ota;

namespace TcAtMcu.OtaSample
{
    /// <summary>
    /// The product application of the device run's OTA mode: compiled into .pe files that reach nanoCLR only inside
    /// OTA packages, loaded by the boot logic with Assembly.Load(byte[]) and found by reflection.
    /// </summary>
    public static class Entry
    {
        public static void Run(IHealthReporter health)
        {
            Console.WriteLine("ota: sample application " + health.Version + " runs" + (health.OnTrial ? " on trial" : "")
                + ", reporting " + health.ReportedVersion);
            health.Healthy();
            Console.WriteLine("ota: healthy, now reporting " + health.ReportedVersion);
        }
    }
}
