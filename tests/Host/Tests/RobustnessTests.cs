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
    /// <summary>AT injection, secrets in output, and a soak under faults, against the simulator and a broker.</summary>
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

        /// <summary>
        /// Simulated operation under random module faults and broker restarts: every QoS 1 telemetry the application
        /// had accepted reached the broker, memory does not grow, and the application is always back online.
        /// Length: TCATMCU_SOAK_SECONDS (default 20; the README gives the hour-long command).
        /// </summary>
        [Fact]
        public async Task SoakUnderFaultsAndBrokerRestarts()
        {
            int seconds = int.TryParse(Environment.GetEnvironmentVariable("TCATMCU_SOAK_SECONDS"), out int s) ? s : 20;
            ConcurrentDictionary<string, bool> atBroker = new ConcurrentDictionary<string, bool>();
            void Seen(string topic, byte[] payload)
            {
                string text = Encoding.UTF8.GetString(payload);
                int at = text.IndexOf("\"tc-", StringComparison.Ordinal);
                if (at >= 0)
                {
                    atBroker[text.Substring(at + 1, text.IndexOf('"', at + 1) - at - 1)] = true;
                }
            }
            EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            int port = broker.Port;
            broker.Published += Seen;
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = port, ReconnectTimeoutMs = 8000 });
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            tc.LocalTimeoutMs = 1000;
            AppSettings settings = new AppSettings
            {
                ProductId = "SOAKTEST01", DeviceName = "dev01", DeviceSecret = "c29haw==", TelemetryPeriodMs = 150, TelemetryQos = 1,
                BootWaitMs = 150, BackoffMinMs = 200, BackoffMaxMs = 1000,
            };
            settings.Mqtt.CommandTimeoutMs = 2000;
            ConnectionLifecycle app = new ConnectionLifecycle(tc, settings, new RebootingReset(simulator),
                new StatusLed(new NoLed(), new SystemClock()), new SystemClock(), new UptimeTelemetry(), null, null);
            engine.Start(null);
            HashSet<string> accepted = new HashSet<string>();
            Random random = new Random(7);
            Stopwatch watch = Stopwatch.StartNew();
            long nextFault = 2000;
            long memoryAtThird = 0;
            int faults = 0;
            try
            {
                while (watch.ElapsedMilliseconds < seconds * 1000L)
                {
                    Step(app, accepted);
                    if (memoryAtThird == 0 && watch.ElapsedMilliseconds > seconds * 1000L / 3)
                    {
                        memoryAtThird = GC.GetTotalMemory(true);
                    }
                    if (watch.ElapsedMilliseconds < nextFault)
                    {
                        continue;
                    }
                    nextFault = watch.ElapsedMilliseconds + 1000 + random.Next(2000);
                    faults++;
                    switch (random.Next(4))
                    {
                        case 0:
                            simulator.Faults.KillMqttConnection();
                            break;
                        case 1:
                            await broker.DisposeAsync();
                            await Task.Delay(300 + random.Next(1500), TestContext.Current.CancellationToken);
                            broker = await EmbeddedBroker.StartAsync(port);
                            broker.Published += Seen;
                            break;
                        case 2:
                            simulator.Reboot();
                            break;
                        default:
                            simulator.Faults.BusyAnswers = 1 + random.Next(3);
                            break;
                    }
                }
                // Faults stop: the application must come back online by itself.
                Stopwatch recovery = Stopwatch.StartNew();
                int publishedAtEnd = app.Published;
                while (!(app.State == AppState.Online && app.Published > publishedAtEnd + 2))
                {
                    Assert.True(recovery.ElapsedMilliseconds < 30000, "not back online: " + AppStateNames.Of(app.State));
                    Step(app, accepted);
                }
                SpinWait.SpinUntil(() => accepted.All(atBroker.ContainsKey), 3000);
                List<string> lost = accepted.Where(a => !atBroker.ContainsKey(a)).ToList();
                Assert.True(faults >= seconds / 4, "faults injected: " + faults);
                Assert.True(accepted.Count > seconds, "telemetry accepted: " + accepted.Count);
                Assert.True(lost.Count == 0, "accepted but never at the broker: " + string.Join(", ", lost));
                long growth = GC.GetTotalMemory(true) - memoryAtThird;
                Assert.True(growth < 8 * 1024 * 1024, "memory grew by " + growth + " bytes");
            }
            finally
            {
                engine.Stop();
                await broker.DisposeAsync();
            }
        }

        private static void Step(ConnectionLifecycle app, HashSet<string> accepted)
        {
            int before = app.Published;
            int wait = app.Step();
            if (app.Published > before)
            {
                accepted.Add("tc-" + app.LastSequence);
            }
            Thread.Sleep(Math.Clamp(wait, 1, 20));
        }

        private sealed class RebootingReset : IModuleReset
        {
            private readonly ModuleSimulator _simulator;

            public RebootingReset(ModuleSimulator simulator) => _simulator = simulator;

            public void Pulse() => _simulator.Reboot();
        }

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }
    }
}
