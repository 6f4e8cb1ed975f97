using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using TcAtMcu.DeviceRun;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The guard before nanoCLR's string-table limit: every on-device test assembly (and the firmware library) is
    /// built as the nfproj builds it and its string table estimated from above (StringTable.EstimateFromDll); CI fails
    /// at StringTable.GuardBytes, well before a device would. And every test source belongs to one test project.
    /// </summary>
    public class StringTableGuardTests
    {
        public static TheoryData<string, string> TestProjectsAndConfigurations() => ConformanceGateTests.TestProjectsAndConfigurations();

        private static byte[] FirmwareImage(string configuration) =>
            NanoFrameworkCompiler.Emit("TcAtMcu", NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu"), NanoFrameworkCompiler.Symbols(configuration)), configuration);

        private static string Verdict(string what, int estimate) =>
            what + "'s string table is estimated at " + estimate.ToString("N0") + " bytes, over this guard's " + StringTable.GuardBytes.ToString("N0")
            + ": " + StringTable.Limit + " (beyond it the assembly's own name reads as another string and nanoCLR runs none of its tests). ";

        [Theory]
        [MemberData(nameof(TestProjectsAndConfigurations))]
        public void EachTestAssemblyStaysBelowTheStringTableLimit(string project, string configuration)
        {
            TestProject p = TestProject.All().Single(t => t.Name == project);
            string[] symbols = NanoFrameworkCompiler.Symbols(configuration);
            byte[] tests = NanoFrameworkCompiler.Emit(p.AssemblyName, p.Sources.Select(f => NanoFrameworkCompiler.ParseFile(f, symbols)), configuration,
                FirmwareImage(configuration));
            int estimate = StringTable.EstimateFromDll(tests);
            TestContext.Current.TestOutputHelper?.WriteLine(project + ", " + configuration + ": string table estimated at " + estimate.ToString("N0") + " bytes");
            Assert.True(estimate <= StringTable.GuardBytes, Verdict(project + " (" + p.AssemblyName + ", " + configuration + ")", estimate)
                + "Split it: move some of its folders' globs into a new test project tests/TcAtMcu.Tests.<Name>/TcAtMcu.Tests.<Name>.nfproj"
                + " (a copy of this one, with its own ProjectGuid, added to TcAtMcu.sln); the device run, the gate and this guard find it by itself.");
        }

        [Theory]
        [InlineData("Debug")]
        [InlineData("Release")]
        public void TheFirmwareLibraryStaysBelowTheStringTableLimit(string configuration)
        {
            int estimate = StringTable.EstimateFromDll(FirmwareImage(configuration));
            TestContext.Current.TestOutputHelper?.WriteLine("TcAtMcu, " + configuration + ": string table estimated at " + estimate.ToString("N0") + " bytes");
            Assert.True(estimate <= StringTable.GuardBytes, Verdict("TcAtMcu (the firmware library, " + configuration + ")", estimate)
                + "Shorten names and literals or move a layer into a library of its own.");
        }

        [Fact]
        public void TheGuardFailsOnAnAssemblyOverTheLimit()
        {
            // 700 distinct literals of 99 characters: 70,000 bytes of strings, as a test assembly that grew too far.
            string literals = string.Join("\n", Enumerable.Range(0, 700).Select(i => "s[" + i + "] = \"" + i.ToString("D4") + new string('x', 95) + "\";"));
            SyntaxTree big = NanoFrameworkCompiler.ParseText("class P { static string[] s = new string[700]; static void M() {\n" + literals + "\n} }", "big.cs");
            int estimate = StringTable.EstimateFromDll(NanoFrameworkCompiler.Emit("Big", new[] { big }, "Release"));
            Assert.InRange(estimate, 70000, 70400);
            Assert.True(estimate > StringTable.GuardBytes);
        }

        [Fact]
        public void TheEstimateCountsNamesAndLiteralsButNoConstants()
        {
            SyntaxTree tree = NanoFrameworkCompiler.ParseText(
                "namespace N { public class Alpha { public const int Gone = 1; public int field1; public string Beta() { return \"g\u00fcte\"; } } }", "small.cs");
            HashSet<string> expected = new HashSet<string> { "", "Small", "N", "Alpha", "<Module>", "field1", "Beta", ".ctor", "g\u00fcte", "mscorlib",
                "nanoFramework.Surface" };
            int estimate = StringTable.EstimateFromDll(NanoFrameworkCompiler.Emit("Small", new[] { tree }, "Release"));
            // Beyond these: the type references and member references every C# assembly has (Object, .ctor of attributes...).
            int floor = expected.Sum(s => System.Text.Encoding.UTF8.GetByteCount(s) + 1);
            Assert.InRange(estimate, floor, floor + 600);
            SyntaxTree withConstants = NanoFrameworkCompiler.ParseText(
                "namespace N { public class Alpha { public const int Gone = 1; public const int AlsoGoneAndLongToSee = 2; public int field1; public string Beta() { return \"g\u00fcte\"; } } }", "small.cs");
            Assert.Equal(estimate, StringTable.EstimateFromDll(NanoFrameworkCompiler.Emit("Small", new[] { withConstants }, "Release")));
        }

        [Theory]
        [InlineData(100, true)]
        [InlineData(StringTable.FirstBuiltInOffset - 6, true)]
        [InlineData(StringTable.FirstBuiltInOffset - 5, false)]
        public void TheDeviceRunReadsAPeStringTableAsNanoClrDoes(int filler, bool fits)
        {
            // A .pe header (CLR_RECORD_ASSEMBLY) and its string table: "", filler, "abc", then the assembly's name at
            // filler + 5, the last offset that fits being 64,674.
            byte[] table = System.Text.Encoding.UTF8.GetBytes("\0" + new string('f', filler - 1) + "\0abc\0NFUnitTest\0");
            int pad = (4 - table.Length % 4) % 4;
            byte[] pe = new byte[124 + table.Length + pad];
            System.Text.Encoding.ASCII.GetBytes("NFMRK2").CopyTo(pe, 0);
            BitConverter.GetBytes((ushort)(filler + 5)).CopyTo(pe, 36);
            BitConverter.GetBytes(124u).CopyTo(pe, 40 + 11 * 4);
            BitConverter.GetBytes((uint)(124 + table.Length + pad)).CopyTo(pe, 40 + 12 * 4);
            pe[108 + 11] = (byte)pad;
            table.CopyTo(pe, 124);
            using TempFolder dir = TempFolder.Create("stringtable");
            string path = dir.File("NFUnitTest.pe");
            File.WriteAllBytes(path, pe);

            StringTable.PeStrings read = StringTable.FromPe(path);
            Assert.Equal(table.Length, read.Size);
            Assert.Equal(filler + 5, read.LastStart);
            Assert.Equal(filler + 5, read.NameOffset);
            Assert.Equal(fits, read.Fits);
        }

        [Fact]
        public void EveryTestSourceIsInATestProjectAndEveryTestInOne()
        {
            List<TestProject> projects = TestProject.All();
            Assert.True(projects.Count >= 2, "on-device test projects found: " + projects.Count);
            Assert.All(projects, p => Assert.Equal("NFUnitTest", p.AssemblyName));
            List<string> problems = new List<string>();
            foreach (string file in NanoFrameworkCompiler.Sources(Path.Combine("tests", "TcAtMcu.Tests")))
            {
                List<string> owners = projects.Where(p => p.Sources.Contains(file)).Select(p => p.Name).ToList();
                bool declaresTests = TestProject.DeclaredTests(new List<string> { file }) > 0;
                if (owners.Count == 0 || (declaresTests && owners.Count > 1))
                {
                    problems.Add(Path.GetRelativePath(NanoFrameworkCompiler.Root, file) + ": in " + (owners.Count == 0 ? "no" : string.Join(" and ", owners))
                        + " test project");
                }
            }
            Assert.True(problems.Count == 0, "each folder of tests/TcAtMcu.Tests belongs to one .nfproj's Compile globs (tests/TcAtMcu.Tests.*; Support to all):\n"
                + string.Join("\n", problems));
        }
    }
}
