using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The nanoFramework conformance gate: the firmware, every board, and the on-device tests compile against the
    /// declared nanoFramework surface alone; and the probes prove the gate rejects what nanoFramework lacks.
    /// </summary>
    public class ConformanceGateTests
    {
        public static TheoryData<string> Boards()
        {
            TheoryData<string> boards = new TheoryData<string>();
            foreach (string dir in Directory.GetDirectories(Path.Combine(NanoFrameworkCompiler.Root, "boards")).OrderBy(d => d))
            {
                if (File.Exists(Path.Combine(dir, "Board.cs")))
                {
                    boards.Add(Path.GetFileName(dir));
                }
            }
            return boards;
        }

        private static List<SyntaxTree> Firmware() =>
            NanoFrameworkCompiler.Sources(Path.Combine("firmware", "TcAtMcu")).Select(NanoFrameworkCompiler.ParseFile).ToList();

        [Theory]
        [MemberData(nameof(Boards))]
        public void FirmwareAndAppBuildForTheBoard(string board)
        {
            List<SyntaxTree> trees = Firmware();
            trees.AddRange(NanoFrameworkCompiler.Sources(Path.Combine("firmware", "TcAtMcu.App")).Select(NanoFrameworkCompiler.ParseFile));
            trees.AddRange(NanoFrameworkCompiler.Sources(Path.Combine("boards", board)).Select(NanoFrameworkCompiler.ParseFile));
            Assert.True(trees.Count > 30, "firmware sources found: " + trees.Count);

            List<string> problems = NanoFrameworkCompiler.Errors("TcAtMcu." + board, trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(trees));
            Assert.True(problems.Count == 0, "not nanoFramework-clean:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void OnDeviceTestsBuildForTheDevice()
        {
            List<SyntaxTree> tests = NanoFrameworkCompiler.Sources(Path.Combine("tests", "TcAtMcu.Tests")).Select(NanoFrameworkCompiler.ParseFile).ToList();
            // The example product's generated template, linked into the on-device tests by their nfproj.
            tests.AddRange(Directory.GetFiles(Path.Combine(NanoFrameworkCompiler.Root, "firmware", "TcAtMcu.App", "Product"), "*.g.cs").Select(NanoFrameworkCompiler.ParseFile));
            Assert.True(tests.Count > 10, "test sources found: " + tests.Count);
            List<SyntaxTree> trees = Firmware().Concat(tests).ToList();

            List<string> problems = NanoFrameworkCompiler.Errors("NFUnitTest", trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(tests));
            Assert.True(problems.Count == 0, "on-device tests not nanoFramework-clean:\n" + string.Join("\n", problems));
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
        public void ProbeTheGateRejects(string what, string code, string error)
        {
            List<string> errors = NanoFrameworkCompiler.Errors("Probe", new[] { NanoFrameworkCompiler.ParseText(code, "probe.cs") });
            Assert.True(errors.Any(e => e.Contains(error)), what + ": expected " + error + ", got:\n" + string.Join("\n", errors));
        }

        [Theory]
        [InlineData("generic class", "class Box<T> { T value; }")]
        [InlineData("generic method", "class P { void M<T>(T v) { } }")]
        [InlineData("stackalloc", "class P { unsafe void M() { int* p = stackalloc int[4]; } }")]
        [InlineData("record", "record R(int A);")]
        public void ProbeTheSyntaxCheckRejects(string what, string code)
        {
            List<string> found = NanoFrameworkCompiler.ForbiddenSyntax(new[] { NanoFrameworkCompiler.ParseText(code, "probe.cs") });
            Assert.True(found.Count > 0, what + " was not flagged");
        }

        [Fact]
        public void ProbeAnAllowedSnippetPasses()
        {
            const string code = "using System.Threading; class P { readonly object _sync = new object(); byte[] _b = { 1, 2, 3 };"
                + " int M(AutoResetEvent e) { lock (_sync) { e.WaitOne(10, false); return _b.Length + \"x\".Length; } } }";
            SyntaxTree tree = NanoFrameworkCompiler.ParseText(code, "probe.cs");
            Assert.Empty(NanoFrameworkCompiler.Errors("Probe", new[] { tree }));
            Assert.Empty(NanoFrameworkCompiler.ForbiddenSyntax(new[] { tree }));
        }
    }
}
