using System;
using nanoFramework.TestFramework;
using TcAtMcu.Framing;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Framing
{
    [TestClass]
    public class AtFramerTests
    {
        // Writes every event as text: "L:<line>" "P" "D<kind>:<topic>:<len>" "d:<bytes>" "E:<complete>" "X"
        private sealed class RecordingSink : IFrameSink
        {
            public string Log = "";

            public void OnLine(byte[] buffer, int offset, int count) { Log += "L:" + Bytes.Text(buffer, offset, count) + "|"; }
            public void OnPrompt() { Log += "P|"; }
            public void OnDataStart(DataKind kind, byte[] topic, int topicOffset, int topicCount, int length)
            {
                Log += "D" + (int)kind + ":" + Bytes.Text(topic, topicOffset, topicCount) + ":" + length + "|";
            }
            public void OnData(byte[] buffer, int offset, int count) { Log += Bytes.Text(buffer, offset, count); }
            public void OnDataEnd(bool complete) { Log += "|E:" + (complete ? "1" : "0") + "|"; }
            public void OnLineDiscarded() { Log += "X|"; }
        }

        private static string Frame(string wire, bool expectPrompt, int lineCapacity, int seed)
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = new AtFramer(sink, lineCapacity);
            framer.ExpectPrompt = expectPrompt;
            byte[] bytes = Bytes.Of(wire);
            Random random = new Random(seed);
            int i = 0;
            while (i < bytes.Length)
            {
                int n = 1 + random.Next(7);
                if (n > bytes.Length - i) n = bytes.Length - i;
                framer.Process(bytes, i, n);
                i += n;
            }
            return sink.Log;
        }

        private static void AssertFrames(string expected, string wire, bool expectPrompt, int lineCapacity)
        {
            for (int seed = 1; seed <= 30; seed++)
            {
                Assert.AreEqual(expected, Frame(wire, expectPrompt, lineCapacity, seed), Bytes.Show(wire) + " seed " + seed);
            }
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
        public void ReceivedMessageIsReadByItsLength()
        {
            AssertFrames("D1:a/b:9|x\"\r\n,\"OK\r|E:1|L:OK|",
                "+TCMQTTRCVPUB:\"a/b\",9,\"x\"\r\n,\"OK\r\"\r\nOK\r\n", false, 64);
            AssertFrames("D1:a/b:0||E:1|", "+TCMQTTRCVPUB: \"a/b\",0,\"\"\r\n", false, 64);
        }

        [TestMethod]
        public void MessageWithWrongTailIsIncompleteAndTheNextLineSurvives()
        {
            // Declared 3, sent 5: the tail check fails at 'd', and the stream resynchronises on that byte.
            AssertFrames("D1:t:3|abc|E:0|L:de\"|L:OK|", "+TCMQTTRCVPUB:\"t\",3,\"abcde\"\r\nOK\r\n", false, 64);
        }

        [TestMethod]
        public void ImpossibleLengthIsGarbageNotData()
        {
            AssertFrames("L:+TCMQTTRCVPUB:\"t\",99999,\"x\"|L:OK|", "+TCMQTTRCVPUB:\"t\",99999,\"x\"\r\nOK\r\n", false, 64);
            AssertFrames("L:+TCMQTTRCVPUB:\"t\",-1,\"x\"|", "+TCMQTTRCVPUB:\"t\",-1,\"x\"\r\n", false, 64);
        }

        [TestMethod]
        public void FirmwareDataIsRawBytesThenCrLf()
        {
            AssertFrames("L:OK|D2::4|\r\n\x00\xff|E:1|L:OK|", "OK\r\n+TCREADFWDATA:4,\r\n\x00\xff\r\nOK\r\n", false, 64);
        }

        [TestMethod]
        public void FirmwareTestFormIsALine()
        {
            AssertFrames("L:+TCREADFWDATA:\"LEN_FOR_READ\"|", "+TCREADFWDATA: \"LEN_FOR_READ\"\r\n", false, 64);
        }

        [TestMethod]
        public void OverlongLinesAreDiscardedOnce()
        {
            AssertFrames("X|L:OK|", "0123456789ABCDEFGHIJ\r\nOK\r\n", false, 8);
            AssertFrames("L:01234567|", "01234567\r\n", false, 8);
        }

        [TestMethod]
        public void HexFirmwareDataWithABadDigitEndsTheBlock()
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = new AtFramer(sink, 64);
            framer.HexFirmwareData = true;
            byte[] wire = Bytes.Of("+TCREADFWDATA:3,41zz\r\nOK\r\n");
            framer.Process(wire, 0, wire.Length);
            Assert.AreEqual("D2::3|A|E:0|L:zz|L:OK|", sink.Log);
        }

        [TestMethod]
        public void ResetDropsAPartialBlock()
        {
            RecordingSink sink = new RecordingSink();
            AtFramer framer = new AtFramer(sink, 64);
            byte[] wire = Bytes.Of("+TCMQTTRCVPUB:\"t\",5,\"ab");
            framer.Process(wire, 0, wire.Length);
            Assert.IsTrue(framer.InFrame);
            framer.Reset();
            Assert.IsFalse(framer.InFrame);
            wire = Bytes.Of("OK\r\n");
            framer.Process(wire, 0, wire.Length);
            Assert.AreEqual("D1:t:5|ab|E:0|L:OK|", sink.Log);
        }
    }
}
