using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// What a new user ran into, each as that user meets it: the built programs started as processes (the live view
    /// in a real terminal, tmux), a mistake answered with one sentence and exit code 2, and a test run that leaves
    /// nothing behind in the temp folder.
    /// </summary>
    [Collection("end to end")]
    public class NewcomerTests
    {
        private static readonly string Simulator = Path.Combine(AppContext.BaseDirectory, "tcat-module-sim.dll");
        private static readonly string DeviceRun = Path.Combine(AppContext.BaseDirectory, "tcatmcu-device-run.dll");
        private static readonly string HostRun = Path.Combine(AppContext.BaseDirectory, "tcatmcu-run.dll");

        private static ProcessRun.Outcome Run(string program, IEnumerable<string> args, IDictionary<string, string> environment = null, int timeoutMs = 60000) =>
            ProcessRun.Dll(program, args, environment, timeoutMs);

        private static void AssertOneSentence(ProcessRun.Outcome outcome, string mentions)
        {
            string[] lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(outcome.ExitCode == 2, $"exit {outcome.ExitCode}, stdout: {outcome.Stdout} stderr: {outcome.Stderr}");
            Assert.True(lines.Length == 1, "one line on stderr, got: " + outcome.Stderr);
            Assert.Contains(mentions, lines[0]);
            Assert.EndsWith(".", lines[0].TrimEnd());
            Assert.DoesNotContain("   at ", outcome.Stdout + outcome.Stderr);
            Assert.DoesNotContain("Exception", outcome.Stdout + outcome.Stderr);
        }

        [Fact]
        public void SimulatorWithAnEmptyPortIsOneSentence()
        {
            AssertOneSentence(Run(Simulator, new[] { "--port", "" }), "--port needs a serial device");
            AssertOneSentence(Run(Simulator, new[] { "--port", "   " }), "--port needs a serial device");
        }

        [Fact]
        public void SimulatorRefusesAnSsidOver32Bytes()
        {
            // 14 characters, 42 bytes of UTF-8: the module counts bytes.
            string ssid = string.Concat(Enumerable.Repeat("客", 14));
            AssertOneSentence(Run(Simulator, new[] { "--port", "/nonexistent/tty0", "--ssid", ssid }), "--ssid takes 1 to 32 bytes of UTF-8, not 42");
            AssertOneSentence(Run(Simulator, new[] { "--port", "/nonexistent/tty0", "--wifi-password", new string('p', 22) + string.Concat(Enumerable.Repeat("码", 15)) }),
                "--wifi-password takes 0 to 64 bytes of UTF-8, not 67");
            // 32 bytes exactly is the module's limit and passes the parser (the port is what is missing then).
            AssertOneSentence(Run(Simulator, new[] { "--port", "/nonexistent/tty0", "--ssid", new string('s', 29) + "客" }), "/nonexistent/tty0 does not exist");
        }

        [Fact]
        public void SimulatorRefusesAFlashFileOfOtherJson()
        {
            using TempFolder folder = TempFolder.Create("tcat-flashjson");
            foreach ((string json, string mentions) in new[]
            {
                ("{\"name\":\"my config\",\"port\":1883}", "not the JSON this simulator writes"),
                ("{}", "none of a flash file's fields"),
                ("{\"FlashSizeMb\":\"big\"}", "not the JSON this simulator writes"),
                ("\"a string\"", "it holds string, not an object"),
                ("42", "it holds number, not an object"),
            })
            {
                string file = folder.File("flash.json");
                File.WriteAllBytes(file, System.Text.Encoding.UTF8.GetBytes(json));
                AssertOneSentence(Run(Simulator, new[] { "--port", "/nonexistent/tty0", "--flash", file }), mentions);
                Assert.Equal(json, File.ReadAllText(file));
            }
            // What the simulator itself writes is taken.
            string own = folder.File("own.json");
            new ModuleFlash { ProductId = "P", WifiSsid = "net" }.Save(own);
            AssertOneSentence(Run(Simulator, new[] { "--port", "/nonexistent/tty0", "--flash", own }), "/nonexistent/tty0 does not exist");
        }

        [Fact]
        public void DeviceRunWithANonExecutableMetadataProcessorIsOneSentence()
        {
            using TempFolder folder = TempFolder.Create("tcat-mdp");
            string mdp = folder.File("MetadataProcessor");
            File.WriteAllText(mdp, "not a program");
            Assert.SkipWhen(OperatingSystem.IsWindows(), "the execute bit is Unix's");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(mdp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            Dictionary<string, string> env = new Dictionary<string, string> { ["NANOCLR"] = "/bin/true", ["NANO_MDP"] = mdp, ["NANO_LIBS"] = folder.Path };
            foreach (string mode in new[] { "tests", "bench", "ota" })
            {
                AssertOneSentence(Run(DeviceRun, new[] { mode }, env), "which is not executable");
            }
        }

        [Fact]
        public void DeviceRunHelpAfterTheCommand()
        {
            foreach (string[] args in new[] { new[] { "tests", "--help" }, new[] { "bench", "-h" }, new[] { "ota", "--help" }, new[] { "--help" } })
            {
                ProcessRun.Outcome run = Run(DeviceRun, args);
                Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, string.Join(' ', args) + ": " + run.Stdout + run.Stderr);
                Assert.Contains("NANO_MDP", run.Stdout);
                Assert.Contains("--configuration", run.Stdout);
            }
        }

        /// <summary>At 80x24 the frame fits and keeps its first rows: the title with the broker, state and LED, WiFi and MQTT.</summary>
        [Fact]
        public async Task LiveViewAt80By24KeepsWhatMattersFirst()
        {
            using Terminal terminal = Terminal.Open();
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            terminal.Start("v80", 80, 24, HostRun, "--broker", "127.0.0.1:" + broker.Port, "--no-pacing", "--device-name", "tty80", "--seconds", "60");
            string[] screen = terminal.WaitFor("v80", s => s.Contains("device     online") && s.Contains("events"), 40000);
            List<string> frame = screen.Where(l => l.Trim().Length > 0).ToList();
            Assert.True(frame.Count <= 23, "the frame fits 24 rows with one to spare:\n" + string.Join("\n", screen));
            Assert.StartsWith("╭─TcAtMcu host run · broker 127.0.0.1:" + broker.Port + "─", frame[0]);
            Assert.Matches(@"device     online   LED solid   firmware \d+\.\d+\.\d+ ", frame[1]);
            Assert.Contains("module     WiFi connected", frame[2]);
            Assert.Contains("MQTT connected", frame[2]);
            Assert.Contains("counters   published ", frame[3]);
            Assert.StartsWith("╰", frame[^1]);
            Assert.All(frame, l => Assert.True(l.TrimEnd().Length <= 78, "at most 78 columns: " + l));
            Match published = Regex.Match(string.Join("\n", frame), @"published (\d+)");
            Assert.True(published.Success && int.Parse(published.Groups[1].Value) > 0, "published counts every message sent: " + string.Join("\n", frame));
            Assert.Contains("unmatched lines ", string.Join("\n", frame));
        }

        /// <summary>
        /// At 120 columns the title holds the whole broker address; after a good push and one with a wrong MD5 the OTA
        /// row says the failure, without the previous push's version and full bar; push's own sentence names the reason.
        /// </summary>
        [Fact]
        public async Task LiveViewAt120ColumnsAndAPushWithAWrongMd5()
        {
            using Terminal terminal = Terminal.Open();
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            string at = "127.0.0.1:" + broker.Port;
            terminal.Start("v120", 120, 40, HostRun, "--broker", at, "--no-pacing", "--device-name", "tty120", "--seconds", "120");
            string[] screen = terminal.WaitFor("v120", s => s.Contains("device     online"), 40000);
            Assert.StartsWith("╭─TcAtMcu host run · broker " + at + "─", screen[0]);
            ProcessRun.Outcome good = Run(HostRun, new[] { "push", "--broker", at, "--device-name", "tty120", "--size", "30000", "--version", "1.2.3" });
            Assert.True(good.ExitCode == 0, good.Stdout + good.Stderr);
            screen = terminal.WaitFor("v120", s => s.Contains("firmware 1.2.3"), 20000);
            Assert.Contains(screen, l => l.Contains("OTA        1.2.3 ━") && l.Contains("100%"));
            Assert.Contains(screen, l => l.Contains("MD5 verified, installed, now running 1.2.3"));
            ProcessRun.Outcome bad = Run(HostRun, new[] { "push", "--broker", at, "--device-name", "tty120", "--size", "20000", "--version", "1.2.4", "--wrong-md5" });
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("the module failed the download: MD5 mismatch (module error 205)", bad.Stderr);
            Assert.DoesNotContain("...", bad.Stdout + bad.Stderr);
            screen = terminal.WaitFor("v120", s => s.Contains("OTA        failed: the module's download failed: +TCOTASTATUS:UPDATEFAIL,205"), 20000);
            string ota = string.Join("\n", screen.SkipWhile(l => !l.Contains("OTA  ")).Take(2));
            Assert.DoesNotContain("1.2.3 ━", ota);
            Assert.DoesNotContain("100%", ota);
            Assert.Contains("firmware 1.2.3", string.Join("\n", screen));
        }

        /// <summary>
        /// The tests that make files and folders, run again in a process of their own with a fresh temp folder: it is
        /// empty afterwards.
        /// </summary>
        [Fact]
        public void TestsLeaveNothingInTheTempFolder()
        {
            using TempFolder temp = TempFolder.Create("tcat-tmpcheck");
            string tests = Path.Combine(AppContext.BaseDirectory, "TcAtMcu.Tests.Host.dll");
            // xunit's own runner in the test program (-method filters; wildcards at either end).
            List<string> args = new List<string> { "-noColor", "-noLogo" };
            foreach (string method in new[]
            {
                "*SimulatorTranscriptTests.CommandLine*", "*HostRunCommandLineTests.PtyWithoutSocatSaysHowToInstallIt", "*HostRunCommandLineTests.PtyModeInOneCommand",
                "*EndToEndRealPeersTests.*", "*PackageCommandTests.*", "*PackageFileSinkTests.*", "*TemplateGenTests.*",
                "*NewcomerTests.SimulatorRefusesAFlashFileOfOtherJson", "*NewcomerTests.DeviceRunWithANonExecutableMetadataProcessorIsOneSentence",
            })
            {
                args.Add("-method");
                args.Add(method);
            }
            ProcessRun.Outcome run = Run(tests, args, new Dictionary<string, string> { ["TMPDIR"] = temp.Path }, 600000);
            Assert.True(run.ExitCode == 0, "the nested run passed: " + run.Stdout + run.Stderr);
            Assert.Matches(@"Total: [1-9][0-9]*, Errors: 0, Failed: 0", run.Stdout);
            string[] left = Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).ToArray();
            Assert.True(left.Length == 0, "left in the temp folder: " + string.Join(", ", left));
        }

        /// <summary>A tmux server of this test's own, so the programs run in a terminal of an exact size.</summary>
        private sealed class Terminal : IDisposable
        {
            private readonly string _socket = "tcatmcu-test-" + Guid.NewGuid().ToString("N").Substring(0, 12);

            public static Terminal Open()
            {
                Assert.SkipWhen(Peers.Which("tmux") == null, "tmux is not installed (tests/scripts/install-test-tools.sh installs it)");
                return new Terminal();
            }

            public void Start(string session, int columns, int rows, string program, params string[] args)
            {
                List<string> command = new List<string> { "-L", _socket, "new-session", "-d", "-s", session, "-x", columns.ToString(), "-y", rows.ToString(),
                    ProcessRun.Dotnet, program };
                command.AddRange(args);
                Tmux(command.ToArray());
                _sessions.Add(session);
            }

            public string[] WaitFor(string session, Func<string, bool> done, int timeoutMs)
            {
                string screen = "";
                Stopwatch clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < timeoutMs)
                {
                    screen = Tmux("capture-pane", "-p", "-t", session);
                    if (done(screen))
                    {
                        return screen.Split('\n');
                    }
                    Thread.Sleep(250);
                }
                Assert.Fail("the terminal did not show what was awaited within " + timeoutMs + " ms:\n" + screen);
                return null;
            }

            private string Tmux(params string[] args)
            {
                ProcessStartInfo start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (args[0] != "-L")
                {
                    start.ArgumentList.Add("-L");
                    start.ArgumentList.Add(_socket);
                }
                foreach (string a in args)
                {
                    start.ArgumentList.Add(a);
                }
                using Process p = Process.Start(start);
                string output = p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                return output;
            }

            private readonly List<string> _sessions = new List<string>();

            /// <summary>Ctrl+C to every program started, so each cleans up as a user's would, then the server goes.</summary>
            public void Dispose()
            {
                foreach (string session in _sessions)
                {
                    Tmux("send-keys", "-t", session, "C-c");
                }
                Stopwatch clock = Stopwatch.StartNew();
                while (clock.ElapsedMilliseconds < 20000 && _sessions.Any(s => Tmux("list-sessions", "-F", "#{session_name}").Split('\n').Contains(s)))
                {
                    Thread.Sleep(200);
                }
                Tmux("kill-server");
            }
        }
    }
}
