using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TcAtMcu.Engine;
using TcAtMcu.Ota;
using TcAtMcu.Package;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// OTA packages end to end on the host: the cloud pushes a package (the sample product application, compiled for
    /// .NET, packaged by tcatmcu-package's builder), the simulated module downloads it, the running application reads,
    /// verifies and stores it in a package store on disk and restarts; the next "boot" (PackageBoot, the boot program's
    /// logic) runs it on trial with Assembly.Load(byte[]) and keeps it only when it gets Online. A package that crashes
    /// or never gets Online is marked bad and the known-good one runs on the boot after.
    /// </summary>
    [Collection("end to end")]
    public class OtaPackageEndToEndTests
    {
        private const string ProductId = "E2EPKG0001";
        private const string DeviceName = "dev01";
        // A trial that must succeed gets a minute (the machine may be loaded); the never-online one is given less.
        private const int HealthTimeoutMs = 60000;
        private const int ShortHealthTimeoutMs = 8000;

        private static readonly byte[] Trial0 = { 0x53, 0x01, 0x00, 0x5B };
        private static readonly byte[] Good = { 0x53, 0x02, 0x00, 0x58 };
        private static readonly byte[] Bad = { 0x53, 0x03, 0x00, 0x59 };

        /// <summary>Broker, simulated module, cloud console and the device's package store.</summary>
        private sealed class Rig : IAsyncDisposable
        {
            public EmbeddedBroker Broker;
            public Peers.Mosquitto Mosquitto;
            public ModuleSimulator Simulator;
            public StreamLink Link;
            public OtaPush Cloud;
            public string Store;
            public readonly ConcurrentQueue<string> Reported = new ConcurrentQueue<string>();
            public readonly ConcurrentQueue<string> CloudLog = new ConcurrentQueue<string>();
            public PackageBoot Current;
            public Task<BootOutcome> Running;
            public IPackageEntry Factory;
            public int HealthTimeout = HealthTimeoutMs;

            public static async Task<Rig> StartAsync()
            {
                Rig r = new Rig();
                r.Mosquitto = Peers.StartMosquitto();
                if (r.Mosquitto == null)
                {
                    r.Broker = await EmbeddedBroker.StartAsync(0);
                }
                int port = r.Mosquitto?.Port ?? r.Broker.Port;
                r.Simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = port });
                var (mcu, module) = UartPair.CreateInProcess();
                r.Simulator.Start(module);
                r.Link = new StreamLink(mcu);
                r.Store = Path.Combine(Path.GetTempPath(), "tcatmcu-ota-e2e-" + Guid.NewGuid().ToString("N"));
                SimulatedDevice.Link = r.Link;
                ModuleSimulator simulator = r.Simulator;
                SimulatedDevice.Reset = new SimulatedDevice.ModuleReset(() => simulator.Reboot());
                SimulatedDevice.Store = r.Store;
                SimulatedDevice.ProductId = ProductId;
                SimulatedDevice.DeviceName = DeviceName;
                SimulatedDevice.DeviceSecret = "cGtnLWUyZQ==";
                SimulatedDevice.Notes.Clear();
                r.Cloud = new OtaPush(ProductId, DeviceName, text =>
                {
                    r.CloudLog.Enqueue(text);
                    const string prefix = "cloud: device reports version ";
                    if (text.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        r.Reported.Enqueue(text.Substring(prefix.Length));
                    }
                });
                await r.Cloud.StartAsync("127.0.0.1", port);
                r.Factory = new ReflectedEntry(PackageBoot.FindEntry(new[] { Assembly.Load(Sample("1.0.0")) }));
                return r;
            }

            /// <summary>One boot of the simulated device, in the background (it runs until the application returns).</summary>
            public void Boot()
            {
                Current = new PackageBoot(new FilePackageStorage(Store), 2, HealthTimeout, new NoReboot());
                Current.FactoryVersion = "1.0.0";
                Current.Log = new Notes();
                PackageBoot boot = Current;
                Running = Task.Run(() => boot.Boot(Factory));
            }

            public async Task<BootOutcome> BootEndsAsync(int timeoutMs)
            {
                Task done = await Task.WhenAny(Running, Task.Delay(timeoutMs));
                Assert.True(done == Running, "the boot did not end within " + timeoutMs + " ms:\n" + Story());
                return await Running;
            }

            public async Task PowerOffAsync()
            {
                Current.Restart();
                await BootEndsAsync(20000);
            }

            public void WaitReported(string version, int timeoutMs) =>
                Eventually.First(Reported, v => v == version, timeoutMs, () => "version " + version + " never reported:\n" + Story());

            public string Story() => "device:\n  " + string.Join("\n  ", SimulatedDevice.Notes) + "\ncloud:\n  " + string.Join("\n  ", CloudLog);

            public byte[] State(int sequence) => File.ReadAllBytes(Path.Combine(Store, "pkg-" + sequence + ".st"));

            public async ValueTask DisposeAsync()
            {
                if (Running != null && !Running.IsCompleted)
                {
                    Current.Restart();
                    await Task.WhenAny(Running, Task.Delay(20000));
                }
                await Cloud.DisposeAsync();
                await Simulator.DisposeAsync();
                if (Broker != null)
                {
                    await Broker.DisposeAsync();
                }
                Mosquitto?.Dispose();
                Link.Dispose();
                if (Directory.Exists(Store))
                {
                    Directory.Delete(Store, true);
                }
            }
        }

        private sealed class NoReboot : IRestart
        {
            public void Restart()
            {
            }
        }

        private sealed class Notes : IBootLog
        {
            public void Note(string text) => SimulatedDevice.Note("boot: " + text);
        }

        private sealed class ReflectedEntry : IPackageEntry
        {
            private readonly MethodInfo _run;

            public ReflectedEntry(MethodInfo run) => _run = run ?? throw new InvalidOperationException("no entry in the factory sample");

            public void Run(IHealthReporter health) => _run.Invoke(null, new object[] { health });
        }

        /// <summary>tests/Host/OtaSample compiled for .NET with the given symbols: the bytes of one assembly.</summary>
        private static byte[] Sample(string version, params string[] symbols)
        {
            string source = File.ReadAllText(Path.Combine(NanoFrameworkCompiler.Root, "tests", "Host", "OtaSample", "SampleApp.cs"));
            string stamp = "[assembly: System.Reflection.AssemblyInformationalVersion(\"" + version + "\")]";
            CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: symbols);
            List<MetadataReference> refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
            refs.Add(MetadataReference.CreateFromFile(typeof(OtaUpdater).Assembly.Location));
            refs.Add(MetadataReference.CreateFromFile(typeof(SimulatedDevice).Assembly.Location));
            CSharpCompilation compilation = CSharpCompilation.Create("Sample.App",
                new[] { CSharpSyntaxTree.ParseText(source, parse, "SampleApp.cs"), CSharpSyntaxTree.ParseText(stamp, parse) }, refs,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            using MemoryStream dll = new MemoryStream();
            var emitted = compilation.Emit(dll);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return dll.ToArray();
        }

        private static byte[] Package(string version, params string[] symbols) =>
            PackageBuilder.Build(version, new List<(string, byte[])> { ("Sample.App.dll", Sample(version, symbols)) });

        [Fact]
        public async Task PushedPackageIsStoredRunOnTrialConfirmedAndReported()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Boot();
            rig.WaitReported("1.0.0", 40000);

            await rig.Cloud.PushAsync("2.0.0", Package("2.0.0"));
            Assert.Equal(BootOutcome.Factory, await rig.BootEndsAsync(60000));
            Assert.Equal(OtaOutcome.Installed, SimulatedDevice.LastUpdate);
            Assert.Equal(Trial0, rig.State(1));
            Assert.DoesNotContain("2.0.0", rig.Reported);

            rig.Boot();
            rig.WaitReported("2.0.0", 60000);
            Assert.Equal(Good, rig.State(1));
            // The new version is claimed only once it proved healthy: until then, in both boots, the known-good one.
            string[] reported = rig.Reported.ToArray();
            Assert.Equal("2.0.0", reported[^1]);
            Assert.True(reported.Length >= 3 && reported[..^1].All(v => v == "1.0.0"), string.Join(", ", reported));
            Assert.False(rig.Current.OnTrial);
            await rig.PowerOffAsync();

            int reportsBefore = rig.Reported.Count;
            rig.Boot();
            Eventually.First(rig.Reported.Skip(reportsBefore), v => v == "2.0.0", 40000, rig.Story);
            Assert.Equal("2.0.0", rig.Current.Version);
            Assert.False(rig.Current.OnTrial);
            Assert.Equal(Good, rig.State(1));
        }

        [Fact]
        public async Task PackagesThatCrashOrNeverGetOnlineAreRolledBack()
        {
            await using Rig rig = await Rig.StartAsync();
            Directory.CreateDirectory(rig.Store);
            File.WriteAllBytes(Path.Combine(rig.Store, "pkg-1.tcp"), Package("2.0.0"));
            File.WriteAllBytes(Path.Combine(rig.Store, "pkg-1.st"), Good);
            rig.Boot();
            rig.WaitReported("2.0.0", 40000);

            await rig.Cloud.PushAsync("3.0.0", Package("3.0.0", "CRASH"));
            Assert.Equal(BootOutcome.Returned, await rig.BootEndsAsync(60000));
            Assert.Equal(Trial0, rig.State(2));
            rig.Boot();
            Assert.Equal(BootOutcome.Crashed, await rig.BootEndsAsync(20000));
            Assert.Equal(Bad, rig.State(2));

            int reportsBefore = rig.Reported.Count;
            rig.Boot();
            Eventually.First(rig.Reported.Skip(reportsBefore), v => v == "2.0.0", 40000, rig.Story);
            Assert.Equal("2.0.0", rig.Current.Version);

            rig.Simulator.Faults.DenySubscribe(SimulatedDevice.RefusedTopic);
            await rig.Cloud.PushAsync("4.0.0", Package("4.0.0", "NEVER_ONLINE"));
            Assert.Equal(BootOutcome.Returned, await rig.BootEndsAsync(60000));
            Assert.Equal(Trial0, rig.State(3));
            rig.HealthTimeout = ShortHealthTimeoutMs;
            rig.Boot();
            Assert.Equal(BootOutcome.NotHealthy, await rig.BootEndsAsync(ShortHealthTimeoutMs + 30000));
            rig.HealthTimeout = HealthTimeoutMs;
            Assert.Equal(Bad, rig.State(3));

            reportsBefore = rig.Reported.Count;
            rig.Boot();
            Eventually.First(rig.Reported.Skip(reportsBefore), v => v == "2.0.0", 40000, rig.Story);
            Assert.Equal(Good, rig.State(1));
            Assert.DoesNotContain("3.0.0", rig.Reported);
            Assert.DoesNotContain("4.0.0", rig.Reported);
        }

        [Fact]
        public async Task AnImageThatIsNoPackageIsRefusedAndReportedToTheCloud()
        {
            await using Rig rig = await Rig.StartAsync();
            rig.Boot();
            rig.WaitReported("1.0.0", 40000);
            byte[] image = new byte[30000];
            new Random(5).NextBytes(image);
            await rig.Cloud.PushAsync("5.0.0", image);
            // The module downloaded and checked it ("done"); the firmware refuses it at commit and says why.
            Eventually.First(rig.CloudLog, l => l.StartsWith("cloud: update fail", StringComparison.Ordinal), 60000, rig.Story);
            Assert.Contains("cloud: update fail 0%: package refused: not a package", rig.CloudLog);
            Assert.False(File.Exists(Path.Combine(rig.Store, "pkg-1.tcp")), "nothing committed");
            Assert.False(File.Exists(Path.Combine(rig.Store, "incoming.part")), "the refused image is not kept");
            Assert.False(rig.Running.IsCompleted, "the application runs on");
            await rig.PowerOffAsync();
            Assert.Equal(OtaOutcome.StoreFailed, SimulatedDevice.LastUpdate);
        }
    }
}
