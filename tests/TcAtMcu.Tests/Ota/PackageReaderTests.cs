using nanoFramework.TestFramework;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Ota
{
    /// <summary>The package format, byte for byte: what is valid, and every way a package is refused.</summary>
    [TestClass]
    public class PackageReaderTests
    {
        // Version "1.2", one file "A.pe" of bytes 01 02 03: the whole package, 56 bytes.
        private static byte[] Smallest()
        {
            return new byte[]
            {
                0x54, 0x43, 0x50, 0x4B, 0x01, 0x01, 0x35, 0x00, 0x03, 0x31, 0x2E, 0x32, 0x04, 0x41, 0x2E, 0x70, 0x65, 0x03, 0x00, 0x00, 0x00,
                0x52, 0x89, 0xDF, 0x73, 0x7D, 0xF5, 0x73, 0x26, 0xFC, 0xDD, 0x22, 0x59, 0x7A, 0xFB, 0x1F, 0xAC,
                0xDB, 0x38, 0xAA, 0x56, 0x5A, 0xCA, 0xFA, 0x00, 0xB9, 0xFD, 0xC1, 0x2D, 0xED, 0xF5, 0x9A, 0xF6,
                0x01, 0x02, 0x03,
            };
        }

        private static PackageCheck Check(byte[] package)
        {
            return Check(package, package.Length);
        }

        private static PackageCheck Check(byte[] package, int length)
        {
            return new PackageReader().Check(new ArrayByteSource(package, 0, length));
        }

        private static byte[] TwoFiles()
        {
            return PackageBytes.Build("2.0.0", new string[] { "Product.pe", "Product.Extra.pe" },
                new byte[][] { PackageBytes.Bytes(1500, 1), PackageBytes.Bytes(700, 2) });
        }

        [TestMethod]
        public void SmallestPackageIsReadFieldByField()
        {
            byte[] package = Smallest();
            PackageReader reader = new PackageReader();
            ArrayByteSource source = new ArrayByteSource(package, 0, package.Length);
            Assert.AreEqual((int)PackageCheck.Valid, (int)reader.Check(source));
            Assert.AreEqual("1.2", reader.Version);
            Assert.AreEqual(1, reader.FileCount);
            Assert.AreEqual("A.pe", reader.FileName(0));
            Assert.AreEqual(53, reader.FileOffset(0));
            Assert.AreEqual(3, reader.FileLength(0));
            Bytes.AssertEqual(new byte[] { 0x01, 0x02, 0x03 }, reader.ReadFile(source, 0), 0, 3, "file A.pe");
        }

        [TestMethod]
        public void TheTestBuilderWritesTheSameBytes()
        {
            byte[] built = PackageBytes.Build("1.2", new string[] { "A.pe" }, new byte[][] { new byte[] { 0x01, 0x02, 0x03 } });
            Bytes.AssertEqual(Smallest(), built, 0, built.Length, "package");
        }

        [TestMethod]
        public void TwoFilesAreLaidOutInOrder()
        {
            byte[] package = TwoFiles();
            PackageReader reader = new PackageReader();
            Assert.AreEqual((int)PackageCheck.Valid, (int)reader.Check(new ArrayByteSource(package, 0, package.Length)));
            int header = package[6] | (package[7] << 8);
            Assert.AreEqual(header, reader.FileOffset(0));
            Assert.AreEqual(header + 1500, reader.FileOffset(1));
            Assert.AreEqual(header + 2200, package.Length);
            Assert.AreEqual("Product.Extra.pe", reader.FileName(1));
        }

        [TestMethod]
        public void EveryTruncationIsRefused()
        {
            byte[] package = TwoFiles();
            for (int length = 0; length < package.Length; length += length < 100 ? 1 : 97)
            {
                Assert.AreEqual((int)PackageCheck.Truncated, (int)Check(package, length), "cut at " + length);
            }
            Assert.AreEqual((int)PackageCheck.Truncated, (int)Check(package, package.Length - 1), "last byte missing");
        }

        [TestMethod]
        public void ABytePastTheLastFileIsRefused()
        {
            byte[] package = Smallest();
            byte[] longer = new byte[package.Length + 1];
            System.Array.Copy(package, longer, package.Length);
            Assert.AreEqual((int)PackageCheck.SizeMismatch, (int)Check(longer));
        }

        [TestMethod]
        public void AFlippedBitInAFileFailsItsMd5()
        {
            byte[] package = TwoFiles();
            package[package.Length - 1] ^= 0x80;
            Assert.AreEqual((int)PackageCheck.FileChecksum, (int)Check(package));
            package = Smallest();
            package[53] = 0x00;
            Assert.AreEqual((int)PackageCheck.FileChecksum, (int)Check(package));
        }

        [TestMethod]
        public void AFlippedBitInTheHeaderFailsItsChecksum()
        {
            byte[] package = Smallest();
            for (int i = 9; i < 53; i++)
            {
                byte[] changed = Smallest();
                changed[i] ^= 0x01;
                PackageCheck check = Check(changed);
                Assert.IsTrue(check != PackageCheck.Valid, "bit flipped at " + i + " accepted");
            }
            package[10] = (byte)'9';
            Assert.AreEqual((int)PackageCheck.HeaderChecksum, (int)Check(package), "version changed, checksum not");
        }

        [TestMethod]
        public void MagicAndFormatAreChecked()
        {
            byte[] package = Smallest();
            package[0] = (byte)'X';
            Assert.AreEqual((int)PackageCheck.BadMagic, (int)Check(package));
            Assert.AreEqual((int)PackageCheck.BadMagic, (int)Check(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }), "a PE/COFF file");
            package = Smallest();
            package[4] = 2;
            Assert.AreEqual((int)PackageCheck.UnsupportedFormat, (int)Check(package));
        }

        [TestMethod]
        public void CountsAndLengthsOutOfBoundsAreMalformed()
        {
            byte[] package = Smallest();
            package[5] = 0;
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "no file");
            package = Smallest();
            package[5] = 17;
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "17 files");
            package = Smallest();
            package[8] = 0;
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "empty version");
            package = Smallest();
            package[8] = 33;
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "version of 33");
            package = Smallest();
            package[6] = 0x01;
            package[7] = 0x06;
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "header of 1537");
            package = Smallest();
            package[6] = 0x20;
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "header shorter than its fields");
        }

        [TestMethod]
        public void FieldsThatPassTheChecksumAreStillBounded()
        {
            byte[] package = Smallest();
            package[12] = 0;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "empty name");
            package = Smallest();
            package[12] = 30;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "name overruns the header");
            package = Smallest();
            package[14] = (byte)'/';
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "a path in the name");
            package = Smallest();
            package[13] = (byte)'.';
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "a name starting with a dot");
            package = Smallest();
            package[10] = 0x00;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.MalformedHeader, (int)Check(package), "NUL in the version");
            package = Smallest();
            package[17] = 0;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.LengthOutOfBounds, (int)Check(package), "file of 0 bytes");
            package = Smallest();
            package[20] = 0x80;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.LengthOutOfBounds, (int)Check(package), "negative length");
            package = Smallest();
            package[19] = 0x10;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.LengthOutOfBounds, (int)Check(package), "file of 1 MB + 3");
            package = Smallest();
            package[17] = 4;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.Truncated, (int)Check(package), "file longer than the package");
            package = Smallest();
            package[17] = 2;
            PackageBytes.Reseal(package);
            Assert.AreEqual((int)PackageCheck.SizeMismatch, (int)Check(package), "file shorter than the package");
        }

        [TestMethod]
        public void ReadFileChecksTheBytesAgain()
        {
            byte[] package = Smallest();
            PackageReader reader = new PackageReader();
            ArrayByteSource source = new ArrayByteSource(package, 0, package.Length);
            Assert.AreEqual((int)PackageCheck.Valid, (int)reader.Check(source));
            package[54] = 0x7F; // flash changed between the check and the load
            Assert.IsNull(reader.ReadFile(source, 0));
        }
    }
}
