using nanoFramework.TestFramework;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Engine
{
    /// <summary>
    /// Issue 19's defects on the module's side, each as the transcript that showed it, the bytes cut at random
    /// boundaries (seeds): a queued report overwritten, state following OK instead of the answer line, a
    /// +TCMQTTRCVPUB longer than the module's buffer losing the answer after it.
    /// </summary>
    [TestClass]
    public class HostileModuleTests
    {
        private const int Seeds = 12;
        private const string Topic = "PID/dev/control";

        /// <summary>A message of size bytes (topic + payload), its payload the letter repeated.</summary>
        private static byte[] Message(char letter, int size)
        {
            int payload = size - Topic.Length;
            return Bytes.Join(Bytes.Of("+TCMQTTRCVPUB:\"" + Topic + "\"," + payload + ",\""), Bytes.Repeat((byte)letter, payload), Bytes.Of("\"\r\n"));
        }

        private static string Expected(char letter, int size)
        {
            return "TCMQTTRCVPUB " + Topic + " " + new string(letter, size - Topic.Length);
        }

        /// <summary>While report number Index is dispatched, the module sends Wire (the reader runs on).</summary>
        private sealed class SlowDispatcher : IReportHandler
        {
            public ScriptedModule Module;
            public int Seen;
            public int[] At;
            public byte[][] Wire;

            public void OnReport(Report report)
            {
                for (int i = 0; i < At.Length; i++)
                {
                    if (At[i] == Seen)
                    {
                        Module.Send(Wire[i]);
                    }
                }
                Seen++;
            }
        }

        [TestMethod]
        public void AReportWithNoBytesWhereWrappedDataEndsDoesNotLetTheRingOverwriteItself()
        {
            // Defect 1, with the default ring (4608 bytes): F (2000) 0..2000; while F is dispatched Y1 (100) and Y2
            // (1000) follow it; while Y1 is dispatched W (2000) wraps to 0 and ends exactly where Y1 starts, then a
            // report with no bytes, then V (600), for which there is no room: dropped and counted, never written
            // over Y1 and Y2.
            string[] empties = { "WIFI DISCONNECT\r\n", "+TCMQTTDISCON,-103\r\n", "ready\r\n" };
            string[] emptyNames = { "WIFI DISCONNECT", "TCMQTTDISCON code=-103", "ready" };
            for (int e = 0; e < empties.Length; e++)
            {
                for (int seed = 1; seed <= Seeds; seed++)
                {
                    EngineHarness h = new EngineHarness(seed);
                    SlowDispatcher slow = new SlowDispatcher();
                    slow.Module = h.Module;
                    slow.At = new int[] { 0, 1 };
                    slow.Wire = new byte[][]
                    {
                        Bytes.Join(Message('y', 100), Message('Y', 1000)),
                        Bytes.Join(Message('W', 2000), Bytes.Of(empties[e]), Message('V', 600)),
                    };
                    h.Reports.Then = slow;
                    h.Module.Send(Message('F', 2000));
                    h.Dispatch();
                    string context = empties[e].Trim() + ", seed " + seed;
                    Assert.AreEqual(5, h.Reports.Count, context);
                    Assert.AreEqual(Expected('F', 2000), h.Reports[0], context);
                    Assert.AreEqual(Expected('y', 100), h.Reports[1], context);
                    Assert.AreEqual(Expected('Y', 1000), h.Reports[2], "Y2 with its own bytes; " + context);
                    Assert.AreEqual(Expected('W', 2000), h.Reports[3], context);
                    Assert.AreEqual(emptyNames[e], h.Reports[4], context);
                    Assert.AreEqual(1, h.Engine.Stats.ReportsDropped, "V had no room and is counted; " + context);
                }
            }
        }

        [TestMethod]
        public void AnswerLineThenADisconnectThenOkLeavesTheModuleDisconnected()
        {
            // Defect 2: the disconnect came after the answer line: it is the newer fact.
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed).Connected();
                m.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\n+TCMQTTDISCON,-103\r\nOK\r\n");
                bool connected;
                ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(out connected), "seed " + seed);
                Assert.IsTrue(connected, "what the answer line said");
                Assert.IsFalse(m.Module.State.Connected, "the disconnect after the answer line wins; seed " + seed);
                m.Engine.Engine.DispatchReports(m.Module);
                Assert.IsFalse(m.Module.State.Connected, "and stays after the dispatch; seed " + seed);
            }
        }

        [TestMethod]
        public void AnswerLineThenAReconnectThenOkLeavesTheModuleConnected()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed);
                m.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\n+TCMQTTRECONNECTED\r\nOK\r\n");
                bool connected;
                ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(out connected), "seed " + seed);
                Assert.IsFalse(connected);
                Assert.IsTrue(m.Module.State.Connected, "the reconnect after the answer line wins; seed " + seed);
                m.Engine.Engine.DispatchReports(m.Module);
                Assert.IsTrue(m.Module.State.Connected, "seed " + seed);
            }
        }

        [TestMethod]
        public void ADisconnectBeforeTheAnswerLineIsOvertakenByIt()
        {
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed);
                m.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTDISCON,-103\r\n+TCMQTTSTATE:1\r\nOK\r\n")
                    .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTRECONNECTED\r\n+TCMQTTSTATE:0\r\nOK\r\n");
                ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(), "seed " + seed);
                Assert.IsTrue(m.Module.State.Connected, "the answer came last; seed " + seed);
                ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(), "seed " + seed);
                Assert.IsFalse(m.Module.State.Connected, "the answer came last; seed " + seed);
            }
        }

        [TestMethod]
        public void AReportBetweenOkAndTheResultLineIsOvertakenByTheResult()
        {
            // The connect's state is its +TCMQTTCONN:OK line's, which came after the disconnect.
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed);
                m.Wire.On("AT+TCMQTTCONN=1,5000,240,1,1\r\n", "OK\r\n+TCMQTTDISCON,-103\r\n+TCMQTTCONN:OK\r\n");
                ModuleHarness.Expect(AtStatus.Ok, m.Module.Connect(new MqttSettings()), "seed " + seed);
                Assert.IsTrue(m.Module.State.Connected, "seed " + seed);
            }
        }

        /// <summary>A payload of n bytes holding fake lines and fake tails: '"' CR LF, OK, a state, a message header.</summary>
        private static byte[] Hostile(int n)
        {
            byte[] fake = Bytes.Of("\"\r\nOK\r\n+TCMQTTSTATE:1\r\nOK\r\n+TCMQTTRCVPUB:\"t\",2,\"ab\"\r\n");
            byte[] payload = new byte[n];
            for (int i = 0; i < n; i++)
            {
                payload[i] = fake[i % fake.Length];
            }
            return payload;
        }

        [TestMethod]
        public void AMessageLongerThanTheModulesBufferIsSkippedByItsLengthAndTheAnswerAfterItIsRead()
        {
            // Defect 7: 3066 bytes holding fake OK and state lines, then the real answer.
            for (int seed = 1; seed <= Seeds; seed++)
            {
                ModuleHarness m = new ModuleHarness(seed).Connected();
                byte[] message = Bytes.Join(Bytes.Of("+TCMQTTRCVPUB:\"" + Topic + "\",3066,\""), Hostile(3066), Bytes.Of("\"\r\n"));
                m.Wire.On("AT+TCMQTTSTATE?\r\n", Bytes.Join(message, Bytes.Of("+TCMQTTSTATE:0\r\nOK\r\n")));
                bool connected;
                ModuleHarness.Expect(AtStatus.Ok, m.Module.ReadState(out connected), "the real answer; seed " + seed);
                Assert.IsFalse(connected, "what the module said, not the payload; seed " + seed);
                Assert.AreEqual(1, m.Engine.Engine.Response.Count, "one answer line");
                Assert.AreEqual(0, m.Engine.Engine.DispatchReports(m.Module), "nothing inside it is a report");
                Assert.AreEqual(1, m.Engine.Engine.Stats.ReportsDropped, "counted as dropped");
                Assert.AreEqual(0, m.Engine.Engine.Stats.MalformedFrames);
            }
        }

        [TestMethod]
        public void ALongMessageUnsolicitedIsSkippedAndTheNextMessageDelivered()
        {
            // Lengths just over the buffer and the largest five digits allow, whole or with a CR LF tail or LF only.
            int[] lengths = { 2049, 4097, 9999 };
            for (int k = 0; k < lengths.Length; k++)
            {
                for (int seed = 1; seed <= 4; seed++)
                {
                    EngineHarness h = new EngineHarness(seed);
                    h.Module.Send(Bytes.Join(Bytes.Of("+TCMQTTRCVPUB:\"" + Topic + "\"," + lengths[k] + ",\""), Hostile(lengths[k]),
                        Bytes.Of(k == 1 ? "\"\n" : "\"\r\n"), Bytes.Of("+TCMQTTRCVPUB:\"t\",2,\"hi\"\r\n")));
                    Assert.AreEqual(1, h.Dispatch(), "length " + lengths[k] + ", seed " + seed);
                    Assert.AreEqual("TCMQTTRCVPUB t hi", h.Reports[0]);
                    Assert.AreEqual(1, h.Engine.Stats.ReportsDropped);
                }
            }
        }

        [TestMethod]
        public void ALongMessageWhoseTailIsNotWhereItsLengthSaysTrustsNothingUntilTheLineIsIdle()
        {
            // Its length lied: what follows cannot be told from its payload, so nothing is read until idle.
            AtEngineOptions options = EngineHarness.QuickOptions();
            options.Clock = new FakeClock(1000);
            for (int seed = 1; seed <= 4; seed++)
            {
                EngineHarness h = new EngineHarness(seed, options);
                h.Module.Send(Bytes.Join(Bytes.Of("+TCMQTTRCVPUB:\"" + Topic + "\",2100,\""), Hostile(2101), Bytes.Of("\"\r\n+TCMQTTDISCON,-103\r\n")));
                Assert.AreEqual(0, h.Dispatch(), "seed " + seed);
                h.Engine.CheckStall();
                ((FakeClock)options.Clock).Advance(options.FrameStallMs + 1);
                h.Engine.CheckStall();
                h.Module.Send("+TCMQTTRCVPUB:\"t\",2,\"hi\"\r\n");
                Assert.AreEqual(1, h.Dispatch(), "read again after the idle line; seed " + seed);
                Assert.AreEqual("TCMQTTRCVPUB t hi", h.Reports[0]);
            }
        }

        [TestMethod]
        public void AStateThatIsNotExactlyZeroOrOneIsNoAnswer()
        {
            // Strict reading: +TCMQTTSTATE:<0|1> and nothing else; "7" must not read as "not connected".
            string[] bad = { "7", "2", "-1", "+1", "1x", "1,1", "", "  1", "01a" };
            for (int i = 0; i < bad.Length; i++)
            {
                ModuleHarness m = new ModuleHarness(i + 1).Connected();
                m.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:" + bad[i] + "\r\nOK\r\n");
                ModuleHarness.Expect(AtStatus.BadData, m.Module.ReadState(), "\"" + bad[i] + "\"");
                Assert.IsTrue(m.Module.State.Connected, "state unchanged by a malformed answer: \"" + bad[i] + "\"");
            }
        }

        [TestMethod]
        public void ASubscriptionListWithAnOutOfBoundsFieldIsMalformed()
        {
            string long129 = new string('t', 129);
            string[] bad = { "\"\",1", "\"" + long129 + "\",1", "\"a/b\",2", "\"a/b\",-1", "\"a/b\"", "\"a/b\",1,0" };
            for (int i = 0; i < bad.Length; i++)
            {
                ModuleHarness m = new ModuleHarness(i + 1).Connected();
                m.Wire.On("AT+TCMQTTSUB?\r\n", "+TCMQTTSUB:\"x/y\",0\r\n+TCMQTTSUB:" + bad[i] + "\r\nOK\r\n");
                ModuleHarness.Expect(AtStatus.BadData, m.Module.ReadSubscriptions(new Subscriptions()), "case " + i);
            }
            ModuleHarness ok = new ModuleHarness(9).Connected();
            ok.Wire.On("AT+TCMQTTSUB?\r\n", "+TCMQTTSUB:\"" + new string('t', 128) + "\",1\r\n+TCMQTTSUB:\"a\",0\r\nOK\r\n");
            Subscriptions held = new Subscriptions();
            ModuleHarness.Expect(AtStatus.Ok, ok.Module.ReadSubscriptions(held), "128 bytes and QoS 0 and 1");
            Assert.AreEqual(2, held.Count);
        }
    }
}
