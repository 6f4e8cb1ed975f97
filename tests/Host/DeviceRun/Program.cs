using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace TcAtMcu.DeviceRun
{
    /// <summary>
    /// Runs the on-device tests (or the interpreter benchmark) on a real nanoCLR: compiles the firmware library, the
    /// tests and the benchmark with Roslyn against nanoFramework's mscorlib.dll (no .NET library), converts them to .pe
    /// with nanoFramework's MetadataProcessor, and starts nanoCLR with the official UnitTestLauncher.
    /// Nothing of nanoFramework's tooling is in the repository: the environment names it.
    /// </summary>
    public static class Program
    {
        private const string Usage =
            "usage: dotnet run --project tests/Host/DeviceRun -- tests [--configuration Debug|Release|both] [--timeout SECONDS] [--verbose]\n" +
            "         (every on-device test project, tests/*/*.nfproj with IsTestProject, as its own NFUnitTest: one nanoCLR run each)\n" +
            "       dotnet run --project tests/Host/DeviceRun -- bench [--timeout SECONDS]\n" +
            "       dotnet run --project tests/Host/DeviceRun -- ota [--timeout SECONDS]   (OTA packages of real .pe files, Assembly.Load on nanoCLR)\n" +
            "       dotnet run --project tests/Host/DeviceRun -- pack [--output DIR] [--repository-url URL]   (the TcAtMcu NuGet package; needs NANO_MDP and NANO_LIBS only)\n" +
            "environment: NANOCLR      a nanoCLR executable (nf-interpreter targets/posix: nanoFramework.nanoCLR.test)\n" +
            "             NANO_MDP     nanoFramework MetadataProcessor (an executable, or its .dll run with dotnet)\n" +
            "             NANO_LIBS    a folder with the .dll and .pe of nanoFramework.TestFramework, nanoFramework.UnitTestLauncher,\n" +
            "                          nanoFramework.Runtime.Native and nanoFramework.System.Text (bench), and optionally\n" +
            "                          System.IO.Ports and System.Device.Gpio (else the files that need them are left out)\n" +
            "Without NANOCLR the run is skipped (exit code 0).";

        public static int Main(string[] args)
        {
            try
            {
                return Run(args);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }

        private static int Run(string[] args)
        {
            if (args.Length == 0 || args[0] == "-h" || args[0] == "--help")
            {
                Console.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            string mode = args[0];
            if (mode == "pack")
            {
                return PackCommand.Run(args.Skip(1).ToArray(), Usage);
            }
            if (mode != "tests" && mode != "bench" && mode != "ota")
            {
                throw new UsageException("Unknown command '" + mode + "': use 'tests', 'bench', 'ota' or 'pack' (--help lists the options).");
            }
            string configuration = mode == "tests" ? "both" : "Release";
            int timeoutS = 1800;
            bool verbose = false;
            for (int i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "-h":
                    case "--help":
                        Console.WriteLine(Usage);
                        return 0;
                    case "--configuration" when i + 1 < args.Length && mode == "tests":
                        configuration = args[++i];
                        if (configuration != "Debug" && configuration != "Release" && configuration != "both")
                        {
                            throw new UsageException("--configuration must be Debug, Release or both, not '" + configuration + "'.");
                        }
                        break;
                    case "--timeout" when i + 1 < args.Length:
                        if (!int.TryParse(args[++i], out timeoutS) || timeoutS <= 0)
                        {
                            throw new UsageException("--timeout must be a positive number of seconds, not '" + args[i] + "'.");
                        }
                        break;
                    case "--verbose":
                        verbose = true;
                        break;
                    default:
                        throw new UsageException("Unknown or incomplete option '" + args[i] + "' for '" + mode + "' (--help lists the options).");
                }
            }

            Toolchain tools = Toolchain.FromEnvironment(mode);
            if (tools == null)
            {
                Console.WriteLine("NANOCLR is not set: no nanoCLR to run on, so the device " + (mode == "tests" ? "tests are" : mode == "ota" ? "OTA run is" : "benchmark is")
                    + " skipped. Set NANOCLR, NANO_MDP and NANO_LIBS to run them (see the README).");
                return 0;
            }

            string[] configurations = configuration == "both" ? new[] { "Debug", "Release" } : new[] { configuration };
            int status = 0;
            foreach (string c in configurations)
            {
                status |= mode == "tests" ? RunTests(tools, c, timeoutS, verbose) : mode == "ota" ? OtaRun.Run(tools, c, timeoutS) : RunBench(tools, c, timeoutS);
            }
            return status;
        }

        /// <summary>
        /// Every on-device test project (TestProject.All) as its own NFUnitTest assembly, one nanoCLR run each: one
        /// assembly's string table has a hard limit on nanoCLR (StringTable), so the tests come in more than one.
        /// </summary>
        private static int RunTests(Toolchain tools, string configuration, int timeoutS, bool verbose)
        {
            Builder build = new Builder(tools, configuration);
            string firmware = build.Firmware();
            if (firmware == null)
            {
                return 1;
            }
            StringTable.PeStrings library = StringTable.FromPe(Path.ChangeExtension(firmware, ".pe"));
            Console.WriteLine("TcAtMcu.pe (the firmware library): string table " + library.Size.ToString("N0") + " of " + StringTable.FirstBuiltInOffset.ToString("N0") + " bytes");
            if (!library.Fits)
            {
                Console.WriteLine("FAILURE: TcAtMcu.pe's string table is " + library.Size.ToString("N0") + " bytes; " + StringTable.Limit + ".");
                return 1;
            }
            List<TestProject> projects = TestProject.All();
            if (projects.Count == 0)
            {
                Console.WriteLine("FAILURE: no on-device test project (tests/*/*.nfproj with IsTestProject true).");
                return 1;
            }
            int passed = 0, failed = 0, skipped = 0, expected = 0;
            List<string> broken = new List<string>();
            foreach (TestProject project in projects)
            {
                TestRun run = RunTestAssembly(tools, build, firmware, project, configuration, timeoutS, verbose);
                passed += run.Passed;
                failed += run.Failed;
                skipped += run.Skipped;
                expected += run.Expected;
                if (!run.Complete)
                {
                    broken.Add(project.Name);
                }
            }
            bool complete = broken.Count == 0;
            Console.WriteLine(configuration + ": " + (passed + failed + skipped) + " tests on nanoCLR in " + projects.Count + (projects.Count == 1 ? " test assembly (" : " test assemblies (")
                + expected + " declared): " + passed + " passed, " + failed + " failed, " + skipped + " skipped"
                + (complete ? "" : ", run incomplete: " + string.Join(", ", broken)));
            return complete && failed == 0 && passed > 0 ? 0 : 1;
        }

        private sealed class TestRun
        {
            public int Passed, Failed, Skipped, Expected;
            public bool Complete;
        }

        private static TestRun RunTestAssembly(Toolchain tools, Builder build, string firmware, TestProject project, string configuration, int timeoutS, bool verbose)
        {
            TestRun run = new TestRun { Expected = TestProject.DeclaredTests(project.Sources) };
            Console.WriteLine("== " + project.Name + " (" + project.AssemblyName + ", " + project.Sources.Count + " sources, " + run.Expected
                + " tests declared), " + configuration + " build, on " + tools.NanoClr);
            string tests = build.AssemblyIn(project.Name, project.AssemblyName, OutputKind.DynamicallyLinkedLibrary, project.Sources,
                firmware, tools.Lib("nanoFramework.TestFramework"));
            if (tests == null)
            {
                if (Builder.LastConversionOverflowed)
                {
                    Console.WriteLine("FAILURE: " + project.Name + ": MetadataProcessor refuses " + project.AssemblyName + ", whose string table passes 65,535 bytes; "
                        + StringTable.Limit + ". Split " + project.Name + " into more test projects (README, \"On nanoCLR\").");
                }
                Console.WriteLine(configuration + ", " + project.Name + ": 0 of " + run.Expected + " tests on nanoCLR: not built, run incomplete");
                return run;
            }
            StringTable.PeStrings strings = StringTable.FromPe(Path.ChangeExtension(tests, ".pe"));
            int estimate = StringTable.EstimateFromDll(tests);
            Console.WriteLine(project.AssemblyName + ".pe of " + project.Name + ": string table " + strings.Size.ToString("N0") + " of " + StringTable.FirstBuiltInOffset.ToString("N0")
                + " bytes (the host guard's estimate from the .dll: " + estimate.ToString("N0") + ", fails above " + StringTable.GuardBytes.ToString("N0") + ")");
            if (estimate < strings.Size)
            {
                Console.WriteLine("WARNING: the host guard's estimate is below the real string table: StringTable.EstimateFromDll misses what MetadataProcessor now writes.");
            }

            List<string> pes = new List<string> { tools.MscorlibPe, tools.Pe("nanoFramework.UnitTestLauncher"), tools.Pe("nanoFramework.TestFramework") };
            pes.AddRange(build.LibraryPes);
            pes.Add(Path.ChangeExtension(firmware, ".pe"));
            pes.Add(Path.ChangeExtension(tests, ".pe"));
            Regex result = new Regex("^Test (passed|failed|skipped),([^,]*),(.*)$");
            Regex loaded = new Regex(@"^\s*Assembly: (\S+) \(");
            HashSet<string> names = new HashSet<string>(StringComparer.Ordinal);
            Interpreter.Outcome outcome = Interpreter.Run(tools.NanoClr, pes, timeoutS, line =>
            {
                Match m = result.Match(line);
                if (!m.Success)
                {
                    Match a = loaded.Match(line);
                    if (a.Success)
                    {
                        names.Add(a.Groups[1].Value);
                    }
                    if (verbose)
                    {
                        Console.WriteLine("   | " + line);
                    }
                    return;
                }
                string name = m.Groups[2].Value;
                switch (m.Groups[1].Value)
                {
                    case "passed":
                        run.Passed++;
                        long.TryParse(m.Groups[3].Value, out long ticks);
                        Console.WriteLine("passed  " + name + " (" + (ticks / 10000.0).ToString("0.0") + " ms)");
                        break;
                    case "failed":
                        run.Failed++;
                        Console.WriteLine("FAILED  " + name + ": " + m.Groups[3].Value);
                        break;
                    default:
                        run.Skipped++;
                        Console.WriteLine("skipped " + name + ": " + m.Groups[3].Value);
                        break;
                }
            });
            int reported = run.Passed + run.Failed + run.Skipped;
            run.Complete = outcome.SawDone && !outcome.TimedOut && reported >= run.Expected && reported > 0;
            // nanoCLR prints each assembly it loads by the name it reads: a name no .pe has is the test assembly misread.
            List<string> misread = names.Except(pes.Select(Path.GetFileNameWithoutExtension)).ToList();
            bool wrongName = names.Count > 0 && !names.Contains(project.AssemblyName) && misread.Count > 0;
            if (!strings.Fits || wrongName)
            {
                run.Complete = false;
                Console.WriteLine("FAILURE: " + project.Name + ": " + project.AssemblyName + " loads as '" + (misread.Count > 0 ? string.Join("', '", misread) : "?")
                    + "': its string table is " + strings.Size.ToString("N0") + " bytes and its last string begins at byte " + strings.LastStart.ToString("N0")
                    + " (its own name at " + strings.NameOffset.ToString("N0") + "); " + StringTable.Limit
                    + ". UnitTestLauncher's Assembly.Load(\"" + project.AssemblyName + "\") finds no test. Split " + project.Name
                    + " into more test projects (README, \"On nanoCLR\").");
            }
            else if (reported == 0)
            {
                Console.WriteLine("FAILURE: " + project.Name + ": nanoCLR ran no test of " + project.AssemblyName + " (" + run.Expected + " declared; " + outcome.Describe()
                    + "). Its string table is " + strings.Size.ToString("N0") + " bytes; " + StringTable.Limit + ". The interpreter's last lines:");
                PrintTail(outcome);
            }
            else if (!run.Complete)
            {
                Console.WriteLine("FAILURE: " + project.Name + ": the interpreter stopped before the end of the tests (" + reported + " of " + run.Expected
                    + " results; " + outcome.Describe() + "); its last lines:");
                PrintTail(outcome);
            }
            Console.WriteLine(configuration + ", " + project.Name + ": " + reported + " of " + run.Expected + " tests on nanoCLR: " + run.Passed + " passed, "
                + run.Failed + " failed, " + run.Skipped + " skipped" + (run.Complete ? "" : ", run incomplete"));
            return run;
        }

        private static void PrintTail(Interpreter.Outcome outcome)
        {
            foreach (string line in outcome.Tail)
            {
                Console.WriteLine("   | " + line);
            }
        }

        private static int RunBench(Toolchain tools, string configuration, int timeoutS)
        {
            Builder build = new Builder(tools, configuration);
            string firmware = build.Firmware();
            string bench = build.Assembly("TcAtMcu.Bench", OutputKind.ConsoleApplication, Builder.BenchSources(), firmware,
                tools.Lib("nanoFramework.Runtime.Native"), tools.Lib("nanoFramework.System.Text"));
            if (firmware == null || bench == null)
            {
                return 1;
            }
            List<string> pes = new List<string> { tools.MscorlibPe, tools.Pe("nanoFramework.Runtime.Native"), tools.Pe("nanoFramework.System.Text") };
            pes.AddRange(build.LibraryPes);
            pes.Add(Path.ChangeExtension(firmware, ".pe"));
            pes.Add(Path.ChangeExtension(bench, ".pe"));

            Console.WriteLine("== interpreter benchmark, " + configuration + " build, on " + tools.NanoClr);
            Console.WriteLine("flash: TcAtMcu.pe (the firmware library, " + (build.LibraryPes.Count == 0 ? "without the serial and GPIO classes" : "whole")
                + ") " + new FileInfo(Path.ChangeExtension(firmware, ".pe")).Length + " bytes; mscorlib.pe " + new FileInfo(tools.MscorlibPe).Length + " bytes");
            bool started = false;
            bool ended = false;
            bool broken = false;
            Interpreter.Outcome outcome = Interpreter.Run(tools.NanoClr, pes, timeoutS, line =>
            {
                // nanoCLR prints its loader's report first; the benchmark's lines start with its banner.
                started |= line.StartsWith("TcAtMcu interpreter benchmark", StringComparison.Ordinal);
                if (started && !ended)
                {
                    Console.WriteLine(line);
                }
                ended |= line.StartsWith("end of benchmark", StringComparison.Ordinal);
                broken |= started && (line.StartsWith("benchmark failed", StringComparison.Ordinal) || line.Contains("[check failed:")
                    || line.Contains("NOT online"));
            });
            if (!outcome.SawDone || outcome.TimedOut || !ended)
            {
                Console.WriteLine("The benchmark did not complete (" + outcome.Describe() + "); the interpreter's last lines:");
                foreach (string line in outcome.Tail)
                {
                    Console.WriteLine("   | " + line);
                }
                return 1;
            }
            return broken ? 1 : 0;
        }
    }

    internal sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }

    /// <summary>nanoCLR, MetadataProcessor and the nanoFramework libraries, as the environment names them.</summary>
    internal sealed class Toolchain
    {
        public string NanoClr { get; private set; }
        public string Mdp { get; private set; }
        public string Libs { get; private set; }
        public string MscorlibDll { get; private set; }
        public string MscorlibPe { get; private set; }

        /// <summary>null when NANOCLR is not set (skip); a UsageException when the rest is missing or wrong.</summary>
        public static Toolchain FromEnvironment(string mode)
        {
            string nanoClr = Environment.GetEnvironmentVariable("NANOCLR");
            if (string.IsNullOrEmpty(nanoClr))
            {
                return null;
            }
            Toolchain t = new Toolchain
            {
                NanoClr = Path.GetFullPath(nanoClr),
                Mdp = Environment.GetEnvironmentVariable("NANO_MDP"),
                Libs = Environment.GetEnvironmentVariable("NANO_LIBS"),
            };
            if (!File.Exists(t.NanoClr))
            {
                throw new UsageException("NANOCLR names '" + nanoClr + "', which is not a file.");
            }
            CheckMetadataProcessor(t.Mdp);
            if (string.IsNullOrEmpty(t.Libs) || !Directory.Exists(t.Libs))
            {
                throw new UsageException("NANO_LIBS must name a folder with the nanoFramework libraries' .dll and .pe; it is '" + t.Libs + "'.");
            }
            string here = Path.Combine(AppContext.BaseDirectory, "nanoFramework");
            t.MscorlibDll = Path.Combine(here, "mscorlib.dll");
            t.MscorlibPe = File.Exists(Path.Combine(t.Libs, "mscorlib.pe")) ? Path.Combine(t.Libs, "mscorlib.pe") : Path.Combine(here, "mscorlib.pe");
            if (!File.Exists(t.MscorlibDll) || !File.Exists(t.MscorlibPe))
            {
                throw new UsageException("nanoFramework.CoreLibrary 1.17.11 was not restored beside the program (" + here + ").");
            }
            string[] needed = mode == "tests"
                ? new[] { "nanoFramework.TestFramework.dll", "nanoFramework.TestFramework.pe", "nanoFramework.UnitTestLauncher.pe" }
                : mode == "ota" ? Array.Empty<string>()
                : new[] { "nanoFramework.Runtime.Native.dll", "nanoFramework.Runtime.Native.pe", "nanoFramework.System.Text.dll", "nanoFramework.System.Text.pe" };
            foreach (string file in needed)
            {
                if (!File.Exists(Path.Combine(t.Libs, file)))
                {
                    throw new UsageException("NANO_LIBS (" + t.Libs + ") has no " + file + ", which the " + mode + " run needs.");
                }
            }
            return t;
        }

        /// <summary>MetadataProcessor as NANO_MDP names it: a .dll run with dotnet, or a file this user may execute.</summary>
        public static void CheckMetadataProcessor(string mdp)
        {
            if (string.IsNullOrEmpty(mdp) || !File.Exists(mdp))
            {
                throw new UsageException("NANO_MDP must name nanoFramework's MetadataProcessor (an executable or its .dll); it is '" + mdp + "'.");
            }
            if (!mdp.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !OperatingSystem.IsWindows()
                && (File.GetUnixFileMode(mdp) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
            {
                throw new UsageException("NANO_MDP names '" + mdp + "', which is not executable: chmod +x it, or name MetadataProcessor's .dll (run with dotnet).");
            }
        }

        public string Lib(string name) => Path.Combine(Libs, name + ".dll");

        public string Pe(string name) => Path.Combine(Libs, name + ".pe");

        public bool Has(string name) => File.Exists(Lib(name)) && File.Exists(Pe(name));
    }

    /// <summary>Compiles nanoFramework assemblies with Roslyn and converts them to .pe with MetadataProcessor.</summary>
    internal sealed class Builder
    {
        private readonly Toolchain _tools;
        private readonly string _configuration;
        private readonly string _outDir;
        private readonly List<string> _libraries = new List<string>();

        public Builder(Toolchain tools, string configuration)
        {
            _tools = tools;
            _configuration = configuration;
            // One folder per checkout: two clones built at once must not read each other's assemblies.
            string checkout = System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RepoRoot())))[..12];
            _outDir = Path.Combine(Path.GetTempPath(), "tcatmcu-device-run", checkout, configuration);
            Directory.CreateDirectory(_outDir);
        }

        /// <summary>The .pe of the optional nanoFramework libraries the firmware was built with.</summary>
        public List<string> LibraryPes => _libraries.Select(_tools.Pe).ToList();

        public static string RepoRoot()
        {
            for (string dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "nfproj.props")))
                {
                    return dir;
                }
            }
            throw new InvalidOperationException("repository root (nfproj.props) not found above " + AppContext.BaseDirectory);
        }

        /// <summary>The benchmark and the example product it runs online (its template and logic, as the app's nfproj has them).</summary>
        public static List<string> BenchSources()
        {
            List<string> sources = Sources("tests/Device/Bench");
            sources.AddRange(Directory.GetFiles(Path.Combine(RepoRoot(), "firmware", "TcAtMcu.App", "Product"), "*.cs").OrderBy(f => f, StringComparer.Ordinal));
            return sources;
        }

        public static List<string> Sources(string folder)
        {
            string dir = Path.Combine(RepoRoot(), folder);
            string sep = Path.DirectorySeparatorChar.ToString();
            return Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(sep + "obj" + sep) && !f.Contains(sep + "bin" + sep))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// firmware/TcAtMcu as TcAtMcu.dll/.pe. Files that need System.IO.Ports, System.Device.Gpio or System.IO.FileSystem
        /// are left out when NANO_LIBS lacks them (nanoCLR on a PC has no UART, GPIO or file system to drive).
        /// </summary>
        public string Firmware()
        {
            List<string> sources = Sources("firmware/TcAtMcu");
            List<string> refs = new List<string>();
            foreach ((string ns, string[] assemblies) in new[]
            {
                ("System.IO.Ports", new[] { "System.IO.Ports", "System.IO.Streams", "nanoFramework.System.Text", "nanoFramework.Runtime.Events" }),
                ("System.Device.Gpio", new[] { "System.Device.Gpio", "nanoFramework.Runtime.Events" }),
                ("System.IO", new[] { "System.IO.FileSystem", "System.IO.Streams", "nanoFramework.System.Text", "nanoFramework.Runtime.Events" }),
            })
            {
                if (assemblies.All(_tools.Has))
                {
                    foreach (string a in assemblies.Where(a => !_libraries.Contains(a)))
                    {
                        _libraries.Add(a);
                        refs.Add(_tools.Lib(a));
                    }
                    continue;
                }
                List<string> left = sources.Where(f => File.ReadAllText(f).Contains("using " + ns + ";")).ToList();
                if (left.Count > 0)
                {
                    Console.WriteLine("(" + ns + " is not in NANO_LIBS: left out " + string.Join(", ", left.Select(Path.GetFileName)) + ")");
                    sources = sources.Except(left).ToList();
                }
            }
            return Assembly("TcAtMcu", OutputKind.DynamicallyLinkedLibrary, sources, refs.ToArray());
        }

        /// <summary>Whether the last conversion failed because MetadataProcessor's string table overflowed (65,535 bytes).</summary>
        public static bool LastConversionOverflowed { get; private set; }

        /// <summary>Compiles and converts one assembly; its .dll path, or null after printing why not.</summary>
        public string Assembly(string name, OutputKind kind, List<string> sources, params string[] references) =>
            AssemblyIn(null, name, kind, sources, references);

        /// <summary>The same into a subfolder of the output: the test projects' assemblies all have one name.</summary>
        public string AssemblyIn(string subfolder, string name, OutputKind kind, List<string> sources, params string[] references)
        {
            List<string> symbols = new List<string> { "NANOFRAMEWORK_1_0", "TRACE" };
            if (_configuration == "Debug")
            {
                symbols.Add("DEBUG");
            }
            CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: symbols);
            string root = RepoRoot();
            List<SyntaxTree> trees = sources.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, Path.GetRelativePath(root, f))).ToList();
            List<MetadataReference> refs = new List<MetadataReference> { MetadataReference.CreateFromFile(_tools.MscorlibDll) };
            refs.AddRange(references.Where(r => r != null).Select(r => MetadataReference.CreateFromFile(r)));
            CSharpCompilation compilation = CSharpCompilation.Create(name, trees, refs,
                new CSharpCompilationOptions(kind,
                    optimizationLevel: _configuration == "Debug" ? OptimizationLevel.Debug : OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Disable, deterministic: true));
            string dir = subfolder == null ? _outDir : Path.Combine(_outDir, subfolder);
            Directory.CreateDirectory(dir);
            string dll = Path.Combine(dir, name + ".dll");
            string pe = Path.ChangeExtension(dll, ".pe");
            File.Delete(dll);
            File.Delete(pe);
            EmitResult emitted;
            using (FileStream output = File.Create(dll))
            {
                emitted = compilation.Emit(output);
            }
            if (!emitted.Success)
            {
                Console.WriteLine(name + " does not compile for nanoFramework:");
                foreach (Diagnostic d in emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                {
                    Console.WriteLine("  " + d);
                }
                return null;
            }
            return Convert(dll, references) ? dll : null;
        }

        private static Process StartOrSayWhy(ProcessStartInfo start, string variable)
        {
            try
            {
                return Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new UsageException(variable + " names '" + start.FileName + "', which cannot be started (" + e.Message.TrimEnd('.') + ").");
            }
        }

        /// <summary>MetadataProcessor: .dll to .pe, with every referenced assembly as a load hint.</summary>
        private bool Convert(string dll, string[] references) => Convert(_tools.Mdp, _tools.MscorlibDll, dll, references);

        /// <summary>MetadataProcessor: .dll to .pe (and .pdbx beside it), with every referenced assembly as a load hint.</summary>
        public static bool Convert(string mdp, string mscorlib, string dll, string[] references)
        {
            List<string> args = new List<string>();
            foreach (string r in new[] { mscorlib }.Concat(references.Where(r => r != null)))
            {
                args.Add("-loadHints");
                args.Add(Path.GetFileNameWithoutExtension(r));
                args.Add(r);
            }
            args.AddRange(new[] { "-parse", dll, "-compile", Path.ChangeExtension(dll, ".pe"), "false" });
            ProcessStartInfo start = mdp.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? new ProcessStartInfo("dotnet") { ArgumentList = { mdp } }
                : new ProcessStartInfo(mdp);
            args.ForEach(start.ArgumentList.Add);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using Process p = StartOrSayWhy(start, "NANO_MDP");
            System.Threading.Tasks.Task<string> err = p.StandardError.ReadToEndAsync();
            string log = p.StandardOutput.ReadToEnd() + err.Result;
            p.WaitForExit();
            LastConversionOverflowed = log.Contains("String table overflow", StringComparison.Ordinal);
            bool ok = p.ExitCode == 0 && File.Exists(Path.ChangeExtension(dll, ".pe"))
                && !Regex.IsMatch(log, @"\b(error|exception|unable)\b", RegexOptions.IgnoreCase);
            if (!ok)
            {
                Console.WriteLine("MetadataProcessor could not convert " + Path.GetFileName(dll) + " (exit " + p.ExitCode + "):");
                Console.WriteLine(log);
            }
            return ok;
        }
    }

    /// <summary>Starts nanoCLR on a list of .pe files and follows its output line by line, within a time limit.</summary>
    internal static class Interpreter
    {
        public sealed class Outcome
        {
            public bool SawDone;
            public bool TimedOut;
            public int ExitCode;
            public readonly Queue<string> Tail = new Queue<string>();

            public string Describe() => TimedOut ? "no end within the time limit" : "exit code " + ExitCode + (SawDone ? "" : ", no 'Done.'");
        }

        public static Outcome Run(string nanoClr, List<string> pes, int timeoutS, Action<string> onLine)
        {
            ProcessStartInfo start = new ProcessStartInfo(nanoClr)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            pes.ForEach(start.ArgumentList.Add);
            Outcome outcome = new Outcome();
            object sync = new object();
            using Process p = new Process { StartInfo = start };
            DataReceivedEventHandler handler = (_, e) =>
            {
                if (e.Data == null)
                {
                    return;
                }
                lock (sync)
                {
                    outcome.Tail.Enqueue(e.Data);
                    if (outcome.Tail.Count > 15)
                    {
                        outcome.Tail.Dequeue();
                    }
                    // The launcher ends with "Done." (UnitTestLauncher) and nanoCLR with "Exiting.".
                    outcome.SawDone |= e.Data.Trim() == "Done.";
                    onLine(e.Data);
                }
            };
            p.OutputDataReceived += handler;
            p.ErrorDataReceived += handler;
            try
            {
                p.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new UsageException("NANOCLR names '" + nanoClr + "', which cannot be started (" + e.Message.TrimEnd('.') + ").");
            }
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (!p.WaitForExit(timeoutS * 1000))
            {
                outcome.TimedOut = true;
                p.Kill(entireProcessTree: true);
            }
            p.WaitForExit();
            outcome.ExitCode = p.ExitCode;
            return outcome;
        }
    }
}
