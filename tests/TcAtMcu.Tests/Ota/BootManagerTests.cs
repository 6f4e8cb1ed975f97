using nanoFramework.TestFramework;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Ota
{
    /// <summary>
    /// The boot decisions as transcripts: which package each boot runs, and the state record bytes it leaves
    /// ('S', status 1 trial / 2 good / 3 bad, trial boots, check = status ^ boots ^ 0x5A).
    /// </summary>
    [TestClass]
    public class BootManagerTests
    {
        private static byte[] Package(string version, int seed)
        {
            return PackageBytes.Build(version, new string[] { "Product.pe" }, new byte[][] { PackageBytes.Bytes(600, seed) });
        }

        private static MemoryPackageStorage GoodOneAndTrialTwo()
        {
            MemoryPackageStorage storage = new MemoryPackageStorage();
            storage.Add(1, Package("1.0.0", 1));
            storage.WriteState(1, new byte[] { 0x53, 0x02, 0x00, 0x58 }, 4);
            storage.Add(2, Package("2.0.0", 2));
            storage.WriteState(2, new byte[] { 0x53, 0x01, 0x00, 0x5B }, 4);
            return storage;
        }

        private static void AssertState(MemoryPackageStorage storage, int sequence, byte[] expected, string when)
        {
            byte[] state = storage.State(sequence);
            Assert.IsNotNull(state, when + ": no state for " + sequence);
            Bytes.AssertEqual(expected, state, 0, state.Length, when + ", package " + sequence);
        }

        [TestMethod]
        public void StateRecordBytes()
        {
            byte[] record = new byte[4];
            PackageState.Write(record, PackageState.Trial, 2);
            Bytes.AssertEqual(new byte[] { 0x53, 0x01, 0x02, 0x59 }, record, 0, 4, "trial, 2 boots");
            PackageState.Write(record, PackageState.Good, 0);
            Bytes.AssertEqual(new byte[] { 0x53, 0x02, 0x00, 0x58 }, record, 0, 4, "good");
            PackageState.Write(record, PackageState.Bad, 0);
            Bytes.AssertEqual(new byte[] { 0x53, 0x03, 0x00, 0x59 }, record, 0, 4, "bad");
            Assert.AreEqual((int)PackageState.Trial, (int)PackageState.Status(record, 0), "no record: a trial not yet booted");
            Assert.AreEqual((int)PackageState.Bad, (int)PackageState.Status(new byte[] { 0x53, 0x02, 0x00, 0x59 }, 4), "check byte wrong");
            Assert.AreEqual((int)PackageState.Bad, (int)PackageState.Status(new byte[] { 0x53, 0x02, 0x00 }, 3), "torn record");
            Assert.AreEqual((int)PackageState.Bad, (int)PackageState.Status(new byte[] { 0x53, 0x07, 0x00, 0x5D }, 4), "unknown status");
        }

        [TestMethod]
        public void TrialIsCountedBeforeItRunsThenConfirmed()
        {
            MemoryPackageStorage storage = GoodOneAndTrialTwo();
            BootManager boot = new BootManager(storage, new PackageReader(), 2);
            Assert.AreEqual(2, boot.Choose());
            Assert.IsTrue(boot.OnTrial);
            Assert.AreEqual("2.0.0", boot.ChosenVersion);
            Assert.AreEqual("1.0.0", boot.KnownGoodVersion, "reported until 2.0.0 proves healthy");
            AssertState(storage, 2, new byte[] { 0x53, 0x01, 0x01, 0x5A }, "first trial boot counted");
            boot.Confirm(2);
            AssertState(storage, 2, new byte[] { 0x53, 0x02, 0x00, 0x58 }, "confirmed");
            Assert.IsFalse(storage.Has(1), "the previous package is deleted once the new one is good");
            Assert.AreEqual("2.0.0", boot.KnownGoodVersion);
            Assert.AreEqual(2, new BootManager(storage, new PackageReader(), 2).Choose(), "next boot");
        }

        [TestMethod]
        public void TrialThatNeverConfirmsIsMarkedBadAndThePreviousRuns()
        {
            MemoryPackageStorage storage = GoodOneAndTrialTwo();
            BootManager boot = new BootManager(storage, new PackageReader(), 2);
            Assert.AreEqual(2, boot.Choose(), "boot 1");
            AssertState(storage, 2, new byte[] { 0x53, 0x01, 0x01, 0x5A }, "boot 1");
            Assert.AreEqual(2, boot.Choose(), "boot 2: one retry (a power cut is not the package's fault)");
            AssertState(storage, 2, new byte[] { 0x53, 0x01, 0x02, 0x59 }, "boot 2");
            Assert.AreEqual(1, boot.Choose(), "boot 3: rolled back");
            Assert.IsFalse(boot.OnTrial);
            Assert.AreEqual("1.0.0", boot.ChosenVersion);
            AssertState(storage, 2, new byte[] { 0x53, 0x03, 0x00, 0x59 }, "boot 3: marked bad");
            AssertState(storage, 1, new byte[] { 0x53, 0x02, 0x00, 0x58 }, "boot 3: the good one untouched");
            Assert.AreEqual(1, boot.Choose(), "boot 4: the bad one is never run again");
        }

        [TestMethod]
        public void PackageMarkedBadByTheLoaderIsSkipped()
        {
            MemoryPackageStorage storage = GoodOneAndTrialTwo();
            BootManager boot = new BootManager(storage, new PackageReader(), 3);
            Assert.AreEqual(2, boot.Choose());
            boot.MarkBad(2); // the CLR refused a .pe, the entry threw, or it was not healthy in time
            AssertState(storage, 2, new byte[] { 0x53, 0x03, 0x00, 0x59 }, "marked bad");
            Assert.AreEqual(1, boot.Choose());
            AssertState(storage, 1, new byte[] { 0x53, 0x02, 0x00, 0x58 }, "good one untouched");
        }

        [TestMethod]
        public void CorruptedPackageIsMarkedBadWithoutBeingCounted()
        {
            MemoryPackageStorage storage = GoodOneAndTrialTwo();
            byte[] corrupted = Package("2.0.0", 2);
            corrupted[corrupted.Length - 10] ^= 0x04;
            storage.Add(2, corrupted);
            storage.WriteState(2, new byte[] { 0x53, 0x01, 0x00, 0x5B }, 4);
            BootManager boot = new BootManager(storage, new PackageReader(), 2);
            Assert.AreEqual(1, boot.Choose());
            Assert.AreEqual((int)PackageCheck.FileChecksum, (int)boot.LastRefusal);
            AssertState(storage, 2, new byte[] { 0x53, 0x03, 0x00, 0x59 }, "refused before loading");
        }

        [TestMethod]
        public void GoodPackageThatRotsFallsBackToNothing()
        {
            MemoryPackageStorage storage = new MemoryPackageStorage();
            byte[] package = Package("1.0.0", 1);
            storage.Add(1, package);
            storage.WriteState(1, new byte[] { 0x53, 0x02, 0x00, 0x58 }, 4);
            BootManager boot = new BootManager(storage, new PackageReader(), 2);
            Assert.AreEqual(1, boot.Choose());
            package[package.Length - 1] ^= 0x01;
            Assert.AreEqual(0, boot.Choose(), "no package: the factory application runs");
            Assert.IsNull(boot.KnownGoodVersion);
            AssertState(storage, 1, new byte[] { 0x53, 0x03, 0x00, 0x59 }, "rotted");
        }

        [TestMethod]
        public void NewestTrialRunsSupersededTrialsGoAndADamagedRecordIsBad()
        {
            MemoryPackageStorage storage = GoodOneAndTrialTwo();
            storage.Add(3, Package("3.0.0", 3)); // committed, no record yet (power cut after the rename)
            storage.Add(4, Package("4.0.0", 4));
            storage.WriteState(4, new byte[] { 0x53, 0x01, 0x00 }, 3);
            BootManager boot = new BootManager(storage, new PackageReader(), 1);
            Assert.AreEqual(3, boot.Choose());
            Assert.IsTrue(boot.OnTrial);
            AssertState(storage, 3, new byte[] { 0x53, 0x01, 0x01, 0x5A }, "3 counted");
            Assert.AreEqual("1.0.0", boot.KnownGoodVersion);
            Assert.IsFalse(storage.Has(2), "2 was superseded by 3 before it ever ran: deleted");
            Bytes.AssertEqual(new byte[] { 0x53, 0x01, 0x00 }, storage.State(4), 0, 3, "a damaged record is left as it is, and never run");
            Assert.AreEqual(1, boot.Choose(), "one trial boot only: 3 is marked bad, 1 runs");
            AssertState(storage, 3, new byte[] { 0x53, 0x03, 0x00, 0x59 }, "3 bad");
        }
    }
}
