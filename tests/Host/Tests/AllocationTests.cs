using System;
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

        private sealed class CountingHandler : IReportHandler
        {
            public int Messages;
            public int Other;
            public long PayloadBytes;

            public void OnReport(Report report)
            {
                if (report.Kind == ReportKind.MessageReceived && report.TopicIs("$thing/down/property/ABCDEFGHIJ/dev01"))
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

        [Fact]
        public void TenThousandLinesAllocateNothingAfterWarmUp()
        {
            string payload = Json.PadRight(200, ' ');
            Assert.Equal(200, payload.Length);
            byte[] message = Bytes.Of("+TCMQTTRCVPUB:\"$thing/down/property/ABCDEFGHIJ/dev01\",200,\"" + payload + "\"\r\n");
            byte[] reconnect = Bytes.Of("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n+TCMQTTRECONNECTED\r\n");

            ScriptedModule module = new ScriptedModule(1);
            AtEngine engine = new AtEngine(module, new AtEngineOptions());
            module.Attach(engine);
            module.Repeat = true;
            module.On("AT+TCMQTTPUB=\"$thing/up/property/ABCDEFGHIJ/dev01\",1,\"{\\\"method\\\":\\\"report\\\"\\,\\\"params\\\":{\\\"t\\\":21}}\"\r\n",
                    "OK\r\n+TCMQTTPUB:OK\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:1\r\nOK\r\n")
                .On("AT+TCREADFWDATA=64\r\n", "OK\r\n+TCREADFWDATA:64," + new string('\x5a', 64) + "\r\n");
            CountingHandler handler = new CountingHandler();
            byte[] chunk = new byte[64];

            void Round()
            {
                module.Send(message);
                module.Send(message);
                module.Send(reconnect);
                engine.DispatchReports(handler);
                lock (engine.Gate)
                {
                    engine.Writer.Set(AtCommands.MqttPub).Quoted("$thing/up/property/ABCDEFGHIJ/dev01").Number(1)
                        .Quoted("{\"method\":\"report\",\"params\":{\"t\":21}}");
                    Assert.True(engine.Execute(AtReply.OkThenResult, 1000).IsOk);
                    engine.Writer.Read(AtCommands.MqttState);
                    Assert.True(engine.Execute(AtReply.Ok, 1000).IsOk);
                    engine.Writer.Set(AtCommands.ReadFwData).Number(64);
                    Assert.Equal(64, engine.ExecuteRead(1000, chunk, 0, chunk.Length).Length);
                }
            }

            for (int i = 0; i < 50; i++)
            {
                Round();
            }
            int linesBefore = engine.Stats.Lines;
            long before = GC.GetAllocatedBytesForCurrentThread();
            int rounds = 0;
            while (engine.Stats.Lines - linesBefore < 10000)
            {
                Round();
                rounds++;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Null(module.Mismatch);
            Assert.Equal(0, allocated);
            Assert.Equal((rounds + 50) * 2, handler.Messages);
            Assert.Equal((rounds + 50) * 2 * 200L, handler.PayloadBytes);
            Assert.Equal(0, engine.Stats.ReportsDropped);
            Assert.Equal(0, engine.Stats.StrayLines);
        }
    }
}
