using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Ota;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The application under one fault after another, against the simulated module and an embedded broker: each
    /// fault is injected, the time until the application is online again and has published is measured from the
    /// fault's end, then it runs clean for a moment. Every kind comes once per round, in a shuffled order.
    /// Length: TCATMCU_SOAK_SECONDS (default 180, what CI runs); the README gives the hour.
    /// </summary>
    [Collection("end to end")]
    public class SoakTests
    {
        private const string ProductId = "SOAKTEST01";
        private const string DeviceName = "dev01";
        private const int GiveUpMs = 30000;
        private const int GoalMs = 15000;

        private enum Fault
        {
            MqttLinkKilled,
            BrokerRestart,
            ModuleReboot,
            BusyAnswers,
            RebootWhileReconnecting,
            RebootDuringOtaRead,
            RebootDuringPublish,
            RebootUnheard,
            WifiLostAndBack,
            UartDeadForASecond,
            BrokerRefusing,
            // Once per soak (the first round): the access point away for minutes (150 s from a 600 s soak, 30 s below).
            AccessPointAway,
        }

        private static readonly string[] FaultNames =
        {
            "MQTT link killed", "broker restart", "module reboot", "busy answers", "reboot while reconnecting",
            "reboot during OTA read", "reboot during a PUBL payload", "reboot, its ready lost", "WiFi lost and back",
            "UART dead for 1 s", "broker refusing 2-6 s", "access point away long",
        };

        /// <summary>Everything the soak runs: the broker, the module, the firmware's application on its own thread.</summary>
        private sealed class Rig
        {
            public EmbeddedBroker Broker;
            public int Port;
            public ModuleSimulator Simulator;
            public ConnectionLifecycle App;
            public AppSettings Settings;
            public MemorySink Sink;
            // By telemetry sequence number (clientToken tc-N), sized once so the bookkeeping does not grow the heap.
            public bool[] Accepted;
            public bool[] AtBroker;
            public readonly Stopwatch Clock = Stopwatch.StartNew();
            public long LastRebootMs = -1;
            public readonly ConcurrentQueue<string> Events = new ConcurrentQueue<string>();

            /// <summary>Application states and module events with their times, the last few hundred, for a failure's message.</summary>
            public void Note(string text)
            {
                Events.Enqueue(Clock.ElapsedMilliseconds + " " + text);
                while (Events.Count > 20000 && Events.TryDequeue(out _))
                {
                }
            }

            /// <summary>The last events, and all of them (with the wire trace) in a file named in the text.</summary>
            public string Recent()
            {
                string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcatmcu-soak-events.txt");
                string[] events = Events.ToArray();
                System.IO.File.WriteAllLines(file, events);
                return string.Join("\n", events.Where(e => !e.Contains(" wire: ")).TakeLast(60)) + "\n(all events and the wire trace: " + file + ")";
            }
            public volatile bool Stop;

            public void Seen(string topic, byte[] payload)
            {
                string text = Encoding.UTF8.GetString(payload);
                int at = text.IndexOf("\"tc-", StringComparison.Ordinal);
                if (at >= 0 && topic.StartsWith("$thing/up/property/", StringComparison.Ordinal))
                {
                    int end = text.IndexOf('"', at + 4);
                    if (end > at && int.TryParse(text.AsSpan(at + 4, end - at - 4), out int sequence) && sequence < AtBroker.Length)
                    {
                        AtBroker[sequence] = true;
                    }
                }
            }

            public SoakTelemetry Telemetry;

            public bool OnlineAndPublishedSince(int published) => App.State == AppState.Online && App.Published > published;
        }

        /// <summary>Telemetry that alternates the short form (AT+TCMQTTPUB) with a payload over 256 bytes (AT+TCMQTTPUBL).</summary>
        private sealed class SoakTelemetry : ICloudService
        {
            private readonly byte[] _buffer = new byte[512];
            private readonly int _periodMs;
            private readonly long _startedAt = Environment.TickCount64;
            private CloudRouter _router;
            private CloudTopic _topic;

            public SoakTelemetry(int periodMs) => _periodMs = periodMs;

            public int LastSequence { get; private set; }
            public long DueAtMs { get; private set; } = long.MaxValue;

            public void Attach(CloudRouter router)
            {
                _router = router;
                _topic = router.Publishes(router.Topics.Of("$thing/up/property"));
            }

            public void OnOnline(long nowMs) => DueAtMs = nowMs;

            public void OnMessage(CloudTopic topic, TcAtMcu.Matching.Report report)
            {
            }

            public void OnDue(long nowMs)
            {
                int sequence = _router.NewToken();
                LastSequence = sequence;
                // {"method":"report","clientToken":"tc-N","params":{"uptime_s":S}} or, every other one, with "note":"xxx..." past 256 bytes
                string note = sequence % 2 == 1 ? "" : ",\"note\":\"" + new string('x', 300) + "\"";
                byte[] text = Encoding.ASCII.GetBytes("{\"method\":\"report\",\"clientToken\":\"tc-" + sequence + "\",\"params\":{\"uptime_s\":"
                    + (Environment.TickCount64 - _startedAt) / 1000 + note + "}}");
                Array.Copy(text, _buffer, text.Length);
                _router.Publish(_topic, _buffer, 0, text.Length);
                DueAtMs = nowMs + _periodMs;
            }
        }

        [Fact]
        public async Task SoakUnderFaults()
        {
            int seconds = int.TryParse(Environment.GetEnvironmentVariable("TCATMCU_SOAK_SECONDS"), out int s) ? s : 180;
            Rig rig = new Rig { Accepted = new bool[seconds * 50 + 1000], AtBroker = new bool[seconds * 50 + 1000] };
            rig.Broker = await EmbeddedBroker.StartAsync(0);
            rig.Port = rig.Broker.Port;
            rig.Broker.Published += rig.Seen;
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = rig.Port, ReconnectTimeoutMs = 8000, FirmwareGeneration = 1, RawPublish = false });
            rig.Simulator = simulator;
            simulator.Log += text =>
            {
                rig.Note("module: " + text);
                if (text == "rebooted")
                {
                    Interlocked.Exchange(ref rig.LastRebootMs, rig.Clock.ElapsedMilliseconds);
                }
            };
            simulator.Traced += line => rig.Note("wire: " + line);
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            // Product defaults (DeviceSettings.cs, AppSettings) except: telemetry every 150 ms for traffic, the
            // simulator's short boot, and backoff capped at 4 s instead of 60 s (the WiFi rejoins too, from 1 s).
            rig.Settings = new AppSettings
            {
                ProductId = ProductId, DeviceName = DeviceName, DeviceSecret = "c29haw==", TelemetryPeriodMs = 150,
                BootWaitMs = 300, BackoffMinMs = 1000, BackoffMaxMs = 4000, WifiRejoinMinMs = 1000, WifiRejoinMaxMs = 4000,
            };
            rig.Settings.Mqtt.CommandTimeoutMs = 5000;
            CloudRouter cloud = new CloudRouter(tc, rig.Settings.ProductId, rig.Settings.DeviceName, rig.Settings.FirmwareVersion);
            rig.Telemetry = new SoakTelemetry(rig.Settings.TelemetryPeriodMs);
            cloud.Add(rig.Telemetry);
            rig.App = new ConnectionLifecycle(tc, rig.Settings, new RebootingReset(simulator),
                new StatusLed(new RecordingLed(), new SystemClock()), new SystemClock(), cloud, null);
            rig.Sink = new MemorySink(716800);
            rig.App.Updater = new OtaUpdater(tc, rig.Sink, 4096);
            rig.App.Observer = new StateNotes(rig);
            engine.Start(null);
            Thread loop = new Thread(() => RunApp(rig)) { Name = "soak-app" };
            loop.Start();

            Random random = new Random(12);
            List<(Fault Kind, long RecoveryMs)> recoveries = new List<(Fault, long)>();
            List<string> problems = new List<string>();
            int otaInstalled = 0;
            int otaPushed = 0;
            long memoryStart = 0;
            long memoryEnd = 0;
            try
            {
                Assert.True(await WaitUntil(() => rig.OnlineAndPublishedSince(0), 15000), "online at start: " + AppStateNames.Of(rig.App.State));
                rig.Events.Clear(); // the diagnostic log is no part of what is measured
                memoryStart = GC.GetTotalMemory(true);
                Queue<Fault> bag = new Queue<Fault>();
                long endAt = seconds * 1000L;
                while (rig.Clock.ElapsedMilliseconds < endAt)
                {
                    if (bag.Count == 0)
                    {
                        foreach (Fault f in Enum.GetValues<Fault>().OrderBy(_ => random.Next()))
                        {
                            if (f != Fault.AccessPointAway || recoveries.Count == 0)
                            {
                                bag.Enqueue(f);
                            }
                        }
                    }
                    Fault kind = bag.Dequeue();
                    string version = null;
                    if (kind == Fault.RebootDuringOtaRead)
                    {
                        version = "2.0." + (++otaPushed);
                    }
                    rig.Note("fault: " + FaultNames[(int)kind]);
                    long faultEnd = await Inject(kind, rig, random, version, seconds >= 600 ? 150000 : 30000);
                    await WaitUntil(() => rig.Clock.ElapsedMilliseconds >= faultEnd, GiveUpMs);
                    // Counted from the fault's end: a telemetry accepted before it proves nothing.
                    int published = rig.App.Published;
                    bool back = await WaitUntil(() => rig.OnlineAndPublishedSince(published)
                        && (version == null || rig.App.Version.Current == version), faultEnd - rig.Clock.ElapsedMilliseconds + GiveUpMs);
                    long recovery = rig.Clock.ElapsedMilliseconds - faultEnd;
                    recoveries.Add((kind, recovery));
                    if (!back)
                    {
                        problems.Add(FaultNames[(int)kind] + ": not back online after " + recovery + " ms (" + AppStateNames.Of(rig.App.State) + ")\n" + rig.Recent());
                    }
                    if (version != null && rig.App.Version.Current == version)
                    {
                        otaInstalled++;
                    }
                    await Task.Delay(500 + random.Next(1000), TestContext.Current.CancellationToken);
                }
                rig.Events.Clear();
                memoryEnd = GC.GetTotalMemory(true);
            }
            finally
            {
                rig.Stop = true;
                loop.Join();
                engine.Stop();
                await rig.Broker.DisposeAsync();
            }

            List<int> Lost() => Enumerable.Range(0, rig.Accepted.Length).Where(i => rig.Accepted[i] && !rig.AtBroker[i]).ToList();
            SpinWait.SpinUntil(() => Lost().Count == 0, 3000);
            List<int> lost = Lost();
            int accepted = rig.Accepted.Count(a => a);
            string report = Report(seconds, recoveries, accepted, accepted - lost.Count, otaPushed, otaInstalled,
                memoryStart, memoryEnd);
            Print(report);

            Assert.True(problems.Count == 0, string.Join("; ", problems) + "\n" + report);
            Assert.True(lost.Count == 0, "QoS 1 telemetry accepted but never at the broker: tc-" + string.Join(", tc-", lost.Take(20)));
            long worst = recoveries.Max(r => r.RecoveryMs);
            Assert.True(worst < GoalMs, "worst recovery " + worst + " ms\n" + report);
            if (seconds >= 120)
            {
                foreach (Fault f in Enum.GetValues<Fault>())
                {
                    Assert.Contains(recoveries, r => r.Kind == f);
                }
            }
            Assert.Equal(otaPushed, otaInstalled);
            Assert.True(accepted > seconds, "telemetry accepted: " + accepted);
            Assert.True(memoryEnd - memoryStart < 8 * 1024 * 1024, "managed memory grew by " + (memoryEnd - memoryStart) + " bytes");
        }

        /// <summary>Injects one fault; returns when it ends (Clock ms): the moment the module, WiFi, UART or broker is whole again.</summary>
        private static async Task<long> Inject(Fault kind, Rig rig, Random random, string otaVersion, int accessPointAwayMs)
        {
            SimulatorFaults faults = rig.Simulator.Faults;
            long now() => rig.Clock.ElapsedMilliseconds;
            switch (kind)
            {
                case Fault.MqttLinkKilled:
                    faults.KillMqttConnection();
                    return now();
                case Fault.BrokerRestart:
                    await rig.Broker.DisposeAsync();
                    await Task.Delay(300 + random.Next(1200));
                    rig.Broker = await EmbeddedBroker.StartAsync(rig.Port);
                    rig.Broker.Published += rig.Seen;
                    return now();
                case Fault.ModuleReboot:
                    rig.Simulator.Reboot();
                    return now();
                case Fault.BusyAnswers:
                    faults.BusyAnswers = 1 + random.Next(3);
                    return now();
                case Fault.RebootWhileReconnecting:
                {
                    int refuseMs = 3000 + random.Next(2000);
                    long refusedUntil = now() + refuseMs;
                    faults.RefuseBroker(TimeSpan.FromMilliseconds(refuseMs));
                    await WaitUntil(() => rig.App.State == AppState.Reconnecting, refuseMs);
                    rig.Simulator.Reboot();
                    return Math.Max(now(), refusedUntil);
                }
                case Fault.RebootDuringOtaRead:
                {
                    byte[] image = new byte[20000 + random.Next(40000)];
                    random.NextBytes(image);
                    long rebootsBefore = Interlocked.Read(ref rig.LastRebootMs);
                    faults.RebootDuringNextFirmwareRead(random.Next(image.Length));
                    await using OtaPush push = new OtaPush(ProductId, DeviceName, _ => { });
                    await push.StartAsync("127.0.0.1", rig.Port);
                    rig.Note("OTA push " + otaVersion + ", " + image.Length + " bytes");
                    await push.PushAsync(otaVersion, image);
                    await WaitUntil(() => Interlocked.Read(ref rig.LastRebootMs) != rebootsBefore, GiveUpMs);
                    long rebooted = Interlocked.Read(ref rig.LastRebootMs);
                    // The version the device reports once it runs the image: the cloud sees the update through.
                    await Task.WhenAny(push.NewVersionReported, Task.Delay(GiveUpMs));
                    Assert.True(push.NewVersionReported.IsCompletedSuccessfully, "version " + otaVersion + " never reported\n" + rig.Recent());
                    Assert.Equal(image, rig.Sink.Data.AsSpan(0, image.Length).ToArray());
                    return rebooted != rebootsBefore ? rebooted : now();
                }
                case Fault.RebootDuringPublish:
                {
                    long rebootsBefore = Interlocked.Read(ref rig.LastRebootMs);
                    faults.RebootDuringNextPayload(1 + random.Next(250));
                    await WaitUntil(() => Interlocked.Read(ref rig.LastRebootMs) != rebootsBefore, 5000);
                    return Interlocked.Read(ref rig.LastRebootMs) != rebootsBefore ? Interlocked.Read(ref rig.LastRebootMs) : now();
                }
                case Fault.RebootUnheard:
                    faults.DropUartBytes(TimeSpan.FromMilliseconds(600));
                    rig.Simulator.Reboot();
                    return now() + 600;
                case Fault.WifiLostAndBack:
                {
                    int awayMs = 1000 + random.Next(3000);
                    faults.LoseWifi(TimeSpan.FromMilliseconds(awayMs));
                    return now() + awayMs;
                }
                case Fault.AccessPointAway:
                    // The module does not rejoin by itself: the application must, with its bounded backoff.
                    faults.LoseWifi(TimeSpan.FromMilliseconds(accessPointAwayMs));
                    return now() + accessPointAwayMs;
                case Fault.UartDeadForASecond:
                    faults.DropUartBytes(TimeSpan.FromSeconds(1));
                    return now() + 1000;
                default:
                {
                    int refuseMs = 2000 + random.Next(4000);
                    faults.RefuseBroker(TimeSpan.FromMilliseconds(refuseMs));
                    return now() + refuseMs;
                }
            }
        }

        private static string Report(int seconds, List<(Fault Kind, long RecoveryMs)> recoveries, int accepted, int seen, int otaPushed,
            int otaInstalled, long memoryStart, long memoryEnd)
        {
            StringBuilder text = new StringBuilder();
            text.AppendLine($"soak {seconds} s: {recoveries.Count} faults; time back online (online and a telemetry accepted) after each fault's end");
            text.AppendLine($"  {"fault",-30} {"count",5} {"median ms",10} {"worst ms",9}");
            foreach (Fault f in Enum.GetValues<Fault>())
            {
                List<long> times = recoveries.Where(r => r.Kind == f).Select(r => r.RecoveryMs).ToList();
                if (times.Count > 0)
                {
                    text.AppendLine($"  {FaultNames[(int)f],-30} {times.Count,5} {Median(times),10} {times.Max(),9}");
                }
            }
            List<long> all = recoveries.Select(r => r.RecoveryMs).ToList();
            text.AppendLine($"  {"all",-30} {all.Count,5} {(all.Count > 0 ? Median(all) : 0),10} {(all.Count > 0 ? all.Max() : 0),9}");
            text.AppendLine($"  QoS 1 telemetry: {accepted} accepted by the module, {seen} of them seen by the broker, {accepted - seen} lost");
            text.AppendLine($"  OTA: {otaPushed} pushed, {otaInstalled} installed and reported");
            text.AppendLine($"  managed memory of the test process (firmware, simulator, broker; after a full GC): start {memoryStart / 1024} KB, end {memoryEnd / 1024} KB");
            return text.ToString();
        }

        private static long Median(List<long> values)
        {
            List<long> sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }

        // Shown by `dotnet test --output detailed`; also kept in a file for a run whose output is not at hand.
        private static void Print(string report)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(report);
            System.IO.File.WriteAllText(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcatmcu-soak-report.txt"), report);
        }

        private static void RunApp(Rig rig)
        {
            while (!rig.Stop)
            {
                int before = rig.App.Published;
                int wait = rig.App.Step();
                if (rig.App.Published > before)
                {
                    rig.Accepted[rig.Telemetry.LastSequence] = true;
                }
                Thread.Sleep(Math.Clamp(wait, 1, 20));
            }
        }

        private static async Task<bool> WaitUntil(Func<bool> condition, long timeoutMs)
        {
            Stopwatch watch = Stopwatch.StartNew();
            while (!condition())
            {
                if (watch.ElapsedMilliseconds > timeoutMs)
                {
                    return false;
                }
                await Task.Delay(10);
            }
            return true;
        }

        private sealed class StateNotes : IStateObserver
        {
            private readonly Rig _rig;

            public StateNotes(Rig rig) => _rig = rig;

            public void OnStateChanged(AppState state) => _rig.Note("state: " + AppStateNames.Of(state)
                + (state == AppState.Updating || state == AppState.Checking ? " (last update " + _rig.App.LastUpdate + ")" : ""));
        }

        private sealed class RebootingReset : IModuleReset
        {
            private readonly ModuleSimulator _simulator;

            public RebootingReset(ModuleSimulator simulator) => _simulator = simulator;

            public void Pulse() => _simulator.Reboot();
        }

    }
}
