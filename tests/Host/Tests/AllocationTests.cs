using System;
using System.Runtime.CompilerServices;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Steady state allocates nothing: received lines, reports with their dispatch, and command round trips.
    /// Host only: GC.GetAllocatedBytesForCurrentThread has no nanoFramework twin. Everything runs on this thread
    /// (the scripted module feeds the engine synchronously), so the counter sees all of the engine's work.
    /// </summary>
    public class AllocationTests
    {
        private const string Json = "{\"method\":\"control\",\"clientToken\":\"clientToken-1234567890\",\"params\":{\"power_switch\":1,\"color\":2,\"brightness\":87,\"name\":\"lamp, kitchen\"},\"timestamp\":1732406400}";
        private const string Topic = "$thing/down/property/ABCDEFGHIJ/dev01";
        // Compared as bytes prepared once: TopicIs(string) costs the string's char[] (see Utf8).
        private static readonly byte[] TopicBytes = TcAtMcu.Text.Utf8.Bytes(Topic);
        // What is sent per message goes as bytes prepared once (a string parameter costs its char[]).
        private static readonly byte[] UpTopic = TcAtMcu.Text.Utf8.Bytes("$thing/up/property/ABCDEFGHIJ/dev01");
        private static readonly byte[] UpPayload = TcAtMcu.Text.Utf8.Bytes("{\"method\":\"report\",\"params\":{\"t\":21}}");

        private sealed class CountingHandler : IReportHandler
        {
            public int Messages;
            public int Other;
            public long PayloadBytes;

            public void OnReport(Report report)
            {
                if (report.Kind == ReportKind.MessageReceived && report.TopicIs(TopicBytes))
                {
                    Messages++;
                    PayloadBytes += report.PayloadLength;
                }
                else
                {
                    Other++;
                }
            }
        }

        /// <summary>One round: two 200-byte messages, a reconnect burst, their dispatch, and three command round trips.</summary>
        private sealed class Session
        {
            private readonly byte[] _message;
            private readonly byte[] _reconnect = Bytes.Of("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n+TCMQTTRECONNECTED\r\n");
            private readonly byte[] _chunk = new byte[64];

            public Session()
            {
                string payload = Json.PadRight(200, ' ');
                _message = Bytes.Of("+TCMQTTRCVPUB:\"" + Topic + "\",200,\"" + payload + "\"\r\n");
                Module = new ScriptedModule(1);
                Engine = new AtEngine(Module, new AtEngineOptions());
                Module.Attach(Engine);
                Module.Repeat = true;
                Module.On("AT+TCMQTTPUB=\"$thing/up/property/ABCDEFGHIJ/dev01\",1,\"{\\\"method\\\":\\\"report\\\"\\,\\\"params\\\":{\\\"t\\\":21}}\"\r\n",
                        "OK\r\n+TCMQTTPUB:OK\r\n")
                    .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n")
                    .On("AT+TCREADFWDATA=64\r\n", "OK\r\n+TCREADFWDATA:64," + new string('\x5a', 64) + "\r\n");
                Handler = new CountingHandler();
            }

            public ScriptedModule Module { get; }
            public AtEngine Engine { get; }
            public CountingHandler Handler { get; }
            public int Rounds;
            public int Failures;

            // Compiled optimised at once: tiered compilation's on-stack replacement of a hot loop allocates,
            // and that is the runtime's, not the engine's.
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void RunUntilLines(int lines)
            {
                int target = Engine.Stats.Lines + lines;
                while (Engine.Stats.Lines < target)
                {
                    Round();
                }
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private void Round()
            {
                Rounds++;
                Module.Send(_message);
                Module.Send(_message);
                Engine.DispatchReports(Handler);
                Module.Send(_reconnect);
                Engine.DispatchReports(Handler);
                lock (Engine.Gate)
                {
                    Engine.Writer.Set(AtCommands.MqttPub).Quoted(UpTopic, 0, UpTopic.Length).Number(1)
                        .Quoted(UpPayload, 0, UpPayload.Length);
                    Failures += Engine.Execute(AtReply.OkThenResult, 1000).IsOk ? 0 : 1;
                    Engine.Writer.Read(AtCommands.MqttState);
                    Failures += Engine.Execute(AtReply.Ok, 1000).IsOk ? 0 : 1;
                    Engine.Writer.Set(AtCommands.ReadFwData).Number(64);
                    Failures += Engine.ExecuteRead(1000, _chunk, 0, _chunk.Length).Length == 64 ? 0 : 1;
                }
            }
        }

        [Fact]
        public void TenThousandLinesAllocateNothingAfterWarmUp()
        {
            Session session = new Session();
            session.RunUntilLines(2000);

            long before = GC.GetAllocatedBytesForCurrentThread();
            session.RunUntilLines(10000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Null(session.Module.Mismatch);
            Assert.Equal(0, session.Failures);
            Assert.Equal(0, allocated);
            Assert.Equal(session.Rounds * 2, session.Handler.Messages);
            Assert.Equal(session.Rounds * 2 * 200L, session.Handler.PayloadBytes);
            Assert.Equal(session.Rounds * 3, session.Handler.Other);
            Assert.Equal(0, session.Engine.Stats.ReportsDropped);
            Assert.Equal(0, session.Engine.Stats.StrayLines);
        }
    }
}
