using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>AT injection and secrets in output, against the simulator and a broker (the soak: SoakTests).</summary>
    [Collection("end to end")]
    public class RobustnessTests
    {
        private static readonly char[] Hostile =
        {
            '"', ',', '\\', '\r', '\n', '+', '\0', ' ', '=', '?', ';', 'A', 'T', 'a', '1', '/', '\u00e9', '\u4e2d', '\ud83d', '\ude00',
        };

        private static readonly string[] HostilePieces = { "+++\r\n", "\r\nAT+TCRESTORE\r\n", "\",0,\"", "\\\"", "\\,", "AT+TCMQTTDISCONN", "\r\n>" };

        private static Gen<string> HostileText(int maxPieces) =>
            Gen.ListOf(Gen.Elements(Hostile).Select(c => c.ToString()).Or(Gen.Elements(HostilePieces)))
                .Select(parts => string.Concat(parts.Take(maxPieces)));

        /// <summary>
        /// However hostile the topic and payload, the module receives exactly one well-formed publish command (and its
        /// payload block), never a second command; and what the API accepted reaches the broker byte for byte.
        /// </summary>
        [Fact]
        public async Task NoTopicOrPayloadInjectsACommand()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            ConcurrentQueue<(string Topic, byte[] Payload)> reached = new ConcurrentQueue<(string, byte[])>();
            broker.Published += (t, p) => reached.Enqueue((t, p));
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = broker.Port });
            ConcurrentQueue<(string Text, AtLine At)> lines = new ConcurrentQueue<(string, AtLine)>();
            simulator.LineReceived += (text, at) => lines.Enqueue((text, at));
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            engine.Start(tc);
            try
            {
                Assert.True(tc.SetDeviceInfo("INJECT0001", "dev01", "aW5qZWN0aW9u").IsOk);
                Assert.True(tc.Connect(new MqttSettings()).IsOk);
                Assert.True(tc.RawPublishSupported());

                Gen<(string, string)> cases = HostileText(12).Zip(HostileText(200).Or(Gen.Constant(new string('x', 10 * 1024) + "\r\n\"")));
                Prop.ForAll(cases.ToArbitrary(), c =>
                {
                    (string topicTail, string payload) = c;
                    string topic = "inj/" + topicTail;
                    while (lines.TryDequeue(out _)) { }
                    while (reached.TryDequeue(out _)) { }
                    AtResult result;
                    try
                    {
                        result = tc.Publish(topic, 1, payload);
                    }
                    catch (ArgumentException)
                    {
                        return lines.IsEmpty; // refused before a byte was sent
                    }
                    List<(string Text, AtLine At)> seen = lines.ToList();
                    bool oneWellFormedPublish = seen.Count == 1 && seen[0].At != null
                        && (seen[0].At.Name == "TCMQTTPUB" || seen[0].At.Name == "TCMQTTPUBRAW" || seen[0].At.Name == "TCMQTTPUBL");
                    if (result.Status == AtStatus.Refused)
                    {
                        return seen.Count == 0;
                    }
                    if (!oneWellFormedPublish)
                    {
                        return false;
                    }
                    if (!result.IsOk)
                    {
                        return true; // the broker refused the topic (wildcards); nothing was injected
                    }
                    byte[] expected = Encoding.UTF8.GetBytes(payload);
                    SpinWait.SpinUntil(() => !reached.IsEmpty, 2000);
                    return reached.Any(m => m.Topic == Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(topic)) && m.Payload.SequenceEqual(expected));
                }).Check(Config.QuickThrowOnFailure.WithMaxTest(80).WithQuietOnSuccess(true));
            }
            finally
            {
                engine.Stop();
            }
        }

        [Fact]
        public async Task SecretsNeverAppearInOutput()
        {
            const string deviceSecret = "ZGV2aWNlLXNlY3JldC0xMjM0NTY=";
            const string productSecret = "cHJvZHVjdC1zZWNyZXQtOTg3";
            TextWriter console = Console.Out;
            StringWriter captured = new StringWriter();
            Console.SetOut(captured);
            try
            {
                await TcAtMcu.Run.Program.Main(new[] { "--plain", "--seconds", "3", "--trace", "--verbose", "--device-secret", deviceSecret, "--telemetry-ms", "500" });
                await TcAtMcu.Run.Program.Main(new[] { "--plain", "--seconds", "3", "--trace", "--verbose", "--product-secret", productSecret, "--device-name", "dev02" });
            }
            finally
            {
                Console.SetOut(console);
            }
            string output = captured.ToString();
            Assert.Contains("AT+TCDEVINFOSET=1,", output);
            Assert.Contains("AT+TCPRDINFOSET=1,", output);
            Assert.Contains("state: online", output);
            Assert.DoesNotContain(deviceSecret, output);
            Assert.DoesNotContain(productSecret, output);
        }
    }
}
