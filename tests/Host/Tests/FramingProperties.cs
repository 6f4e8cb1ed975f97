using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Properties of the framer and engine over random and mutated transcripts in random fragmentation: nothing
    /// throws out of the receive path, nothing allocates there, every wait ends, and a valid answer after garbage
    /// is still understood.
    /// </summary>
    public class FramingProperties
    {
        private static readonly string Valid =
            "OK\r\n+TCMQTTRCVPUB:\"a/b\",10,\"x\"\r\n,\"OK\r\n\"\r\n+TCMQTTDISCON,-103\r\n+ TCMQTTRECONNECTING\r\n"
            + "+TCOTASTATUS:UPDATEFAIL,205\r\n+TCREADFWDATA:3,\x00\r\n\r\n+CME ERROR:208\r\nbusy p...\r\nERR CODE:0x010b0000\r\n";

        private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true);

        private sealed class Recorder : IReportHandler
        {
            public readonly List<string> Seen = new List<string>();

            public void OnReport(Report r) =>
                Seen.Add(ReportNames.Of(r.Kind) + "|" + ReportNames.Of(r.Status) + "|" + r.Code + "|"
                    + Encoding.Latin1.GetString(r.Buffer, r.TopicOffset, r.TopicLength) + "|"
                    + Encoding.Latin1.GetString(r.Buffer, r.PayloadOffset, r.PayloadLength));
        }

        private static AtEngine NewEngine()
        {
            AtEngineOptions o = new AtEngineOptions { ReportSlots = 64, BusyBackoffMs = 1 };
            return new AtEngine(new ScriptedModule(1), o);
        }

        private static void Feed(AtEngine engine, byte[] data, int[] cuts)
        {
            int at = 0;
            int k = 0;
            while (at < data.Length)
            {
                int n = Math.Min(data.Length - at, 1 + (cuts.Length == 0 ? 6 : Math.Abs(cuts[k++ % cuts.Length]) % 64));
                engine.Receive(data, at, n);
                at += n;
            }
        }

        private static readonly Gen<byte[]> Garbage = Gen.ArrayOf(Gen.Elements<byte>(
            new byte[] { 0, 13, 10, 34, 44, 43, 58, 62, 32, 92, (byte)'O', (byte)'K', (byte)'T', (byte)'C', (byte)'1', (byte)'9', 0xFF })
            .Or(ArbMap.Default.GeneratorFor<byte>()));

        private static readonly Gen<byte[]> Mutated =
            from edits in Gen.ListOf(Gen.Choose(0, Valid.Length - 1).Zip(ArbMap.Default.GeneratorFor<byte>()))
            select Mutate(edits);

        private static byte[] Mutate(IEnumerable<(int, byte)> edits)
        {
            List<byte> bytes = Bytes.Of(Valid).ToList();
            foreach (var (at, b) in edits)
            {
                int i = Math.Min(at, bytes.Count - 1);
                switch (b % 3)
                {
                    case 0: bytes[i] = b; break;
                    case 1: bytes.Insert(i, b); break;
                    default: if (bytes.Count > 1) bytes.RemoveAt(i); break;
                }
            }
            return bytes.ToArray();
        }

        [Fact]
        public void GarbageNeverThrowsNorAllocates()
        {
            AtEngine warm = NewEngine();
            Feed(warm, Bytes.Of(Valid), new[] { 3 });
            Prop.ForAll(Garbage.Or(Mutated).ToArbitrary(), ArbMap.Default.ArbFor<int[]>(), (data, cuts) =>
            {
                AtEngine engine = NewEngine();
                Feed(engine, data, cuts);
                long before = GC.GetAllocatedBytesForCurrentThread();
                Feed(engine, data, cuts);
                Feed(engine, data, cuts);
                return GC.GetAllocatedBytesForCurrentThread() - before == 0;
            }).Check(Runs(300));
        }

        [Fact]
        public void FragmentationDoesNotChangeWhatIsReported()
        {
            byte[] data = Bytes.Of(Valid + Valid);
            Recorder whole = new Recorder();
            AtEngine reference = NewEngine();
            reference.Receive(data, 0, data.Length);
            reference.DispatchReports(whole);
            Assert.Equal(8, whole.Seen.Count);

            Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), cuts =>
            {
                Recorder parts = new Recorder();
                AtEngine engine = NewEngine();
                Feed(engine, data, cuts);
                engine.DispatchReports(parts);
                return parts.Seen.SequenceEqual(whole.Seen);
            }).Check(Runs(300));
        }

        [Fact]
        public void AValidAnswerAfterGarbageIsStillUnderstoodInTime()
        {
            Prop.ForAll(Garbage.Or(Mutated).ToArbitrary(), ArbMap.Default.ArbFor<int[]>(), (junk, cuts) =>
            {
                ScriptedModule module = new ScriptedModule(cuts.Length);
                AtEngineOptions o = new AtEngineOptions { BusyBackoffMs = 1, FrameStallMs = 5 };
                AtEngine engine = new AtEngine(module, o);
                module.Attach(engine);
                Feed(engine, junk, cuts);
                // What a reader thread does while the line is quiet: it checks, and a partial frame is closed once
                // no byte came for the stall time. (The tick clock is coarse on Linux, about 4 ms: wait well past it.)
                engine.CheckStall();
                System.Threading.Thread.Sleep(20);
                engine.CheckStall();
                module.On("AT+TCMQTTSTATE?\r\n", "\r\n+TCMQTTSTATE:1\r\nOK\r\n");
                engine.Writer.Read(AtCommands.MqttState);
                long started = Environment.TickCount64;
                AtResult r = engine.Execute(AtReply.Ok, 200);
                long took = Environment.TickCount64 - started;
                return r.IsOk && engine.Response.Count >= 1 && took < 1000;
            }).Check(Runs(150));
        }

        [Fact]
        public void EveryWaitEndsWhatEverTheModuleSends()
        {
            Prop.ForAll(Garbage.Or(Mutated).ToArbitrary(), junk =>
            {
                ScriptedModule module = new ScriptedModule(junk.Length);
                AtEngine engine = new AtEngine(module, new AtEngineOptions { BusyRetries = 2, BusyBackoffMs = 1 });
                module.Attach(engine);
                module.Repeat = true;
                module.On("AT+TCMQTTPUB=\"t\",0,\"x\"\r\n", Encoding.Latin1.GetString(junk));
                engine.Writer.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted("x");
                long started = Environment.TickCount64;
                engine.Execute(AtReply.OkThenResult, 30);
                // At most three attempts of 30 ms and the back-off between them.
                return Environment.TickCount64 - started < 500;
            }).Check(Runs(100));
        }
    }
}
