using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The nanoFramework conformance gate: the firmware, every board, and the on-device tests compile against
    /// nanoFramework's real mscorlib (CoreLibrary 1.17.11) and the declared surface of the other packages, in Debug and
    /// Release with the nfproj's symbols; the probes prove the gate rejects what nanoFramework lacks.
    /// </summary>
    public class ConformanceGateTests
    {
        public static TheoryData<string, string> BoardsAndConfigurations()
        {
            TheoryData<string, string> data = new TheoryData<string, string>();
            foreach (string dir in Directory.GetDirectories(Path.Combine(NanoFrameworkCompiler.Root, "boards")).OrderBy(d => d))
            {
                if (File.Exists(Path.Combine(dir, "Board.cs")))
                {
                    data.Add(Path.GetFileName(dir), "Debug");
                    data.Add(Path.GetFileName(dir), "Release");
                }
            }
            return data;
        }

        private static List<SyntaxTree> Firmware(string configuration) =>
            NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu"), NanoFrameworkCompiler.Symbols(configuration));

        [Theory]
        [MemberData(nameof(BoardsAndConfigurations))]
        public void FirmwareAndAppBuildForTheBoard(string board, string configuration)
        {
            // The library is built by its own nfproj (no board symbols); the app with the board's.
            string[] appSymbols = NanoFrameworkCompiler.Symbols(configuration, NanoFrameworkCompiler.BoardSymbols(board));
            List<SyntaxTree> trees = Firmware(configuration);
            trees.AddRange(NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu.App"), appSymbols));
            trees.AddRange(NanoFrameworkCompiler.Parse(Path.Combine("boards", board), appSymbols));
            Assert.True(trees.Count > 30, "firmware sources found: " + trees.Count);

            List<string> problems = NanoFrameworkCompiler.Errors("TcAtMcu." + board, trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(trees));
            Assert.True(problems.Count == 0, "not nanoFramework-clean:\n" + string.Join("\n", problems));
        }

        [Theory]
        [MemberData(nameof(BoardsAndConfigurations))]
        public void BootProgramBuildsForTheBoard(string board, string configuration)
        {
            // firmware/TcAtMcu.Boot.nfproj: the boot program, the product application as its factory entry (not its
            // stand-alone Program.cs), the board.
            string[] symbols = NanoFrameworkCompiler.Symbols(configuration, NanoFrameworkCompiler.BoardSymbols(board));
            List<SyntaxTree> trees = Firmware(configuration);
            trees.AddRange(NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu.Boot"), symbols));
            trees.AddRange(NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu.App"), symbols)
                .Where(t => Path.GetFileName(t.FilePath) != "Program.cs"));
            trees.AddRange(NanoFrameworkCompiler.Parse(Path.Combine("boards", board), symbols));

            List<string> problems = NanoFrameworkCompiler.Errors("TcAtMcu.Boot." + board, trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(trees));
            Assert.True(problems.Count == 0, "boot program not nanoFramework-clean:\n" + string.Join("\n", problems));
        }

        /// <summary>Each on-device test project (tests/*/*.nfproj with IsTestProject) in Debug and Release.</summary>
        public static TheoryData<string, string> TestProjectsAndConfigurations()
        {
            TheoryData<string, string> data = new TheoryData<string, string>();
            foreach (TcAtMcu.DeviceRun.TestProject project in TcAtMcu.DeviceRun.TestProject.All())
            {
                data.Add(project.Name, "Debug");
                data.Add(project.Name, "Release");
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(TestProjectsAndConfigurations))]
        public void OnDeviceTestsBuildForTheDevice(string project, string configuration)
        {
            // What the test project's nfproj compiles (its folders' globs and the linked generated template), on the firmware.
            string[] symbols = NanoFrameworkCompiler.Symbols(configuration);
            TcAtMcu.DeviceRun.TestProject p = TcAtMcu.DeviceRun.TestProject.All().Single(t => t.Name == project);
            List<SyntaxTree> tests = p.Sources.Select(path => NanoFrameworkCompiler.ParseFile(path, symbols)).ToList();
            Assert.True(tests.Count > 10, project + ": test sources found: " + tests.Count);
            List<SyntaxTree> trees = Firmware(configuration).Concat(tests).ToList();

            List<string> problems = NanoFrameworkCompiler.Errors(p.AssemblyName, trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(tests));
            Assert.True(problems.Count == 0, project + ": on-device tests not nanoFramework-clean:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void DeviceBenchmarkBuildsForTheDevice()
        {
            string[] symbols = NanoFrameworkCompiler.Symbols("Release");
            List<SyntaxTree> bench = NanoFrameworkCompiler.Parse(Path.Combine("tests", "Device", "Bench"), symbols);
            // The example product it runs online, as the device run builds it.
            bench.AddRange(NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu.App", "Product"), symbols));
            Assert.True(bench.Count > 0, "no benchmark sources under tests/Device/Bench");
            List<SyntaxTree> trees = Firmware("Release").Concat(bench).ToList();

            List<string> problems = NanoFrameworkCompiler.Errors("TcAtMcu.Bench", trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(bench));
            Assert.True(problems.Count == 0, "device benchmark not nanoFramework-clean:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void TheGateUsesTheRealCoreLibrary()
        {
            using FileStream dll = File.OpenRead(NanoFrameworkCompiler.MscorlibPath());
            using var pe = new System.Reflection.PortableExecutable.PEReader(dll);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var assembly = metadata.GetAssemblyDefinition();
            Assert.Equal("mscorlib", metadata.GetString(assembly.Name));
            Assert.Equal(new System.Version(1, 17, 11, 0), assembly.Version);
        }

        [Theory]
        [InlineData("List<T>", "class P { System.Collections.Generic.List<int> items; }", "CS0234")]
        [InlineData("Span<T>", "class P { void M(System.Span<byte> s) { } }", "CS0234")]
        [InlineData("LINQ", "using System.Linq; class P { }", "CS0234")]
        [InlineData("async Task", "class P { async System.Threading.Tasks.Task M() { } }", "CS0234")]
        [InlineData("ValueTuple", "class P { (int, int) M() { return (1, 2); } }", "CS8179")]
        [InlineData("string.Join", "class P { string M() { return string.Join(\",\", new string[0]); } }", "CS0117")]
        [InlineData("Environment.TickCount64", "class P { long M() { return System.Environment.TickCount64; } }", "CS0234")]
        [InlineData("WaitOne(int)", "class P { bool M(System.Threading.AutoResetEvent e) { return e.WaitOne(10); } }", "CS7036")]
        [InlineData("System.Math (not in mscorlib 1.17.11)", "class P { int M(int a, int b) { return System.Math.Max(a, b); } }", "CS0234")]
        [InlineData("System.GC.GetTotalMemory", "class P { long M() { return System.GC.GetTotalMemory(true); } }", "CS0117")]
        [InlineData("Buffer.BlockCopy (not in mscorlib 1.17.11)", "class P { void M(byte[] a, byte[] b) { System.Buffer.BlockCopy(a, 0, b, 0, 1); } }", "CS0234")]
        [InlineData("a public ctor of GpioPin", "class P { object M() { return new System.Device.Gpio.GpioPin(); } }", "CS1729")]
        [InlineData("a public ctor of SerialDataReceivedEventArgs", "class P { object M() { return new System.IO.Ports.SerialDataReceivedEventArgs(); } }", "CS1729")]
        [InlineData("Parity.Mark", "class P { object M() { return System.IO.Ports.Parity.Mark; } }", "CS0117")]
        [InlineData("volatile (mscorlib 1.17.11 has no IsVolatile)", "class P { volatile bool done; }", "CS0518")]
        [InlineData("StopBits.None", "class P { object M() { return System.IO.Ports.StopBits.None; } }", "CS0117")]
        [InlineData("AssertFailedException in TestFramework's namespace", "class P { object M() { return new nanoFramework.TestFramework.AssertFailedException(); } }", "CS0234")]
        [InlineData("code under #if DEBUG", "class P {\n#if DEBUG\n int M() { return System.Math.Abs(-1); }\n#endif\n}", "CS0234")]
        [InlineData("code under #if NANOFRAMEWORK_1_0", "class P {\n#if NANOFRAMEWORK_1_0\n int M() { return System.Math.Abs(-1); }\n#endif\n}", "CS0234")]
        public void ProbeTheGateRejects(string what, string code, string error)
        {
            List<string> errors = NanoFrameworkCompiler.Errors("Probe", new[] { NanoFrameworkCompiler.ParseText(code, "probe.cs") });
            Assert.True(errors.Any(e => e.Contains(error)), what + ": expected " + error + ", got:\n" + string.Join("\n", errors));
        }

        [Theory]
        [InlineData("generic class", "class Box<T> { T value; }")]
        [InlineData("generic method", "class P { void M<T>(T v) { } }")]
        [InlineData("a generic delegate mscorlib 1.17.11 declares", "class P { System.Action<int> a; }")]
        [InlineData("stackalloc", "class P { unsafe void M() { int* p = stackalloc int[4]; } }")]
        [InlineData("record", "record R(int A);")]
        [InlineData("int[,]", "class P { int[,] grid = new int[2, 3]; }")]
        [InlineData("byte[,,] parameter", "class P { void M(byte[,,] cube) { } }")]
        public void ProbeTheSyntaxCheckRejects(string what, string code)
        {
            List<string> found = NanoFrameworkCompiler.ForbiddenSyntax(new[] { NanoFrameworkCompiler.ParseText(code, "probe.cs") });
            Assert.True(found.Count > 0, what + " was not flagged");
        }

        [Fact]
        public void ProbeAnAllowedSnippetPasses()
        {
            const string code = "using System.Threading; class P { readonly object _sync = new object(); byte[] _b = { 1, 2, 3 };"
                + " int[][] _jagged = new int[2][];"
                + " int M(AutoResetEvent e) { lock (_sync) { e.WaitOne(10, false); return _b.Length + \"x\".Length + _jagged.Length; } }"
                + " uint Free() { return nanoFramework.Runtime.Native.GC.Run(true); } }";
            SyntaxTree tree = NanoFrameworkCompiler.ParseText(code, "probe.cs");
            Assert.Empty(NanoFrameworkCompiler.Errors("Probe", new[] { tree }));
            Assert.Empty(NanoFrameworkCompiler.ForbiddenSyntax(new[] { tree }));
        }
    }
}
