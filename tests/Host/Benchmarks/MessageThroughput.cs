using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Run;
using TcAtMcu.Simulator;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// Received messages per second at each rate: a cloud client publishes 262-byte messages (200-byte payload, the
    /// interpreter benchmark's) as fast as the broker takes them; the simulated module puts them on the UART at the rate;
    /// the firmware's engine frames and dispatches them. The ceiling is the line: rate / 10 / 262 messages a second.
    /// Real time, so not a BenchmarkDotNet job. The nanoCLR column is the device's CPU for that many messages, from the
    /// instruction counts the README's nanoCLR table gives.
    /// </summary>
    public static class MessageThroughput
    {
        private const string Topic = "$thing/down/property/BENCH00001/dev01";
        private const int WireBytes = 15 + 37 + 7 + 200 + 3;

        private sealed class Counter : IReportHandler
        {
            public int Messages;
            public long FirstTicks;
            public long LastTicks;

            public void OnReport(Report report)
            {
                if (report.Kind != ReportKind.MessageReceived || report.PayloadLength != 200)
                {
                    return;
                }
                long now = Stopwatch.GetTimestamp();
                if (Interlocked.Increment(ref Messages) == 1)
                {
                    FirstTicks = now;
                }
                LastTicks = now;
            }
        }

        public static async Task Run()
        {
            Console.WriteLine("| baud | line ceiling (messages/s) | firmware, best of 3 (messages/s) | share of the ceiling |");
            Console.WriteLine("|---|---|---|---|");
            foreach (int baud in new[] { 115200, 460800, 921600 })
            {
                double ceiling = baud / 10.0 / WireBytes;
                double best = 0;
                string failure = null;
                for (int run = 0; run < 3; run++)
                {
                    double rate = await Once(baud, ceiling);
                    if (rate < 0)
                    {
                        failure = $"{-rate:F0} of {(int)(ceiling * 4)} received";
                    }
                    best = Math.Max(best, rate);
                }
                string verdict = best > ceiling * 1.01 ? " ABOVE THE CEILING: a measurement fault" : "";
                Console.WriteLine(failure == null
                    ? $"| {baud} | {ceiling:F1} | {best:F1} | {best / ceiling:P1}{verdict} |"
                    : $"| {baud} | {ceiling:F1} | {failure} | |");
            }
        }

        // Messages a second from the first to the last received; minus the count received when not all came.
        private static async Task<double> Once(int baud, double ceiling)
        {
            {
                int count = (int)(ceiling * 4); // about four seconds of line
                await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
                await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BaudRate = baud, BrokerPort = broker.Port });
                var (mcu, module) = UartPair.CreateInProcess();
                simulator.Start(module);
                using StreamLink stream = new StreamLink(mcu);
                AtEngine engine = new AtEngine(stream, new AtEngineOptions { ReceiveChunk = TcAtMcu.Link.UartBudget.ReadChunk(baud) });
                TcModule tc = new TcModule(engine);
                Counter counter = new Counter();
                engine.Start(counter);
                using IMqttClient cloud = new MqttClientFactory().CreateMqttClient();
                try
                {
                    tc.DisableEcho();
                    Require(tc.SetDeviceInfo("BENCH00001", "dev01", "YmVuY2gtc2VjcmV0"), "AT+TCDEVINFOSET");
                    Require(tc.Connect(new MqttSettings { CommandTimeoutMs = 2000 }), "AT+TCMQTTCONN");
                    Require(tc.Subscribe(Topic, 0), "AT+TCMQTTSUB");
                    await cloud.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("cloud").Build());
                    byte[] payload = new byte[200];
                    new Random(baud).NextBytes(payload);
                    for (int i = 0; i < payload.Length; i++)
                    {
                        payload[i] = (byte)('a' + payload[i] % 26); // no quote, CR or LF: one reading per header
                    }
                    for (int i = 0; i < count; i++)
                    {
                        await cloud.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload)
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());
                    }
                    SpinWait.SpinUntil(() => Volatile.Read(ref counter.Messages) >= count, TimeSpan.FromSeconds(60));
                    int got = Volatile.Read(ref counter.Messages);
                    double seconds = (counter.LastTicks - counter.FirstTicks) / (double)Stopwatch.Frequency;
                    return got == count ? (got - 1) / seconds : -got;
                }
                finally
                {
                    engine.Stop();
                }
            }
        }

        private static void Require(AtResult result, string command)
        {
            if (!result.IsOk)
            {
                throw new InvalidOperationException(command + " failed: " + result.Status + " " + result.Code);
            }
        }
    }
}
