using System;
using System.IO;
using System.Linq;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The package store on a file system (the same code as on a board's I:\ or SD card): an image written as it
    /// arrives into incoming.part, committed by renaming only when it is a valid package, resumed by comparing.
    /// </summary>
    public class PackageFileSinkTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tcatmcu-sink-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_dir))
            {
                Directory.Delete(_dir, true);
            }
        }

        private static byte[] Package(string version, int seed) =>
            PackageBytes.Build(version, new[] { "Product.pe" }, new[] { PackageBytes.Bytes(9000, seed) });

        private static void Feed(IFirmwareSink sink, byte[] image, int from, int to, int chunk)
        {
            for (int at = from; at < to; at += chunk)
            {
                sink.Write(image, at, Math.Min(chunk, to - at));
            }
        }

        [Fact]
        public void ValidPackageIsCommittedOnTrialUnderTheNextSequence()
        {
            FilePackageStorage storage = new FilePackageStorage(_dir);
            PackageFileSink sink = new PackageFileSink(storage, 100000);
            byte[] package = Package("2.0.0", 1);
            Assert.Equal(0, sink.Begin("2.0.0", package.Length, "md5-a"));
            Feed(sink, package, 0, package.Length, 1000);
            Assert.False(File.Exists(storage.PackagePath(1)), "nothing named a package before the commit");
            sink.Commit();
            Assert.Equal(1, sink.Committed);
            Assert.Equal(package, File.ReadAllBytes(storage.PackagePath(1)));
            Assert.Equal(new byte[] { 0x53, 0x01, 0x00, 0x5B }, File.ReadAllBytes(Path.Combine(_dir, "pkg-1.st")));
            Assert.Equal(new[] { "pkg-1.st", "pkg-1.tcp" }, Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n));

            byte[] next = Package("3.0.0", 2);
            sink.Begin("3.0.0", next.Length, "md5-b");
            Feed(sink, next, 0, next.Length, 4096);
            sink.Commit();
            Assert.Equal(2, sink.Committed);
            Assert.Equal(new[] { 1, 2 }, storage.List().OrderBy(s => s));
        }

        [Fact]
        public void InvalidPackageIsRefusedAtCommitAndLeavesTheStoreAsItWas()
        {
            FilePackageStorage storage = new FilePackageStorage(_dir);
            PackageFileSink sink = new PackageFileSink(storage, 100000);
            byte[] good = Package("2.0.0", 3);
            sink.Begin("2.0.0", good.Length, "md5-a");
            Feed(sink, good, 0, good.Length, 4096);
            sink.Commit();

            byte[] bad = Package("3.0.0", 4);
            bad[bad.Length - 1] ^= 0x01;
            sink.Begin("3.0.0", bad.Length, "md5-b");
            Feed(sink, bad, 0, bad.Length, 4096);
            IOException refused = Assert.Throws<IOException>(sink.Commit);
            Assert.Equal("package refused: file checksum", refused.Message);
            Assert.Equal(new[] { "pkg-1.st", "pkg-1.tcp" }, Directory.GetFiles(_dir).Select(Path.GetFileName).OrderBy(n => n));
            Assert.Equal(good, File.ReadAllBytes(storage.PackagePath(1)));
        }

        [Fact]
        public void InterruptedTransferOfTheSameImageIsResumedAndOnlyDifferencesRewritten()
        {
            FilePackageStorage storage = new FilePackageStorage(_dir);
            byte[] package = Package("2.0.0", 5);
            PackageFileSink sink = new PackageFileSink(storage, 100000);
            sink.Begin("2.0.0", package.Length, "md5-a");
            byte[] spoiled = (byte[])package.Clone();
            spoiled[100] ^= 0x10; // a byte spoiled on the UART in the first transfer
            Feed(sink, spoiled, 0, 5000, 1000);
            sink.Abort(); // the module rebooted

            PackageFileSink resumed = new PackageFileSink(storage, 100000);
            Assert.Equal(5000, resumed.Begin("2.0.0", package.Length, "md5-a"));
            Feed(resumed, package, 0, package.Length, 4096);
            resumed.Commit();
            Assert.Equal(package, File.ReadAllBytes(storage.PackagePath(1)));

            PackageFileSink other = new PackageFileSink(storage, 100000);
            other.Begin("3.0.0", 100, "md5-b");
            other.Write(package, 0, 50);
            other.Abort();
            Assert.Equal(0, new PackageFileSink(storage, 100000).Begin("4.0.0", 100, "md5-c"));
        }
    }
}
