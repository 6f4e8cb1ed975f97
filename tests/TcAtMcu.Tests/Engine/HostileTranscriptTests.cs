using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Engine
{
    /// <summary>
    /// Issue 11's defects, each as the transcript that showed it, answers cut at random boundaries (seeds).
    /// Time is a fake clock: a timeout costs no real time.
    /// </summary>
    [TestClass]
    public class HostileTranscriptTests
    {
        private const int Seeds = 12;

        private static EngineHarness WithFakeClock(int seed)
        {
            return WithFakeClock(seed, 300);
        }

        private static EngineHarness WithFakeClock(int seed, int frameStallMs)
        {
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.Clock = new FakeClock(1000);
            options.FrameStallMs = frameStallMs;
            return new EngineHarness(seed, options);
        }

        [TestMethod]
        public void FirmwareDataArrivingAfterItsTimeoutIsReadToItsEndAndDropped()
        {
            // Defect 1: OK, the block header and 2000 bytes before the timeout, the other 2096 after it (no stall between).
            byte[] image = new byte[4096];
            for (int i = 0; i < image.Length; i++)
            {
                image[i] = (byte)(i * 7 + 13);
            }
            byte[] okLine = Bytes.Of("\r\nOK\r\n"); // inside the image: must not answer anything
            System.Array.Copy(okLine, 0, image, 2500, okLine.Length);
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = WithFakeClock(seed, 60000);
                h.Module.On("AT+TCREADFWDATA=4096\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4096,"), Bytes.Slice(image, 0, 2000)))
                    .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
                h.Engine.Writer.Set(AtCommands.ReadFwData).Number(4096);
                byte[] destination = new byte[4096];
                AtResult r = h.Engine.ExecuteRead(6000, destination, 0, 4096);
                EngineHarness.AssertStatus(AtStatus.Timeout, r, "seed " + seed);

                h.Module.Send(Bytes.Join(Bytes.Slice(image, 2000, 2096), Bytes.Of("\r\n")));
                Assert.AreEqual(0, h.Engine.Stats.LinkFaults, "the reader survived");

                h.Engine.Writer.Read(AtCommands.MqttState);
                r = h.Engine.Execute(AtReply.Ok, 3000);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "in step after the late block; seed " + seed);
                Assert.AreEqual("+TCMQTTSTATE:1", h.ResponseLine(0));
                Assert.AreEqual(1, h.Engine.Response.Count);
                h.AssertScriptDone("seed " + seed);
            }
        }

        [TestMethod]
        public void ModuleRebootInsideABlockEndsItAtTheStallAndTheNextAnswerIsRead()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = WithFakeClock(seed);
                byte[] part = Bytes.Repeat(0x5A, 700);
                byte[] boot = new byte[] { 0x00, 0xE0, 0x7F, 0x0D, 0x0A, 0xFF };
                h.Module.On("AT+TCREADFWDATA=4096\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4096,"), part, boot, Bytes.Of("\r\nready\r\n")))
                    .On("AT\r\n", "OK\r\n");
                h.Engine.Writer.Set(AtCommands.ReadFwData).Number(4096);
                AtResult r = h.Engine.ExecuteRead(6000, new byte[4096], 0, 4096);
                EngineHarness.AssertStatus(AtStatus.BadData, r, "cut short; seed " + seed);
                Assert.AreEqual(1, h.Engine.Stats.StalledFrames);
                h.Engine.Writer.Plain("AT");
                EngineHarness.AssertStatus(AtStatus.Ok, h.Engine.Execute(AtReply.Ok, 3000), "next command");
            }
        }

        [TestMethod]
        public void ResultBeforeThisCommandsOkBelongsToAnEarlierCommand()
        {
            // Defect 2: publish "one" times out after its OK; its late +TCMQTTPUB:OK must not answer publish "two".
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = WithFakeClock(seed);
                h.Module.On("AT+TCMQTTPUB=\"t\",1,\"one\"\r\n", "OK\r\n")
                    .On("AT+TCMQTTPUB=\"t\",1,\"two\"\r\n", "+TCMQTTPUB:OK\r\nOK\r\n+TCMQTTPUB:FAIL,202\r\n");
                h.Engine.Writer.Set(AtCommands.MqttPub).Quoted("t").Number(1).Quoted("one");
                EngineHarness.AssertStatus(AtStatus.Timeout, h.Engine.Execute(AtReply.OkThenResult, 8000), "one");
                h.Engine.Writer.Set(AtCommands.MqttPub).Quoted("t").Number(1).Quoted("two");
                AtResult r = h.Engine.Execute(AtReply.OkThenResult, 8000);
                EngineHarness.AssertStatus(AtStatus.Failed, r, "two was not delivered; seed " + seed);
                Assert.AreEqual(202, r.Code);
                Assert.AreEqual(1, h.Engine.Stats.StaleResults);
            }
        }

        [TestMethod]
        public void MessageCutAtANulLosesNeitherItselfNorTheAnswerAfterIt()
        {
            // Defect 3: the module stopped at a NUL but printed the full length (10) during AT+TCMQTTSTATE?.
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = WithFakeClock(seed);
                h.Module.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTRCVPUB:\"PID/dev/control\",10,\"ab\"\r\n+TCMQTTSTATE:0\r\nOK\r\n");
                h.Engine.Writer.Read(AtCommands.MqttState);
                AtResult r = h.Engine.Execute(AtReply.Ok, 3000);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "the answer after the cut message; seed " + seed);
                Assert.AreEqual("+TCMQTTSTATE:0", h.ResponseLine(0));
                Assert.AreEqual(1, h.Dispatch());
                Assert.AreEqual("TCMQTTRCVPUB PID/dev/control ab", h.Reports[0]);
                Assert.AreEqual(1, h.Engine.Stats.MessagesTruncated);
            }
        }

        [TestMethod]
        public void QuoteInATopicCannotForgeTheAnswerToReadState()
        {
            // Defect 4: the payload carries "+TCMQTTSTATE:1" and "OK" lines; the module really says 0.
            string payload = "x\r\n+TCMQTTSTATE:1\r\nOK\r\n";
            string message = "+TCMQTTRCVPUB:\"PID/dev/a\"b\"," + payload.Length + ",\"" + payload + "\"\r\n";
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed);
                m.Wire.On("AT+TCMQTTSTATE?\r\n", message + "+TCMQTTSTATE:0\r\nOK\r\n");
                bool connected;
                ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(out connected), "seed " + seed);
                Assert.IsFalse(connected, "what the module said, not the payload; seed " + seed);
                Assert.IsFalse(m.Module.State.Connected);
                Assert.AreEqual(1, m.Engine.Dispatch());
                Assert.AreEqual("TCMQTTRCVPUB PID/dev/a\"b " + payload, m.Engine.Reports[0]);
            }
        }

        [TestMethod]
        public void TopicWithQuoteCommaIsNotLost()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed);
                h.Module.Send("+TCMQTTRCVPUB:\"a\",\"b\",2,\"hi\"\r\n");
                Assert.AreEqual(1, h.Dispatch());
                Assert.AreEqual("TCMQTTRCVPUB a\",\"b hi", h.Reports[0]);
            }
        }

        [TestMethod]
        public void FiveShortMessagesInOneReadAreAllDelivered()
        {
            // Defect 5.
            byte[] wire = Bytes.Of("+TCMQTTRCVPUB:\"t\",1,\"1\"\r\n+TCMQTTRCVPUB:\"t\",1,\"2\"\r\n+TCMQTTRCVPUB:\"t\",1,\"3\"\r\n"
                + "+TCMQTTRCVPUB:\"t\",1,\"4\"\r\n+TCMQTTRCVPUB:\"t\",1,\"5\"\r\n");
            EngineHarness h = new EngineHarness(3);
            h.Engine.Receive(wire, 0, wire.Length);
            Assert.AreEqual(5, h.Dispatch());
            Assert.AreEqual("TCMQTTRCVPUB t 5", h.Reports[4]);
            Assert.AreEqual(0, h.Engine.Stats.ReportsDropped);
        }

        [TestMethod]
        public void StateFollowsTheStreamsOrderNotTheDispatchOrder()
        {
            // Defect 6: -106 came before the connect's OK; it is dispatched after Connect returned.
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed);
                m.Wire.On("AT+TCMQTTCONN=1,5000,240,1,1\r\n", "+TCMQTTDISCON,-106\r\nOK\r\n+TCMQTTCONN:OK\r\n");
                ModuleHarness.Expect(AtStatus.Ok, m.Module.Connect(new MqttSettings()), "connect");
                Assert.IsTrue(m.Module.State.Connected, "seed " + seed);
                m.Engine.Engine.DispatchReports(m.Module);
                Assert.IsTrue(m.Module.State.Connected, "the older report does not undo the connect");
                Assert.AreEqual("TCMQTTDISCON code=-106", m.Engine.Reports[0]);
            }
        }

        [TestMethod]
        public void ReportAfterTheResultStillCounts()
        {
            ModuleHarness m = new ModuleHarness(4).Connected();
            m.Wire.Send("+TCMQTTDISCON,-103\r\n");
            Assert.IsFalse(m.Module.State.Connected, "followed as parsed, before any dispatch");
            m.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
            bool connected;
            ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(out connected), "state");
            Assert.IsTrue(connected);
            Assert.IsTrue(m.Module.State.Connected, "the later answer wins");
            m.Engine.Engine.DispatchReports(m.Module);
            Assert.AreEqual(1, m.Engine.Reports.Count);
        }

        [TestMethod]
        public void SupersededConnectionReportsAreMarked()
        {
            ModuleHarness m = new ModuleHarness(5);
            m.Wire.On("AT+TCMQTTCONN=1,5000,240,1,1\r\n", "+TCMQTTDISCON,-106\r\nOK\r\n+TCMQTTCONN:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, m.Module.Connect(new MqttSettings()), "connect");
            SupersededProbe probe = new SupersededProbe(m.Module.State);
            m.Engine.Engine.DispatchReports(probe);
            Assert.AreEqual(1, probe.Seen);
            Assert.AreEqual(1, probe.Superseded);
            m.Wire.Send("+TCMQTTDISCON,-103\r\n");
            m.Engine.Engine.DispatchReports(probe);
            Assert.AreEqual(2, probe.Seen);
            Assert.AreEqual(1, probe.Superseded, "a report newer than the connect is current");
        }

        private sealed class SupersededProbe : IReportHandler
        {
            private readonly ModuleState _state;
            public int Seen;
            public int Superseded;

            public SupersededProbe(ModuleState state)
            {
                _state = state;
            }

            public void OnReport(TcAtMcu.Matching.Report report)
            {
                Seen++;
                if (_state.IsSuperseded(report))
                {
                    Superseded++;
                }
            }
        }

        [TestMethod]
        public void FirmwareInfoWithSpacesAfterCommas()
        {
            // Defect 7, the text form.
            ModuleHarness m = new ModuleHarness(6);
            m.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO: \"2.0.0\", 516360, \"93412d9ab8f3039caed9667a1d151e86\", 716800\r\n");
            FirmwareInfo info = new FirmwareInfo();
            ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadFirmwareInfo(info), "info");
            Assert.AreEqual("2.0.0", info.Version);
            Assert.AreEqual(516360, info.Size);
            Assert.AreEqual(716800, info.MaxSize);
        }

        [TestMethod]
        public void FirmwareDataInTheSpecsHexFormWithSpaces()
        {
            // Defect 7, the data form.
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.HexFirmwareData = true;
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed, options);
                h.Module.On("AT+TCREADFWDATA=8\r\n", "OK\r\n+TCREADFWDATA: 8, 0102030405060aff\r\n");
                h.Engine.Writer.Set(AtCommands.ReadFwData).Number(8);
                byte[] destination = new byte[8];
                AtResult r = h.Engine.ExecuteRead(3000, destination, 0, 8);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                Assert.AreEqual(8, r.Length);
                Bytes.AssertEqual(new byte[] { 1, 2, 3, 4, 5, 6, 0x0a, 0xff }, destination, 0, 8, "decoded");
            }
        }

        [TestMethod]
        public void TimeoutsTakeNoRealTimeWithAFakeClock()
        {
            EngineHarness h = WithFakeClock(7);
            h.Module.On("AT+TCDEVREG\r\n", "OK\r\n");
            long started = TcAtMcu.Engine.Clock.NowMs;
            h.Engine.Writer.Execute(AtCommands.DevReg);
            EngineHarness.AssertStatus(AtStatus.Timeout, h.Engine.Execute(AtReply.OkThenResult, 60000), "no result");
            Assert.IsTrue(TcAtMcu.Engine.Clock.NowMs - started < 1000, "a minute of fake time");
            Assert.IsTrue(h.Engine.Clock.NowMs >= 61000, "the fake clock moved");
        }
    }
}
