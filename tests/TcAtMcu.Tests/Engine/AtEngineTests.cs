using System;
using System.Threading;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Engine
{
    /// <summary>
    /// The engine against byte transcripts: exact bytes out, module bytes in, fragmented at random boundaries
    /// (each scenario runs under many seeds, so every boundary is hit somewhere).
    /// </summary>
    [TestClass]
    public class AtEngineTests
    {
        private const int Seeds = 25;

        [TestMethod]
        public void ReadFormCapturesResponseLinesAndIgnoresEcho()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed);
                h.Module.On("AT+TCMQTTSTATE?\r\n", "AT+TCMQTTSTATE?\r\r\n+TCMQTTSTATE: 1\r\n\r\nOK\r\n");
                h.Engine.Writer.Read(AtCommands.MqttState);
                AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                Assert.AreEqual(1, h.Engine.Response.Count, "one response line");
                Assert.AreEqual("+TCMQTTSTATE:1", h.ResponseLine(0), "space after the colon is optional");
                Assert.AreEqual(1, h.Engine.Stats.EchoLines);
                h.AssertScriptDone("seed " + seed);
            }
        }

        [TestMethod]
        public void OkThenResultWaitsForTheResultLine()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed);
                h.Module.On("AT+TCMQTTPUB=\"a/b\",1,\"hi\"\r\n", "OK\r\n+TCMQTTPUB:OK\r\n");
                h.Engine.Writer.Set(AtCommands.MqttPub).Quoted("a/b").Number(1).Quoted("hi");
                AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                h.AssertScriptDone("seed " + seed);
            }
        }

        [TestMethod]
        public void OkAloneDoesNotCompleteAnOkThenResultCommand()
        {
            EngineHarness h = new EngineHarness(7);
            h.Module.On("AT+TCMQTTSUB=\"a\",0\r\n", "OK\r\n");
            h.Engine.Writer.Set(AtCommands.MqttSub).Quoted("a").Number(0);
            AtResult r = h.Engine.Execute(AtReply.OkThenResult, 50);
            EngineHarness.AssertStatus(AtStatus.Timeout, r, "no result line");
            Assert.AreEqual(1, h.Engine.Stats.Timeouts);
        }

        [TestMethod]
        public void FailResultCarriesItsCode()
        {
            string[] replies = { "OK\r\n+TCMQTTCONN:FAIL,-103\r\n", "OK\r\n+TCMQTTCONN: FAIL,202\r\n", "OK\r\n+TCMQTTCONN:FAIL202\r\n" };
            int[] codes = { -103, 202, 202 };
            for (int i = 0; i < replies.Length; i++)
            {
                for (int seed = 1; seed <= Seeds; seed++)
                {
                    EngineHarness h = new EngineHarness(seed);
                    h.Module.On("AT+TCMQTTCONN=1,5000,240,1,1\r\n", replies[i]);
                    h.Engine.Writer.Set(AtCommands.MqttConn).Number(1).Number(5000).Number(240).Number(1).Number(1);
                    AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
                    EngineHarness.AssertStatus(AtStatus.Failed, r, Bytes.Show(replies[i]));
                    Assert.AreEqual(codes[i], r.Code, Bytes.Show(replies[i]));
                }
            }
        }

        [TestMethod]
        public void BareFailWithoutCodeIsFailedWithCodeZero()
        {
            EngineHarness h = new EngineHarness(3);
            h.Module.On("AT+TCMQTTSRV=10.0.0.1\r\n", "OK\r\n+TCMQTTSRV:FAIL\r\n");
            h.Engine.Writer.Set(AtCommands.MqttSrv).Token("10.0.0.1");
            AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Failed, r, "TCMQTTSRV");
            Assert.AreEqual(0, r.Code);
        }

        [TestMethod]
        public void ReportBetweenOkAndResultIsQueuedNotTakenAsTheResult()
        {
            // Captured on a real module: OK, +TCMQTTRCVPUB, then the PUB result. The payload holds quotes,
            // commas, CR LF and even an "OK" line: it is read by its length, never by scanning.
            string payload = "a\"b,c\r\nOK\r\n+TCMQTTPUB:FAIL,1\r\nz";
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed);
                h.Module.On("AT+TCMQTTPUB=\"t/up\",0,\"x\"\r\n",
                    "OK\r\n+TCMQTTRCVPUB:\"t/down\"," + payload.Length + ",\"" + payload + "\"\r\n+TCMQTTPUB:OK\r\n");
                h.Engine.Writer.Set(AtCommands.MqttPub).Quoted("t/up").Number(0).Quoted("x");
                AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                Assert.AreEqual(0, h.Engine.Response.Count, "the report is not a response line");
                Assert.AreEqual(1, h.Dispatch());
                Assert.AreEqual("TCMQTTRCVPUB t/down " + payload, h.Reports[0], "seed " + seed);
            }
        }

        [TestMethod]
        public void CmeErrorIsFinalOnItsOwn()
        {
            string[] replies = { "+CME ERROR:208\r\n", "+CME ERROR: 208\r\n", "+CME ERR:208\r\n" };
            for (int i = 0; i < replies.Length; i++)
            {
                EngineHarness h = new EngineHarness(i + 1);
                h.Module.On("AT+TCMQTTDISCONN\r\n", replies[i]);
                h.Engine.Writer.Execute(AtCommands.MqttDisconn);
                AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
                EngineHarness.AssertStatus(AtStatus.CmeError, r, Bytes.Show(replies[i]));
                Assert.AreEqual(208, r.Code);
            }
        }

        [TestMethod]
        public void UnknownCommandGivesErrorWithItsErrCode()
        {
            EngineHarness h = new EngineHarness(5);
            h.Module.On("AT+TCMQTTPUBRAW=?\r\n", "ERR CODE:0x01090000\r\nERROR\r\n");
            h.Engine.Writer.Test(AtCommands.MqttPubRaw);
            AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Error, r, "unknown command");
            Assert.AreEqual(0x01090000, r.Code);
        }

        [TestMethod]
        public void BusyIsRetriedThenSucceeds()
        {
            string[] busy = { "busy p...\r\n", "ERR CODE:0x010b0000\r\n\r\nbusy p...\r\n", "\r\nbusy s...\r\n" };
            for (int i = 0; i < busy.Length; i++)
            {
                for (int seed = 1; seed <= 5; seed++)
                {
                    EngineHarness h = new EngineHarness(seed);
                    h.Module.On("AT+TCMQTTSTATE?\r\n", busy[i])
                        .On("AT+TCMQTTSTATE?\r\n", busy[i])
                        .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\nOK\r\n");
                    h.Engine.Writer.Read(AtCommands.MqttState);
                    AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
                    EngineHarness.AssertStatus(AtStatus.Ok, r, Bytes.Show(busy[i]));
                    Assert.AreEqual(2, h.Engine.Stats.BusyRetries, Bytes.Show(busy[i]));
                    Assert.AreEqual("+TCMQTTSTATE:0", h.ResponseLine(0));
                    h.AssertScriptDone(Bytes.Show(busy[i]));
                }
            }
        }

        [TestMethod]
        public void BusyRetriesAreBounded()
        {
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.BusyRetries = 3;
            EngineHarness h = new EngineHarness(9, options);
            h.Module.Repeat = true;
            h.Module.On("AT+TCDEVREG\r\n", "busy p...\r\n");
            h.Engine.Writer.Execute(AtCommands.DevReg);
            AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Busy, r, "still busy");
            Assert.AreEqual(4, h.Engine.Stats.Commands, "one send and three retries");
            Assert.AreEqual("AT+TCDEVREG\r\nAT+TCDEVREG\r\nAT+TCDEVREG\r\nAT+TCDEVREG\r\n", h.Module.Written);
        }

        [TestMethod]
        public void TimeoutThenLateAnswerDoesNotLeakIntoTheNextCommand()
        {
            EngineHarness h = new EngineHarness(11);
            h.Module.On("AT+TCMQTTPUB=\"t\",1,\"x\"\r\n", "OK\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
            h.Engine.Writer.Set(AtCommands.MqttPub).Quoted("t").Number(1).Quoted("x");
            AtResult r = h.Engine.Execute(AtReply.OkThenResult, 40);
            EngineHarness.AssertStatus(AtStatus.Timeout, r, "no PUBACK in time");

            h.Module.Send("+TCMQTTPUB:FAIL,202\r\n");
            Assert.AreEqual(1, h.Engine.Stats.StrayLines, "the late result is stray");

            h.Engine.Writer.Read(AtCommands.MqttState);
            r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Ok, r, "next command");
            Assert.AreEqual("+TCMQTTSTATE:1", h.ResponseLine(0));
            h.AssertScriptDone("timeout");
        }

        [TestMethod]
        public void LongPublishWaitsForPromptWritesPayloadThenResult()
        {
            string[] prompts = { "OK\r\n>\r\n", "\r\nOK\r\n\r\n>", "OK\r\n> " };
            for (int i = 0; i < prompts.Length; i++)
            {
                for (int seed = 1; seed <= 10; seed++)
                {
                    EngineHarness h = new EngineHarness(seed);
                    h.Module.On("AT+TCMQTTPUBL=\"t/x\",1,11\r\n", prompts[i])
                        .On("{\"a\":\"b,c\"}\r\n", "+TCMQTTPUBL:OK\r\n");
                    h.Engine.Writer.Set(AtCommands.MqttPubL).Quoted("t/x").Number(1).Number(11);
                    byte[] payload = Bytes.Of("{\"a\":\"b,c\"}");
                    AtResult r = h.Engine.ExecuteWithPayload(EngineHarness.Patience, payload, 0, payload.Length);
                    EngineHarness.AssertStatus(AtStatus.Ok, r, Bytes.Show(prompts[i]) + " seed " + seed);
                    h.AssertScriptDone(Bytes.Show(prompts[i]));
                }
            }
        }

        [TestMethod]
        public void PayloadIsNotSentBeforeThePrompt()
        {
            EngineHarness h = new EngineHarness(2);
            h.Module.On("AT+TCMQTTPUBL=\"t\",0,3\r\n", "+CME ERROR:208\r\n");
            h.Engine.Writer.Set(AtCommands.MqttPubL).Quoted("t").Number(0).Number(3);
            byte[] payload = Bytes.Of("abc");
            AtResult r = h.Engine.ExecuteWithPayload(EngineHarness.Patience, payload, 0, payload.Length);
            EngineHarness.AssertStatus(AtStatus.CmeError, r, "not connected");
            Assert.AreEqual("AT+TCMQTTPUBL=\"t\",0,3\r\n", h.Module.Written, "no payload after an error");
        }

        [TestMethod]
        public void MissingPromptAfterOkIsAbortedWithPlusPlusPlus()
        {
            EngineHarness h = new EngineHarness(4);
            h.Module.On("AT+TCMQTTPUBL=\"t\",0,3\r\n", "OK\r\n").On("+++\r\n", "+CME ERROR:204\r\n");
            h.Engine.Writer.Set(AtCommands.MqttPubL).Quoted("t").Number(0).Number(3);
            byte[] payload = Bytes.Of("abc");
            AtResult r = h.Engine.ExecuteWithPayload(40, payload, 0, payload.Length);
            EngineHarness.AssertStatus(AtStatus.Timeout, r, "prompt never came");
            h.AssertScriptDone("abort");
        }

        [TestMethod]
        public void FirmwareDataIsReadByLengthIntoTheCallersBuffer()
        {
            // Raw bytes, as the real module sends them: CR, LF, quotes, NUL and "OK" inside the data.
            byte[] data = { 0x00, 0x01, 0x0D, 0x0A, 0xFF, (byte)'"', (byte)'O', (byte)'K', 0x0D, 0x0A, (byte)',', 0x7F };
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed);
                h.Module.On("AT+TCREADFWDATA=16\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:" + data.Length + ","), data, Bytes.Of("\r\n")));
                h.Engine.Writer.Set(AtCommands.ReadFwData).Number(16);
                byte[] destination = new byte[20];
                AtResult r = h.Engine.ExecuteRead(EngineHarness.Patience, destination, 2, 16);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                Assert.AreEqual(data.Length, r.Length, "short last chunk");
                Bytes.AssertEqual(data, destination, 2, data.Length, "seed " + seed);
                Assert.AreEqual(0, destination[0] + destination[1] + destination[18] + destination[19], "nothing written outside");
            }
        }

        [TestMethod]
        public void HexFirmwareDataIsDecoded()
        {
            for (int seed = 1; seed <= 10; seed++)
            {
                AtEngineOptions options = EngineHarness.QuickOptions();
                options.HexFirmwareData = true;
                EngineHarness h = new EngineHarness(seed, options);
                h.Module.On("AT+TCREADFWDATA=4\r\n", "OK\r\n+TCREADFWDATA:4,01020aFF\r\n");
                h.Engine.Writer.Set(AtCommands.ReadFwData).Number(4);
                byte[] destination = new byte[4];
                AtResult r = h.Engine.ExecuteRead(EngineHarness.Patience, destination, 0, 4);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                Assert.AreEqual("\x01\x02\x0a\xff", Bytes.Text(destination, 0, 4));
            }
        }

        [TestMethod]
        public void FirmwareDataLargerThanTheBufferIsRefusedAndTheStreamStaysInStep()
        {
            EngineHarness h = new EngineHarness(6);
            h.Module.On("AT+TCREADFWDATA=4\r\n", "OK\r\n+TCREADFWDATA:8,ABCDEFGH\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
            h.Engine.Writer.Set(AtCommands.ReadFwData).Number(4);
            byte[] destination = new byte[4];
            AtResult r = h.Engine.ExecuteRead(EngineHarness.Patience, destination, 0, 4);
            EngineHarness.AssertStatus(AtStatus.BadData, r, "8 bytes for a 4-byte buffer");
            h.Engine.Writer.Read(AtCommands.MqttState);
            r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Ok, r, "in step afterwards");
            Assert.AreEqual("+TCMQTTSTATE:1", h.ResponseLine(0));
        }

        [TestMethod]
        public void ReadPastTheEndIsACmeError()
        {
            EngineHarness h = new EngineHarness(8);
            h.Module.On("AT+TCREADFWDATA=512\r\n", "+CME ERROR:208\r\n");
            h.Engine.Writer.Set(AtCommands.ReadFwData).Number(512);
            AtResult r = h.Engine.ExecuteRead(EngineHarness.Patience, new byte[512], 0, 512);
            EngineHarness.AssertStatus(AtStatus.CmeError, r, "past the end");
            Assert.AreEqual(208, r.Code);
        }

        [TestMethod]
        public void FirmwareInfoAnswersOkFirstThenItsLine()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                EngineHarness h = new EngineHarness(seed);
                h.Module.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"2.0.0\",516360,\"93412d9ab8f3039caed9667a1d151e86\",716800\r\n");
                h.Engine.Writer.Read(AtCommands.FwInfo);
                AtResult r = h.Engine.Execute(AtReply.OkThenLine, EngineHarness.Patience);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "seed " + seed);
                Assert.AreEqual("+TCFWINFO:\"2.0.0\",516360,\"93412d9ab8f3039caed9667a1d151e86\",716800", h.ResponseLine(0));
            }
        }

        [TestMethod]
        public void DisconnectReportBeforeOkIsAReportAndOkCompletes()
        {
            EngineHarness h = new EngineHarness(12);
            h.Module.On("AT+TCMQTTDISCONN\r\n", "+TCMQTTDISCON,2\r\nOK\r\n");
            h.Engine.Writer.Execute(AtCommands.MqttDisconn);
            AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Ok, r, "disconnect");
            Assert.AreEqual(1, h.Dispatch());
            Assert.AreEqual("TCMQTTDISCON code=2", h.Reports[0]);
        }

        [TestMethod]
        public void EveryReportKindIsRecognisedWhileIdle()
        {
            string wire = "+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n+ TCMQTTRECONNECTING\r\n+TCMQTTRECONNECTED\r\n"
                + "+TCOTASTATUS:ENTERUPDATE\r\n+TCOTASTATUS: UPDATESUCCESS\r\n+TCOTASTATUS:UPDATEFAIL,205\r\n+TCOTASTATUS:UPDATERESET\r\n"
                + "+TCSTARTSMART:WIFI_CONNECT_SUCCESS\r\n+TCSAP:WIFI_CONNECT_FAILED,10,3\r\n+TCSTARTSMART:FAIL,202\r\n"
                + "+TCMQTTRCVPUB:\"p/d/control\",0,\"\"\n";
            string[] expected =
            {
                "TCMQTTDISCON code=-103", "TCMQTTRECONNECTING", "TCMQTTRECONNECTING", "TCMQTTRECONNECTED",
                "TCOTASTATUS ENTERUPDATE", "TCOTASTATUS UPDATESUCCESS", "TCOTASTATUS UPDATEFAIL code=205", "TCOTASTATUS UPDATERESET",
                "TCSTARTSMART WIFI_CONNECT_SUCCESS", "TCSAP WIFI_CONNECT_FAILED code=10 sub=3", "TCSTARTSMART FAIL code=202",
                "TCMQTTRCVPUB p/d/control ",
            };
            for (int seed = 1; seed <= Seeds; seed++)
            {
                AtEngineOptions options = EngineHarness.QuickOptions();
                options.ReportSlots = 16;
                EngineHarness h = new EngineHarness(seed, options);
                h.Module.Send(wire);
                Assert.AreEqual(expected.Length, h.Dispatch(), "seed " + seed);
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.AreEqual(expected[i], h.Reports[i], "seed " + seed);
                }
                Assert.AreEqual(0, h.Engine.Stats.StrayLines);
            }
        }

        [TestMethod]
        public void ProvisioningFailIsTheResultWhileItsCommandIsInFlight()
        {
            EngineHarness h = new EngineHarness(13);
            h.Module.On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:FAIL,13\r\n");
            h.Engine.Writer.Execute(AtCommands.StartSmart);
            AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Failed, r, "smart config start failed");
            Assert.AreEqual(13, r.Code);
            Assert.AreEqual(0, h.Dispatch(), "not also a report");
        }

        [TestMethod]
        public void ReportsBeyondTheQueueAreDroppedAndCounted()
        {
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.ReportSlots = 4;
            EngineHarness h = new EngineHarness(14, options);
            for (int i = 0; i < 6; i++)
            {
                h.Module.Send("+TCMQTTRCVPUB:\"t\",1,\"" + i + "\"\r\n");
            }
            Assert.AreEqual(4, h.Dispatch(), "four slots");
            Assert.AreEqual(2, h.Engine.Stats.ReportsDropped);
            Assert.AreEqual("TCMQTTRCVPUB t 3", h.Reports[3]);
            h.Module.Send("+TCMQTTRCVPUB:\"t\",1,\"9\"\r\n");
            Assert.AreEqual(1, h.Dispatch(), "slots are free again");
        }

        [TestMethod]
        public void LongMessagesShareTheRingWithShortOnes()
        {
            EngineHarness h = new EngineHarness(19);
            byte[] payload = Bytes.Repeat((byte)'p', 2048);
            byte[] header = Bytes.Of("+TCMQTTRCVPUB:\"t\",2048,\"");
            byte[] tail = Bytes.Of("\"\r\n");
            for (int round = 0; round < 3; round++)
            {
                h.Engine.Receive(Bytes.Join(header, payload, tail), 0, header.Length + payload.Length + tail.Length);
                h.Module.Send("+TCMQTTRCVPUB:\"t\",1,\"s\"\r\n+TCMQTTRECONNECTING\r\n");
                h.Engine.Receive(Bytes.Join(header, payload, tail), 0, header.Length + payload.Length + tail.Length);
                Assert.AreEqual(4, h.Dispatch(), "two long, one short, one report in the default ring; round " + round);
                Assert.AreEqual(0, h.Engine.Stats.ReportsDropped);
            }
        }

        [TestMethod]
        public void MessageLongerThanASlotIsDroppedWithoutLosingTheNextLine()
        {
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.PayloadCapacity = 8;
            EngineHarness h = new EngineHarness(15, options);
            h.Module.Send("+TCMQTTRCVPUB:\"t\",12,\"OK\r\nOK\r\nOK\r\n\"\r\n+TCMQTTRECONNECTED\r\n");
            Assert.AreEqual(1, h.Dispatch());
            Assert.AreEqual("TCMQTTRECONNECTED", h.Reports[0]);
            Assert.AreEqual(1, h.Engine.Stats.ReportsDropped);
            Assert.AreEqual(0, h.Engine.Stats.StrayLines, "the payload's OK lines were not read as lines");
        }

        [TestMethod]
        public void GarbageNeverBreaksTheEngine()
        {
            Random random = new Random(42);
            for (int round = 0; round < 50; round++)
            {
                EngineHarness h = new EngineHarness(round);
                byte[] junk = new byte[200 + random.Next(600)];
                random.NextBytes(junk);
                h.Engine.Receive(junk, 0, junk.Length);
                // Whatever state the junk left, the next line end puts the stream back in step.
                h.Module.Send("\r\n");
                h.Module.On("AT\r\n", "\r\nOK\r\n");
                h.Engine.Writer.Plain("AT");
                AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
                EngineHarness.AssertStatus(AtStatus.Ok, r, "round " + round);
                h.Dispatch();
            }
        }

        [TestMethod]
        public void OverlongLineIsDroppedAndCounted()
        {
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.LineCapacity = 32;
            EngineHarness h = new EngineHarness(16, options);
            h.Module.On("AT+TCVER\r\n", "Tencent Cloud IoT AT version: AT_v1.0.0_ESP_WiFi_and_a_lot_more\r\nshort\r\nOK\r\n");
            h.Engine.Writer.Execute(AtCommands.Version);
            AtResult r = h.Engine.Execute(AtReply.Ok, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Ok, r, "completes");
            Assert.AreEqual(1, h.Engine.Stats.LinesTooLong);
            Assert.AreEqual(1, h.Engine.Response.Count);
            Assert.AreEqual("short", h.ResponseLine(0));
        }

        [TestMethod]
        public void StalledPartialFrameIsDropped()
        {
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.FrameStallMs = 10;
            EngineHarness h = new EngineHarness(17, options);
            h.Module.Send("+TCMQTTRCVPUB:\"t\",100,\"only part");
            h.Engine.CheckStall(); // the reader's idle check: bytes came since the last one
            Thread.Sleep(30);
            h.Engine.CheckStall();
            Assert.AreEqual(1, h.Engine.Stats.StalledFrames);
            h.Module.Send("+TCMQTTRECONNECTED\r\n");
            Assert.AreEqual(1, h.Dispatch());
            Assert.AreEqual("TCMQTTRECONNECTED", h.Reports[0]);
        }

        [TestMethod]
        public void RefusedCommandsSendNothing()
        {
            EngineHarness h = new EngineHarness(18);
            h.Engine.Writer.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted("line\r\nAT+TCRESTORE");
            AtResult r = h.Engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
            EngineHarness.AssertStatus(AtStatus.Refused, r, "CR LF in a string");
            Assert.AreEqual((int)AtRefusal.LineBreakInString, r.Code);
            Assert.AreEqual("", h.Module.Written, "not a byte sent");
        }

        [TestMethod]
        public void ReportHandlerRunsWhileACommandIsInFlightAndMaySendCommands()
        {
            // Threaded: the engine's own reader and dispatcher. The PUB result only comes after the handler
            // has run, and the handler sends a command of its own: no deadlock.
            ScriptedModule module = new ScriptedModule(19);
            AtEngine engine = new AtEngine(module, EngineHarness.QuickOptions());
            module.On("AT+TCMQTTPUB=\"t/up\",1,\"x\"\r\n", "OK\r\n+TCMQTTRCVPUB:\"t/down\",4,\"ping\"\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n");
            ReplyingHandler handler = new ReplyingHandler(engine, module);
            engine.Start(handler);
            try
            {
                AtResult r;
                lock (engine.Gate)
                {
                    engine.Writer.Set(AtCommands.MqttPub).Quoted("t/up").Number(1).Quoted("x");
                    r = engine.Execute(AtReply.OkThenResult, EngineHarness.Patience);
                }
                EngineHarness.AssertStatus(AtStatus.Ok, r, "completed by the result the handler triggered");
                Assert.IsTrue(handler.Finished.WaitOne(EngineHarness.Patience, false), "handler finished");
                EngineHarness.AssertStatus(AtStatus.Ok, handler.Result, "the handler's own command");
                Assert.IsNull(module.Mismatch, module.Mismatch);
            }
            finally
            {
                engine.Stop();
            }
        }

        private sealed class ReplyingHandler : IReportHandler
        {
            private readonly AtEngine _engine;
            private readonly ScriptedModule _module;

            public ReplyingHandler(AtEngine engine, ScriptedModule module)
            {
                _engine = engine;
                _module = module;
            }

            public ManualResetEvent Finished = new ManualResetEvent(false);
            public AtResult Result;

            public void OnReport(TcAtMcu.Matching.Report report)
            {
                // The command is still in flight: its result arrives only now.
                _module.Send("+TCMQTTPUB:OK\r\n");
                lock (_engine.Gate)
                {
                    _engine.Writer.Read(AtCommands.MqttState);
                    Result = _engine.Execute(AtReply.Ok, EngineHarness.Patience);
                }
                Finished.Set();
            }
        }
    }
}
