using nanoFramework.TestFramework;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Ota
{
    /// <summary>
    /// Issue 19, defect 5: every field of +TCFWINFO is checked before a byte of the image is read. The line is the
    /// module's (or an attacker's on the UART), cut at random boundaries (seeds); an invalid one ends the run as
    /// BadImageInfo with nothing but AT+TCFWINFO? sent and the sink never begun.
    /// </summary>
    [TestClass]
    public class ImageInfoTests
    {
        private const string Md5 = "93412d9ab8f3039caed9667a1d151e86";

        private static byte[] Line(string fields)
        {
            return Bytes.Of("OK\r\n+TCFWINFO:" + fields + "\r\n");
        }

        private static readonly string[] Invalid =
        {
            "\"1.2.0\",700,\"zz" + Md5.Substring(2) + "\",716800",  // not hex
            "\"1.2.0\",700,\"" + Md5.Substring(1) + "\",716800",    // 31 digits
            "\"1.2.0\",700,\"" + Md5 + "0\",716800",                // 33 digits
            "\"1.2.0\",700,\"" + Md5.Substring(0, 16) + " " + Md5.Substring(17) + "\",716800",
            "\"1.2.0\",700,\"\",716800",
            "\"1.2.0\",700,,716800",
            "\"1.2.0\",-700,\"" + Md5 + "\",716800",                // signed size
            "\"1.2.0\",+700,\"" + Md5 + "\",716800",
            "\"1.2.0\",0,\"" + Md5 + "\",716800",                   // nothing to read
            "\"1.2.0\",7e2,\"" + Md5 + "\",716800",
            "\"1.2.0\",700 ,\"" + Md5 + "\",716800",
            "\"1.2.0\",99999999999,\"" + Md5 + "\",716800",         // over int
            "\"1.2.0\",716801,\"" + Md5 + "\",716800",              // larger than the module holds
            "\"1.2.0\",700,\"" + Md5 + "\"",                        // no max size
            "\"1.2.0\",700,\"" + Md5 + "\",716800,1",               // a fifth field
            "\"1.2.0\",700,\"" + Md5 + "\",-1",
            "\"\",700,\"" + Md5 + "\",716800",                      // no version
            "\"012345678901234567890123456789012\",700,\"" + Md5 + "\",716800", // 33 bytes
            "\"1.2 beta\",700,\"" + Md5 + "\",716800",
            "\"1.2\"0\",700,\"" + Md5 + "\",716800",
        };

        private static void AssertRefusedBeforeReading(byte[] reply, string context)
        {
            for (int seed = 1; seed <= 6; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed);
                h.Wire.On(Bytes.Of("AT+TCFWINFO?\r\n"), reply);
                MemorySink sink = new MemorySink(716800);
                OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
                Assert.AreEqual((int)OtaOutcome.BadImageInfo, (int)updater.Run(), context + ", seed " + seed);
                Assert.AreEqual(0, updater.BytesRead, context);
                Assert.IsFalse(sink.Committed, context);
                h.AssertDone(context + ": nothing but AT+TCFWINFO? sent, seed " + seed);
            }
        }

        [TestMethod]
        public void AnInvalidFieldIsBadImageInfoBeforeAByteIsRead()
        {
            for (int i = 0; i < Invalid.Length; i++)
            {
                AssertRefusedBeforeReading(Line(Invalid[i]), "case " + i + ": " + Invalid[i]);
            }
        }

        [TestMethod]
        public void AnMd5DigitThatIsNotAsciiIsNotTakenForTheDigitItEndsIn()
        {
            // The real MD5 with its first digit replaced by U+0100 + that digit (U+0139, bytes C4 B9): a cast to
            // byte would read it as '9' and install the image.
            byte[] reply = Bytes.Join(Bytes.Of("OK\r\n+TCFWINFO:\"1.2.0\",700,\""), new byte[] { 0xC4, 0xB9 },
                Bytes.Of(Md5.Substring(1) + "\",716800\r\n"));
            AssertRefusedBeforeReading(reply, "U+0139 for 9");
            byte[] digest = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                digest[i] = (byte)((TcAtMcu.Text.Ascii.HexValue((byte)Md5[2 * i]) << 4) | TcAtMcu.Text.Ascii.HexValue((byte)Md5[2 * i + 1]));
            }
            Assert.IsTrue(TcAtMcu.Ota.Md5.Matches(digest, 0, Md5));
            Assert.IsTrue(TcAtMcu.Ota.Md5.Matches(digest, 0, Md5.ToUpper()));
            Assert.IsFalse(TcAtMcu.Ota.Md5.Matches(digest, 0, "\u0139" + Md5.Substring(1)), "Matches compares characters");
        }

        [TestMethod]
        public void AValidLineIsReadWithItsFields()
        {
            for (int seed = 1; seed <= 6; seed++)
            {
                ModuleHarness h = new ModuleHarness(seed);
                h.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"v2_0.1-rc\",716800,\"" + Md5.ToUpper() + "\",716800\r\n");
                FirmwareInfo info = new FirmwareInfo();
                ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadFirmwareInfo(info), "seed " + seed);
                Assert.AreEqual("v2_0.1-rc", info.Version);
                Assert.AreEqual(716800, info.Size);
                Assert.AreEqual(Md5.ToUpper(), info.Md5);
                Assert.AreEqual(716800, info.MaxSize);
            }
        }
    }
}
