using System;
using nanoFramework.TestFramework;
using TcAtMcu.Ota;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Ota
{
    /// <summary>The image read from the module's cache into a sink: committed only when size and MD5 match.</summary>
    [TestClass]
    public class OtaUpdaterTests
    {
        private const int Size = 10000;

        private static byte[] Image(int seed)
        {
            byte[] image = new byte[Size];
            new Random(seed).NextBytes(image);
            return image;
        }

        private static string Md5Of(byte[] data)
        {
            Md5 md5 = new Md5();
            byte[] digest = new byte[16];
            md5.Update(data, 0, data.Length);
            md5.Final(digest, 0);
            return Bytes.Hex(digest, 0, 16);
        }

        private static void ScriptInfo(ModuleHarness h, string md5)
        {
            h.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"2.0.0\"," + Size + ",\"" + md5 + "\",716800\r\n");
        }

        private static void ScriptChunk(ModuleHarness h, byte[] image, int offset, int asked, int given)
        {
            h.Wire.On("AT+TCREADFWDATA=" + asked + "\r\n",
                Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:" + given + ","), Bytes.Slice(image, offset, given), Bytes.Of("\r\n")));
        }

        private static void ScriptWholeImage(ModuleHarness h, byte[] image)
        {
            ScriptInfo(h, Md5Of(image));
            ScriptChunk(h, image, 0, 4096, 4096);
            ScriptChunk(h, image, 4096, 4096, 4096);
            ScriptChunk(h, image, 8192, 1808, 1808);
        }

        [TestMethod]
        public void EachChunkIsHashedAndStoredWhileTheNextIsRead()
        {
            ModuleHarness h = new ModuleHarness(14);
            byte[] image = Image(14);
            ScriptWholeImage(h, image);
            OverlapSink sink = new OverlapSink(h.Wire);
            Assert.AreEqual((int)OtaOutcome.Installed, (int)new OtaUpdater(h.Module, sink, 4096).Run());
            Assert.AreEqual(2, sink.Overlapped, "chunks 1 and 2 were still being stored when the next one was asked for");
            Assert.AreEqual(3, sink.Writes);
            Assert.IsTrue(sink.Committed);
        }

        /// <summary>Each write waits (at most 300 ms) for the next chunk to be read, and counts when it was: with the
        /// store in the reading thread it never is.</summary>
        private sealed class OverlapSink : IFirmwareSink
        {
            private readonly ScriptedModule _wire;

            public OverlapSink(ScriptedModule wire)
            {
                _wire = wire;
            }

            public int Overlapped;
            public int Writes;
            public bool Committed;

            public int Capacity { get { return 716800; } }

            public int Begin(string version, int size, string md5)
            {
                return 0;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                // Steps: AT+TCFWINFO?, then one per chunk. Chunk k's write waits for the read of chunk k + 1 (step k + 2).
                Writes++;
                int next = Writes + 2;
                for (int i = 0; i < 30 && _wire.StepsDone < next; i++)
                {
                    System.Threading.Thread.Sleep(10);
                }
                if (_wire.StepsDone >= next)
                {
                    Overlapped++;
                }
            }

            public void Commit()
            {
                Committed = true;
            }

            public void Abort()
            {
            }
        }

        [TestMethod]
        public void VerifiedImageIsCommitted()
        {
            ModuleHarness h = new ModuleHarness(1);
            byte[] image = Image(1);
            ScriptWholeImage(h, image);
            MemorySink sink = new MemorySink(716800);
            OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
            Assert.AreEqual((int)OtaOutcome.Installed, (int)updater.Run());
            Assert.IsTrue(sink.Committed);
            Assert.IsFalse(sink.Aborted);
            Assert.AreEqual("2.0.0", sink.Version);
            Bytes.AssertEqual(image, 0, sink.Data, 0, Size, "the committed image");
            h.AssertDone("read in three chunks with the last one short");
        }

        [TestMethod]
        public void Md5MismatchIsNeverCommitted()
        {
            ModuleHarness h = new ModuleHarness(2);
            byte[] image = Image(2);
            ScriptInfo(h, Md5Of(image));
            byte[] corrupted = Image(2);
            corrupted[5000] ^= 0x01;
            ScriptChunk(h, corrupted, 0, 4096, 4096);
            ScriptChunk(h, corrupted, 4096, 4096, 4096);
            ScriptChunk(h, corrupted, 8192, 1808, 1808);
            MemorySink sink = new MemorySink(716800);
            Assert.AreEqual((int)OtaOutcome.Md5Mismatch, (int)new OtaUpdater(h.Module, sink, 4096).Run());
            Assert.IsFalse(sink.Committed);
            Assert.IsTrue(sink.Aborted);
        }

        [TestMethod]
        public void ModuleRebootMidReadFailsCleanlyAndTheNextRunStartsOver()
        {
            ModuleHarness h = new ModuleHarness(3);
            byte[] image = Image(3);
            ScriptInfo(h, Md5Of(image));
            ScriptChunk(h, image, 0, 4096, 4096);
            h.Wire.On("AT+TCREADFWDATA=4096\r\n", "+CME ERROR:208\r\n");
            ScriptWholeImage(h, image);
            MemorySink sink = new MemorySink(716800);
            OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
            Assert.AreEqual((int)OtaOutcome.ReadFailed, (int)updater.Run());
            Assert.AreEqual(208, updater.LastResult.Code);
            Assert.IsTrue(sink.Aborted);
            Assert.IsFalse(sink.Committed);
            Assert.AreEqual((int)OtaOutcome.Installed, (int)updater.Run());
            Assert.IsTrue(sink.Committed);
            h.AssertDone("FWINFO again rewinds; the whole image is read again");
        }

        [TestMethod]
        public void SilentModuleMidReadTimesOut()
        {
            ModuleHarness h = new ModuleHarness(4);
            h.Module.FirmwareReadTimeoutMs = 50;
            byte[] image = Image(4);
            ScriptInfo(h, Md5Of(image));
            ScriptChunk(h, image, 0, 4096, 4096);
            h.Wire.On("AT+TCREADFWDATA=4096\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4096,"), Bytes.Slice(image, 4096, 100)));
            MemorySink sink = new MemorySink(716800);
            OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
            Assert.AreEqual((int)OtaOutcome.ReadFailed, (int)updater.Run());
            Assert.AreEqual((int)TcAtMcu.Engine.AtStatus.Timeout, (int)updater.LastResult.Status);
            Assert.IsTrue(sink.Aborted);
        }

        [TestMethod]
        public void ImageEndingEarlyIsShort()
        {
            ModuleHarness h = new ModuleHarness(5);
            byte[] image = Image(5);
            ScriptInfo(h, Md5Of(image));
            ScriptChunk(h, image, 0, 4096, 4096);
            ScriptChunk(h, image, 4096, 4096, 1000);
            MemorySink sink = new MemorySink(716800);
            Assert.AreEqual((int)OtaOutcome.ShortImage, (int)new OtaUpdater(h.Module, sink, 4096).Run());
            Assert.IsTrue(sink.Aborted);
        }

        [TestMethod]
        public void ImageLargerThanTheSinkIsNotRead()
        {
            ModuleHarness h = new ModuleHarness(6);
            ScriptInfo(h, "93412d9ab8f3039caed9667a1d151e86");
            MemorySink sink = new MemorySink(Size - 1);
            Assert.AreEqual((int)OtaOutcome.BadImageInfo, (int)new OtaUpdater(h.Module, sink, 4096).Run());
            h.AssertDone("no chunk asked for");
        }

        [TestMethod]
        public void NoImageOnTheModule()
        {
            ModuleHarness h = new ModuleHarness(7);
            h.Wire.On("AT+TCFWINFO?\r\n", "+CME ERROR:208\r\n");
            MemorySink sink = new MemorySink(716800);
            OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
            Assert.AreEqual((int)OtaOutcome.NoImage, (int)updater.Run());
            Assert.AreEqual(208, updater.LastResult.Code);
        }

        [TestMethod]
        public void ResumedImageIsHashedWholeButOnlyItsMissingPartWritten()
        {
            ModuleHarness h = new ModuleHarness(8);
            byte[] image = Image(8);
            ScriptWholeImage(h, image);
            MemorySink sink = new MemorySink(716800);
            Array.Copy(image, 0, sink.Data, 0, 5000);
            sink.Held = 5000;
            OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
            Assert.AreEqual((int)OtaOutcome.Installed, (int)updater.Run());
            Assert.AreEqual(5000, updater.ResumedBytes);
            Assert.AreEqual(Size - 5000, sink.BytesWritten);
            Bytes.AssertEqual(image, 0, sink.Data, 0, Size, "the committed image");
        }

        [TestMethod]
        public void ByteSpoiledInTheInterruptedTransferIsRewrittenOnResume()
        {
            ModuleHarness h = new ModuleHarness(10);
            byte[] image = Image(10);
            ScriptWholeImage(h, image);
            MemorySink sink = new MemorySink(716800);
            Array.Copy(image, 0, sink.Data, 0, 5000);
            sink.Data[1234] ^= 0x40;
            sink.Held = 5000;
            Assert.AreEqual((int)OtaOutcome.Installed, (int)new OtaUpdater(h.Module, sink, 4096).Run());
            Assert.AreEqual(Size - 5000 + 1, sink.BytesWritten);
            Bytes.AssertEqual(image, 0, sink.Data, 0, Size, "the committed image is the module's");
        }

        /// <summary>A store that fills up: its second write throws as a full flash file system does.</summary>
        private sealed class FullSink : IFirmwareSink
        {
            private int _writes;

            public bool Aborted;
            public bool Committed;

            public int Capacity { get { return 716800; } }

            public int Begin(string version, int size, string md5)
            {
                return 0;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                if (++_writes == 2)
                {
                    throw new System.IO.IOException("flash full");
                }
            }

            public void Commit()
            {
                Committed = true;
            }

            public void Abort()
            {
                Aborted = true;
            }
        }

        [TestMethod]
        public void FlashFullIsReportedToTheCloudNotThrown()
        {
            ModuleHarness h = new ModuleHarness(12).Connected();
            byte[] image = Image(12);
            ScriptInfo(h, Md5Of(image));
            ScriptChunk(h, image, 0, 4096, 4096);
            ScriptChunk(h, image, 4096, 4096, 4096);
            // Chunk 2 is stored while chunk 3 is read: its failure is seen once chunk 3 arrived.
            ScriptChunk(h, image, 8192, 1808, 1808);
            // report_progress "fail" as the module sends its own, on the device's $ota/report topic (escaped for AT+TCMQTTPUB).
            h.Wire.On("AT+TCMQTTPUB=\"$ota/report/PID0000001/dev01\",1,\"{\\\"type\\\":\\\"report_progress\\\"\\,\\\"report\\\":{\\\"progress\\\":{"
                + "\\\"state\\\":\\\"fail\\\"\\,\\\"percent\\\":\\\"0\\\"\\,\\\"result_code\\\":\\\"-5\\\"\\,\\\"result_msg\\\":\\\"flash full\\\"}"
                + "\\,\\\"version\\\":\\\"2.0.0\\\"}}\"\r\n", "OK\r\n+TCMQTTPUB:OK\r\n");
            FullSink sink = new FullSink();
            OtaUpdater updater = new OtaUpdater(h.Module, sink, 4096);
            updater.ReportTopic = "$ota/report/PID0000001/dev01";
            Assert.AreEqual((int)OtaOutcome.StoreFailed, (int)updater.Run());
            Assert.AreEqual("flash full", updater.FailureMessage);
            Assert.IsTrue(sink.Aborted);
            Assert.IsFalse(sink.Committed);
            h.AssertDone("two chunks read, the failure published, nothing more");
        }

        [TestMethod]
        public void StoreFailureWithoutAReportTopicSendsNothing()
        {
            ModuleHarness h = new ModuleHarness(13).Connected();
            byte[] image = Image(13);
            ScriptInfo(h, Md5Of(image));
            ScriptChunk(h, image, 0, 4096, 4096);
            ScriptChunk(h, image, 4096, 4096, 4096);
            ScriptChunk(h, image, 8192, 1808, 1808); // read while chunk 2 is stored (and fails)
            FullSink sink = new FullSink();
            Assert.AreEqual((int)OtaOutcome.StoreFailed, (int)new OtaUpdater(h.Module, sink, 4096).Run());
            h.AssertDone("no publish");
        }

        [TestMethod]
        public void ChunkSizeIsBounded()
        {
            ModuleHarness h = new ModuleHarness(9);
            MemorySink sink = new MemorySink(10);
            Assert.ThrowsException(typeof(ArgumentException), () => new OtaUpdater(h.Module, sink, 4097));
            Assert.ThrowsException(typeof(ArgumentException), () => new OtaUpdater(h.Module, sink, 0));
        }
    }
}
