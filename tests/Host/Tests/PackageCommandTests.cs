using System;
using System.Collections.Generic;
using System.IO;
using TcAtMcu.Ota;
using TcAtMcu.Package;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>tcatmcu-package: the bytes it writes (the format the firmware reads) and its answers to mistakes.</summary>
    public class PackageCommandTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tcatmcu-pkgcmd-" + Guid.NewGuid().ToString("N"));

        public PackageCommandTests()
        {
            Directory.CreateDirectory(Path.Combine(_dir, "build"));
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private (int Code, string Output, string Error) Run(params string[] args)
        {
            StringWriter output = new StringWriter();
            StringWriter error = new StringWriter();
            int code = TcAtMcu.Package.Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        private string Build => Path.Combine(_dir, "build");

        [Fact]
        public void TheBuilderWritesTheDocumentedBytes()
        {
            byte[] expected =
            {
                0x54, 0x43, 0x50, 0x4B, 0x01, 0x01, 0x35, 0x00, 0x03, 0x31, 0x2E, 0x32, 0x04, 0x41, 0x2E, 0x70, 0x65, 0x03, 0x00, 0x00, 0x00,
                0x52, 0x89, 0xDF, 0x73, 0x7D, 0xF5, 0x73, 0x26, 0xFC, 0xDD, 0x22, 0x59, 0x7A, 0xFB, 0x1F, 0xAC,
                0xDB, 0x38, 0xAA, 0x56, 0x5A, 0xCA, 0xFA, 0x00, 0xB9, 0xFD, 0xC1, 0x2D, 0xED, 0xF5, 0x9A, 0xF6,
                0x01, 0x02, 0x03,
            };
            Assert.Equal(expected, PackageBuilder.Build("1.2", new List<(string, byte[])> { ("A.pe", new byte[] { 1, 2, 3 }) }));
        }

        [Fact]
        public void BuildsFromAFolderLeavingOutWhatTheDeviceHas()
        {
            File.WriteAllBytes(Path.Combine(Build, "Product.pe"), new byte[] { 1, 2, 3, 4 });
            File.WriteAllBytes(Path.Combine(Build, "Product.Extra.pe"), new byte[] { 5, 6 });
            File.WriteAllBytes(Path.Combine(Build, "mscorlib.pe"), new byte[] { 7 });
            File.WriteAllBytes(Path.Combine(Build, "TcAtMcu.pe"), new byte[] { 8 });
            File.WriteAllBytes(Path.Combine(Build, "notes.txt"), new byte[] { 9 });
            string boot = Directory.CreateDirectory(Path.Combine(_dir, "boot")).FullName;
            File.WriteAllBytes(Path.Combine(boot, "TcAtMcu.pe"), new byte[] { 8 });
            string output = Path.Combine(_dir, "app.tcp");

            var (code, said, error) = Run("--input", Build, "--version", "2.1.0", "--deployed", boot, "--exclude", "mscorlib.pe", "--output", output);
            Assert.Equal("", error);
            Assert.Equal(0, code);
            Assert.Contains("2 files", said);
            byte[] package = File.ReadAllBytes(output);
            PackageReader reader = new PackageReader();
            Assert.Equal(PackageCheck.Valid, reader.Check(new ArrayByteSource(package, 0, package.Length)));
            Assert.Equal("2.1.0", reader.Version);
            Assert.Equal(2, reader.FileCount);
            Assert.Equal("Product.Extra.pe", reader.FileName(0));
            Assert.Equal("Product.pe", reader.FileName(1));
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, reader.ReadFile(new ArrayByteSource(package, 0, package.Length), 1));
        }

        [Theory]
        [InlineData("missing input", "--version|1.0|--output|X")]
        [InlineData("no such folder", "--input|/no/such/folder|--version|1.0|--output|X")]
        [InlineData("mscorlib in the package", "--input|BUILD|--version|1.0|--output|X")]
        [InlineData("version with a space", "--input|BUILD|--version|1 0|--exclude|mscorlib.pe|--output|X")]
        [InlineData("version of 33", "--input|BUILD|--version|123456789012345678901234567890123|--exclude|mscorlib.pe|--output|X")]
        [InlineData("nothing left", "--input|BUILD|--version|1.0|--exclude|mscorlib.pe|--exclude|a.pe|--output|X")]
        [InlineData("unknown option", "--input|BUILD|--version|1.0|--output|X|--zip")]
        [InlineData("output is a folder", "--input|BUILD|--version|1.0|--exclude|mscorlib.pe|--output|OUTDIR")]
        [InlineData("output folder missing", "--input|BUILD|--version|1.0|--exclude|mscorlib.pe|--output|/no/such/folder/app.tcpk")]
        [InlineData("output overwrites an input", "--input|BUILD|--version|1.0|--exclude|mscorlib.pe|--output|INPUTFILE")]
        public void AMistakeIsOneSentenceAndExitCode2(string what, string args)
        {
            File.WriteAllBytes(Path.Combine(Build, "a.pe"), new byte[] { 1 });
            File.WriteAllBytes(Path.Combine(Build, "mscorlib.pe"), new byte[] { 2 });
            string[] argv = args.Replace("INPUTFILE", Path.Combine(Build, "mscorlib.pe")).Replace("OUTDIR", _dir)
                .Replace("BUILD", Build).Replace("X", Path.Combine(_dir, "out.tcp")).Split('|');
            var (code, said, error) = Run(argv);
            Assert.True(code == 2, what + ": exit " + code);
            Assert.Equal("", said);
            string line = error.TrimEnd('\n', '\r');
            Assert.False(line.Contains('\n'), what + ": more than one line: " + error);
            Assert.EndsWith(".", line);
            Assert.DoesNotContain("   at ", error);
            Assert.False(File.Exists(Path.Combine(_dir, "out.tcp")), what + ": wrote a package");
            Assert.Equal(new byte[] { 2 }, File.ReadAllBytes(Path.Combine(Build, "mscorlib.pe")));
        }

        // A .dll with this assembly version, as the nanoFramework build leaves beside each .pe.
        private void Assembly(string name, string version)
        {
            Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(name,
                new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("[assembly: System.Reflection.AssemblyVersion(\"" + version + "\")]") },
                new[] { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
            using (FileStream dll = File.Create(Path.Combine(Build, name + ".dll")))
            {
                Assert.True(compilation.Emit(dll).Success);
            }
            File.WriteAllBytes(Path.Combine(Build, name + ".pe"), new byte[] { 1, 2, 3 });
        }

        [Fact]
        public void WithoutAVersionThePackageTakesTheAssemblies()
        {
            Assembly("Product", "3.4.5.0");
            Assembly("Product.Extra", "3.4.5.0");
            string output = Path.Combine(_dir, "app.tcp");
            var (code, said, error) = Run("--input", Build, "--output", output);
            Assert.True(code == 0, error);
            Assert.Contains("version 3.4.5, 2 files", said);
            byte[] package = File.ReadAllBytes(output);
            PackageReader reader = new PackageReader();
            Assert.Equal(PackageCheck.Valid, reader.Check(new ArrayByteSource(package, 0, package.Length)));
            Assert.Equal("3.4.5", reader.Version);

            Assembly("Product.Extra", "3.4.6.0");
            (code, said, error) = Run("--input", Build, "--output", Path.Combine(_dir, "other.tcp"));
            Assert.Equal(2, code);
            Assert.Equal("--version is not given and the assemblies have different versions (3.4.5, 3.4.6): give --version.", error.Trim());
            File.WriteAllBytes(Path.Combine(Build, "Loose.pe"), new byte[] { 4 });
            (code, _, error) = Run("--input", Build, "--output", Path.Combine(_dir, "other.tcp"));
            Assert.Equal(2, code);
            Assert.Contains("there is no Loose.dll beside the .pe files", error);
        }

        /// <summary>The repository's own assemblies carry the version from git (version.json), not 0.0.0.0.</summary>
        [Fact]
        public void TheBuildStampsTheVersionFromGit()
        {
            System.Version firmware = typeof(TcAtMcu.Engine.AtEngine).Assembly.GetName().Version;
            System.Version tool = typeof(TcAtMcu.Package.Program).Assembly.GetName().Version;
            string json = File.ReadAllText(Path.Combine(BridgeSelfTests.RepoRoot(), "version.json"));
            string major = System.Text.RegularExpressions.Regex.Match(json, "\"version\": \"(\\d+\\.\\d+)\"").Groups[1].Value;
            Assert.Equal(major, firmware.Major + "." + firmware.Minor);
            Assert.Equal(firmware, tool);
            Assert.Equal(firmware.Major + "." + firmware.Minor + "." + firmware.Build, TcAtMcu.Application.AssemblyVersionText.Of(typeof(TcAtMcu.Engine.AtEngine).Assembly));
        }

        [Fact]
        public void APackageBiggerThanTheModuleBufferIsRefused()
        {
            File.WriteAllBytes(Path.Combine(Build, "Big.pe"), new byte[TcAtMcu.Package.Program.ModuleBufferBytes]);
            string output = Path.Combine(_dir, "big.tcpk");
            var (code, said, error) = Run("--input", Build, "--version", "1.0", "--output", output);
            Assert.True(code == 2, "exit " + code + ": " + error);
            Assert.Equal("", said);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("more than the module's buffer of 716800 bytes", error);
            Assert.False(File.Exists(output));
        }
    }
}
