using System;
using nanoFramework.TestFramework;
using TcAtMcu.Framing;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Framing
{
    /// <summary>
    /// The framer on exact bytes, each transcript cut at random boundaries under 30 seeds and once a byte at a time.
    /// ASCII transcripts are written as text; binary data as byte[].
    /// </summary>
    [TestClass]
    public class AtFramerTests
    {
        // Every event as text: "L:<line>" "P" "M:<topic>:<payload>" ("M!" when truncated) "D:<len>" data in hex, "E:<complete>" "F<fault>"
        private sealed class RecordingSink : IFrameSink
        {
            public string Log = "";

            public void OnLine(byte[] buffer, int offset, int count) { Log += "L:" + Bytes.Text(buffer, offset, count) + "|"; }
            public void OnPrompt() { Log += "P|"; }
            public void OnMessage(byte[] buffer, int topicOffset, int topicCount, int payloadOffset, int payloadCount, bool truncated)
            {
                Log += (truncated ? "M!:" : "M:") + Bytes.Text(buffer, topicOffset, topicCount) + ":" + Bytes.Text(buffer, payloadOffset, payloadCount) + "|";
            }
            public void OnDataStart(int length) { Log += "D:" + length + "|"; }
            public void OnData(byte[] buffer, int offset, int count) { Log += Bytes.Hex(buffer, offset, count); }
            public void OnDataEnd(bool complete) { Log += "|E:" + (complete ? "1" : "0") + "|"; }
            public void OnFault(FrameFault fault) { Log += "F" + (int)fault + "|"; }
        }

        private static AtFramer NewFramer(RecordingSink sink, int lineCapacity)
        {
            return new AtFramer(sink, lineCapacity, 128);
        }

        private static string Frame(byte[] bytes, bool expectPrompt, int lineCapacity, int seed)
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = NewFramer(sink, lineCapacity);
            framer.ExpectPrompt = expectPrompt;
            Random random = new Random(seed);
            int i = 0;
            while (i < bytes.Length)
            {
                int n = seed == 0 ? 1 : 1 + random.Next(7);
                if (n > bytes.Length - i) n = bytes.Length - i;
                framer.Process(bytes, i, n);
                i += n;
            }
            framer.Stall(); // then the line goes idle
            return sink.Log;
        }

        private static void AssertFrames(string expected, byte[] wire, bool expectPrompt, int lineCapacity)
        {
            for (int seed = 0; seed <= 30; seed++)
            {
                Assert.AreEqual(expected, Frame(wire, expectPrompt, lineCapacity, seed), "seed " + seed);
            }
        }

        private static void AssertFrames(string expected, string wire, bool expectPrompt, int lineCapacity)
        {
            AssertFrames(expected, Bytes.Of(wire), expectPrompt, lineCapacity);
        }

        [TestMethod]
        public void LinesEndInCrLfOrBareLfAndEmptyLinesVanish()
        {
            AssertFrames("L:OK|L:ERROR|L:+TCMQTTSTATE:1|", "\r\nOK\r\nERROR\n\r\n+TCMQTTSTATE:1\r\n", false, 64);
        }

        [TestMethod]
        public void SpecSpacesAfterPlusAndNameColonAreDropped()
        {
            AssertFrames("L:+TCMQTTRECONNECTING|L:+TCMQTTPUB:OK|L:+CME ERROR:208|L:Module HW name: ESP|L:+TCMQTTSUB:\"a: b\",0|",
                "+ TCMQTTRECONNECTING\r\n+TCMQTTPUB: OK\r\n+CME ERROR: 208\r\nModule HW name: ESP\r\n+TCMQTTSUB: \"a: b\",0\r\n", false, 64);
        }

        [TestMethod]
        public void PromptOnlyWhenExpected()
        {
            AssertFrames("L:OK|P|", "OK\r\n>\r\n", true, 64);
            AssertFrames("L:OK|P|", "OK\r\n>", true, 64);
            AssertFrames("L:OK|L:>|", "OK\r\n>\r\n", false, 64);
        }

        [TestMethod]
        public void ReceivedMessageIsReadByItsLengthWhateverItHolds()
        {
            // The payload holds a quote, CR LF, a comma and an OK line: all of it is payload.
            AssertFrames("M:a/b:x\"\r\n,\"OK\r\n|L:OK|",
                "+TCMQTTRCVPUB:\"a/b\",10,\"x\"\r\n,\"OK\r\n\"\r\nOK\r\n", false, 64);
            AssertFrames("M:a/b:|", "+TCMQTTRCVPUB: \"a/b\",0,\"\"\r\n", false, 64);
            AssertFrames("M:a/b:hi|L:OK|", "+TCMQTTRCVPUB:\"a/b\",2,\"hi\"\nOK\n", false, 64);
        }

        [TestMethod]
        public void PayloadThatLooksLikeAnotherHeaderCannotEndTheMessageEarly()
        {
            // Inside the payload: '",1,"y"' CR LF 'OK': a second reading of the header, refuted because the first one holds.
            string payload = "x\",1,\"y\"\r\nOK\r\n";
            AssertFrames("M:t:" + payload + "|L:+TCMQTTSTATE:0|",
                "+TCMQTTRCVPUB:\"t\"," + payload.Length + ",\"" + payload + "\"\r\n+TCMQTTSTATE:0\r\n", false, 64);
        }

        [TestMethod]
        public void QuoteInTheTopicIsPartOfTheTopicAndForgesNothing()
        {
            // Issue 11, defect 4: whoever publishes to a topic with a quote tries to answer AT+TCMQTTSTATE?.
            string payload = "x\r\n+TCMQTTSTATE:1\r\nOK\r\n";
            AssertFrames("M:PID/dev/a\"b:" + payload + "|L:+TCMQTTSTATE:0|L:OK|",
                "+TCMQTTRCVPUB:\"PID/dev/a\"b\"," + payload.Length + ",\"" + payload + "\"\r\n+TCMQTTSTATE:0\r\nOK\r\n", false, 64);
        }

        [TestMethod]
        public void TopicHoldingAQuoteCommaLengthIsFoundByTheLaterReading()
        {
            // The topic is a",9,"b: the first reading (topic a, 9 bytes) is refuted by its tail, the second holds.
            AssertFrames("M:a\",9,\"b:hello|L:OK|", "+TCMQTTRCVPUB:\"a\",9,\"b\",5,\"hello\"\r\nOK\r\n", false, 64);
        }

        [TestMethod]
        public void PayloadCutAtANulIsDeliveredTruncatedAndTheAnswerAfterItSurvives()
        {
            // Issue 11, defect 3: the module stopped printing at a NUL but kept the length (10).
            AssertFrames("F5|F2|M!:PID/dev/control:ab|L:+TCMQTTSTATE:0|L:OK|",
                "+TCMQTTRCVPUB:\"PID/dev/control\",10,\"ab\"\r\n+TCMQTTSTATE:0\r\nOK\r\n", false, 64);
        }

        [TestMethod]
        public void CutPayloadFollowedBySilenceIsClosedByTheStall()
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = NewFramer(sink, 64);
            byte[] wire = Bytes.Of("+TCMQTTRCVPUB:\"t\",10,\"ab\"\r\nOK\r\n");
            framer.Process(wire, 0, wire.Length);
            Assert.AreEqual("", sink.Log, "nothing is decided while the length is not reached");
            Assert.IsTrue(framer.InFrame);
            framer.Stall();
            Assert.AreEqual("F5|F2|M!:t:ab|L:OK|", sink.Log);
            Assert.IsFalse(framer.InFrame);
        }

        [TestMethod]
        public void LongerThanDeclaredIsDroppedAndTheNextLineSurvives()
        {
            // Declared 3, sent 5: no reading holds; the frame ends at its last quote-LF, which nothing after can forge.
            AssertFrames("F5|F2|L:OK|L:+TCMQTTSTATE:1|", "+TCMQTTRCVPUB:\"t\",3,\"abcde\"\r\nOK\r\n+TCMQTTSTATE:1\r\n", false, 64);
        }

        [TestMethod]
        public void HeaderNoModulePrintsMakesEverythingUntrustedUntilTheLineIsIdle()
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = NewFramer(sink, 64);
            byte[] wire = Bytes.Of("+TCMQTTRCVPUB:\"t\",99999,\"x\r\nOK\r\n");
            framer.Process(wire, 0, wire.Length);
            byte[] filler = new byte[200];
            for (int i = 0; i < filler.Length; i++)
            {
                filler[i] = (byte)'O';
            }
            framer.Process(filler, 0, filler.Length);
            // 99999 bytes are counted past (issue 19: no module sends so long a message); nothing in them is a line.
            Assert.AreEqual("", sink.Log, "no line from a frame whose end has not come");
            byte[] more = Bytes.Of("\r\nOK\r\n");
            framer.Process(more, 0, more.Length);
            Assert.AreEqual("", sink.Log);
            framer.Stall();
            framer.Process(more, 0, more.Length);
            Assert.AreEqual("F5|L:OK|", sink.Log);
        }

        [TestMethod]
        public void FirmwareDataIsRawBytesThenCrLf()
        {
            byte[] wire = Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4,"), new byte[] { 0x0D, 0x0A, 0x00, 0xFF }, Bytes.Of("\r\nOK\r\n"));
            AssertFrames("L:OK|D:4|0d0a00ff|E:1|L:OK|", wire, false, 64);
        }

        [TestMethod]
        public void FirmwareTestFormIsALine()
        {
            AssertFrames("L:+TCREADFWDATA:\"LEN_FOR_READ\"|", "+TCREADFWDATA: \"LEN_FOR_READ\"\r\n", false, 64);
        }

        [TestMethod]
        public void OverlongLinesAreDiscardedOnce()
        {
            AssertFrames("F1|L:OK|", "0123456789ABCDEFGHIJ\r\nOK\r\n", false, 8);
            AssertFrames("L:01234567|", "01234567\r\n", false, 8);
        }

        [TestMethod]
        public void HexFirmwareDataWithABadDigitEndsTheBlock()
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = NewFramer(sink, 64);
            framer.HexFirmwareData = true;
            byte[] wire = Bytes.Of("+TCREADFWDATA:3,41zz\r\nOK\r\n");
            framer.Process(wire, 0, wire.Length);
            Assert.AreEqual("D:3|41F4||E:0|L:zz|L:OK|", sink.Log);
        }

        [TestMethod]
        public void HexFirmwareDataInTheSpecsFormWithSpaces()
        {
            // Issue 11, defect 7: "+TCREADFWDATA: 8, 0102..." as the spec prints it.
            RecordingSink sink = new RecordingSink();
            AtFramer framer = NewFramer(sink, 64);
            framer.HexFirmwareData = true;
            byte[] wire = Bytes.Of("+TCREADFWDATA: 4, 01020aFF\r\nOK\r\n");
            for (int i = 0; i < wire.Length; i++)
            {
                framer.Process(wire, i, 1);
            }
            Assert.AreEqual("D:4|01020aff|E:1|L:OK|", sink.Log);
        }

        [TestMethod]
        public void ResetDropsAPartialBlock()
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = NewFramer(sink, 64);
            byte[] wire = Bytes.Of("+TCREADFWDATA:5,ab");
            framer.Process(wire, 0, wire.Length);
            Assert.IsTrue(framer.InFrame);
            framer.Reset();
            Assert.IsFalse(framer.InFrame);
            wire = Bytes.Of("OK\r\n");
            framer.Process(wire, 0, wire.Length);
            Assert.AreEqual("D:5|6162|E:0|L:OK|", sink.Log);
        }

        [TestMethod]
        public void MessagesOneAfterAnotherInOneRead()
        {
            AssertFrames("M:t:1|M:t:22|M:u:333|L:OK|M:t:4444|M:t:55555|",
                "+TCMQTTRCVPUB:\"t\",1,\"1\"\r\n+TCMQTTRCVPUB:\"t\",2,\"22\"\r\n+TCMQTTRCVPUB:\"u\",3,\"333\"\r\nOK\r\n"
                + "+TCMQTTRCVPUB:\"t\",4,\"4444\"\r\n+TCMQTTRCVPUB:\"t\",5,\"55555\"\r\n", false, 64);
        }
    }
}
