using nanoFramework.TestFramework;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Ota
{
    /// <summary>The boot program's loader on whatever runtime runs the tests: refusals end in a bad mark and a restart.</summary>
    [TestClass]
    public class PackageBootTests
    {
        private sealed class CountingRestart : IRestart
        {
            public int Restarts;

            public void Restart()
            {
                Restarts++;
            }
        }

        private sealed class Factory : IPackageEntry
        {
            public string Reported;

            public void Run(IHealthReporter health)
            {
                Reported = health.ReportedVersion;
            }
        }

        [TestMethod]
        public void WithoutAPackageTheFactoryApplicationRuns()
        {
            CountingRestart restart = new CountingRestart();
            PackageBoot boot = new PackageBoot(new MemoryPackageStorage(), 2, 1000, restart);
            boot.FactoryVersion = "1.0.0";
            Factory factory = new Factory();
            Assert.AreEqual((int)BootOutcome.Factory, (int)boot.Boot(factory));
            Assert.AreEqual("1.0.0", factory.Reported);
            Assert.AreEqual(0, restart.Restarts);
        }

        private sealed class CrashingFactory : IPackageEntry
        {
            public void Run(IHealthReporter health)
            {
                throw new System.InvalidOperationException("no module");
            }
        }

        [TestMethod]
        public void AFactoryApplicationThatThrowsIsRestartedNotLeftDead()
        {
            CountingRestart restart = new CountingRestart();
            PackageBoot boot = new PackageBoot(new MemoryPackageStorage(), 2, 1000, restart);
            Assert.AreEqual((int)BootOutcome.Faulted, (int)boot.Boot(new CrashingFactory()));
            Assert.AreEqual(1, restart.Restarts);
        }

        [TestMethod]
        public void APeTheRuntimeRefusesIsMarkedBadAndNeverRunTwice()
        {
            MemoryPackageStorage storage = new MemoryPackageStorage();
            // Passes the package's own checks (its MD5 is right) but is no assembly.
            storage.Add(1, PackageBytes.Build("2.0.0", new string[] { "Product.pe" }, new byte[][] { PackageBytes.Bytes(400, 9) }));
            CountingRestart restart = new CountingRestart();
            PackageBoot boot = new PackageBoot(storage, 2, 1000, restart);
            Factory factory = new Factory();
            Assert.AreEqual((int)BootOutcome.LoadRefused, (int)boot.Boot(factory));
            Assert.AreEqual(1, restart.Restarts);
            Bytes.AssertEqual(new byte[] { 0x53, 0x03, 0x00, 0x59 }, storage.State(1), 0, 4, "marked bad");
            PackageBoot next = new PackageBoot(storage, 2, 1000, restart);
            next.FactoryVersion = "1.0.0";
            Assert.AreEqual((int)BootOutcome.Factory, (int)next.Boot(factory), "the next boot");
            Assert.AreEqual("1.0.0", factory.Reported);
        }
    }
}
