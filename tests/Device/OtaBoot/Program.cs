using System;
using TcAtMcu.Ota;

namespace TcAtMcu.OtaBoot
{
    /// <summary>
    /// The boot logic on nanoCLR, against packages built by the device run from real .pe files (EmbeddedPackages, a
    /// generated source: nanoCLR on a PC has no file system, so the packages travel inside this program). Three boots:
    /// a trial package whose .pe the CLR refuses (marked bad), the known-good package (loaded with Assembly.Load and
    /// run), then a new trial package that proves healthy (confirmed, the old one deleted). Prints "ota: PASS" or the
    /// first "ota: FAIL".
    /// </summary>
    public static class Program
    {
        private static bool _failed;

        private sealed class CountingRestart : IRestart
        {
            public int Restarts;

            public void Restart()
            {
                Restarts++;
            }
        }

        private sealed class Log : IBootLog
        {
            public void Note(string text)
            {
                Console.WriteLine("ota: boot: " + text);
            }
        }

        public static void Main()
        {
            MemoryPackageStorage storage = new MemoryPackageStorage();
            byte[] good = new byte[PackageState.Length];
            PackageState.Write(good, PackageState.Good, 0);
            storage.Add(1, EmbeddedPackages.KnownGood());
            storage.WriteState(1, good, good.Length);
            storage.Add(2, EmbeddedPackages.RefusedByTheClr());
            CountingRestart restart = new CountingRestart();

            PackageBoot boot = Boot(storage, restart);
            Expect(boot.Boot(null) == BootOutcome.LoadRefused, "boot 1: the package whose .pe the CLR refuses is refused");
            ExpectState(storage, 2, PackageState.Bad, "boot 1: package 2 marked bad");
            Expect(restart.Restarts == 1, "boot 1: a restart was asked for");

            boot = Boot(storage, restart);
            Expect(boot.Boot(null) == BootOutcome.Returned, "boot 2: the known-good package ran");
            Expect(boot.Version == "1.0.0" && !boot.OnTrial, "boot 2: version 1.0.0, not on trial");
            Expect(boot.Loaded != null && boot.Loaded.Length == 1, "boot 2: one assembly loaded from bytes");

            storage.Add(3, EmbeddedPackages.NewTrial());
            boot = Boot(storage, restart);
            Expect(boot.Boot(null) == BootOutcome.Returned, "boot 3: the new package ran");
            Expect(boot.Version == "3.0.0", "boot 3: version 3.0.0");
            ExpectState(storage, 3, PackageState.Good, "boot 3: package 3 confirmed");
            Expect(!storage.Has(1) && !storage.Has(2), "boot 3: older packages deleted");
            Expect(boot.ReportedVersion == "3.0.0", "boot 3: 3.0.0 is reported");
            Console.WriteLine(_failed ? "ota: FAILED" : "ota: PASS");
        }

        private static PackageBoot Boot(MemoryPackageStorage storage, CountingRestart restart)
        {
            PackageBoot boot = new PackageBoot(storage, 2, 10000, restart);
            boot.FactoryVersion = "0.0.0";
            boot.Log = new Log();
            return boot;
        }

        private static void ExpectState(MemoryPackageStorage storage, int sequence, byte status, string what)
        {
            byte[] state = storage.State(sequence);
            Expect(state != null && PackageState.Status(state, state.Length) == status, what);
        }

        private static void Expect(bool condition, string what)
        {
            if (!condition)
            {
                _failed = true;
            }
            Console.WriteLine("ota: " + (condition ? "ok   " : "FAIL ") + what);
        }
    }
}
