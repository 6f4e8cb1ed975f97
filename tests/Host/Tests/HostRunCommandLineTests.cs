using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Link;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The host run as a user meets it: the built program started as a process. A mistake on the command line, or
    /// a broker, port or demo that is not there, is one sentence on stderr and exit code 2, never a stack trace.
    /// </summary>
    public class HostRunCommandLineTests
    {
        private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "tcatmcu-run.dll");

        public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

        public static Outcome RunTool(string[] args, int timeoutMs = 30000, string path = null)
        {
            using Process process = Start(args, path);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMs))
            {
                process.Kill(true);
                Assert.Fail($"tcatmcu-run {string.Join(' ', args)} did not end within {timeoutMs} ms");
            }
            return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
        }

        private static Process Start(string[] args, string path = null)
        {
            ProcessStartInfo start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Program);
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }
            if (path != null)
            {
                start.Environment["PATH"] = path;
            }
            return Process.Start(start);
        }

        private static void AssertOneLineError(Outcome outcome, string mentions)
        {
            string[] lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(outcome.ExitCode == 2, $"exit {outcome.ExitCode}, stderr: {outcome.Stderr}");
            Assert.True(lines.Length == 1, "one line on stderr, got: " + outcome.Stderr);
            Assert.StartsWith("tcatmcu-run: ", lines[0]);
            Assert.Contains(mentions, lines[0]);
            Assert.DoesNotContain("   at ", outcome.Stdout + outcome.Stderr);
            Assert.DoesNotContain("Exception", outcome.Stdout + outcome.Stderr);
        }

        [Theory]
        [InlineData("--seconds abc", "--seconds takes a whole number from 1")]
        [InlineData("--seconds 0", "--seconds 0 is out of range: 1 to")]
        [InlineData("--seconds -5", "--seconds -5 is out of range")]
        [InlineData("--baud 0", "not a standard rate")]
        [InlineData("--baud 100000", "115200")]
        [InlineData("--telemetry-ms 0", "--telemetry-ms 0 is out of range: 200 to")]
        [InlineData("--broker localhost:99999", "port from 1 to 65535")]
        [InlineData("--device-name a,b", "--device-name")]
        [InlineData("--product-id ABCDEFGHIJK --seconds 3", "--product-id 'ABCDEFGHIJK' must be 1 to 10")]
        [InlineData("push --product-id ABCDEFGHIJK", "--product-id 'ABCDEFGHIJK' must be 1 to 10")]
        [InlineData("--nonsense", "'--nonsense'")]
        [InlineData("--port /dev/ttyUSB0 --pty", "exclude each other")]
        [InlineData("push --size -5", "--size -5 is out of range: 1 to 716800")]
        [InlineData("push --size 0", "--size 0 is out of range")]
        [InlineData("push --size 716801", "716800")]
        [InlineData("push --size 999999999999", "--size takes a whole number from 1 to 716800")]
        [InlineData("push --version 1\"2", "--version")]
        [InlineData("push --file /nonexistent/image.bin", "no such file")]
        [InlineData("--port /dev/tcatmcu-no-such-adapter", "there is no serial device /dev/tcatmcu-no-such-adapter")]
        [InlineData("--sub-devices 3", "--sub-devices 3 is out of range: 0 to 2")]
        [InlineData("--sub-devices 1 --firmware 1", "--sub-devices needs --firmware 2")]
        [InlineData("--firmware 3", "--firmware 3 is out of range: 1 to 2")]
        public void BadInputIsOneSentenceAndExitCode2(string args, string mentions)
        {
            AssertOneLineError(RunTool(args.Split(' ')), mentions);
        }

        [Theory]
        [InlineData("--device-secret", "", "--device-secret must be 1 to 44")]
        [InlineData("--device-secret", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--device-secret must be 1 to 44")]
        [InlineData("--product-secret", "", "--product-secret must be 1 to 32")]
        [InlineData("--product-secret", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--product-secret must be 1 to 32")]
        public void SecretOutsideTheModuleLimitIsRefused(string option, string value, string mentions)
        {
            Outcome run = RunTool(new[] { option, value, "--seconds", "3" });
            AssertOneLineError(run, mentions);
            if (value.Length > 0)
            {
                Assert.DoesNotContain(value, run.Stderr);
            }
        }

        [Fact]
        public void UnreachableBrokerSaysWhatToDo()
        {
            int port = Peers.FreePort();
            Outcome run = RunTool(new[] { "--broker", "127.0.0.1:" + port, "--seconds", "5" });
            AssertOneLineError(run, $"cannot reach an MQTT broker at 127.0.0.1:{port}");
            AssertOneLineError(RunTool(new[] { "push", "--broker", "127.0.0.1:" + port }), "--broker");
        }

        [Fact]
        public void PtyWithoutSocatSaysHowToInstallIt()
        {
            using TempFolder empty = TempFolder.Create("tcat-nopath");
            AssertOneLineError(RunTool(new[] { "--pty", "--seconds", "5", "--no-pacing" }, path: empty.Path), "apt-get install socat");
        }

        [Fact]
        public void HelpEverywhere()
        {
            Outcome root = RunTool(new[] { "--help" });
            Assert.Equal(0, root.ExitCode);
            Assert.Contains("--seconds", root.Stdout);
            Assert.Contains("--pty", root.Stdout);
            Outcome push = RunTool(new[] { "push", "--help" });
            Assert.Equal(0, push.ExitCode);
            Assert.Contains("716800", push.Stdout);
        }

        /// <summary>
        /// Not a terminal: plain lines. A push through the CLI ends in "MD5 verified, installed"; one with a wrong MD5
        /// says it failed, in the run and in push's exit code.
        /// </summary>
        [Fact]
        public async Task PlainLinesAndAnUpdateThroughTheCommandLine()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            string at = "127.0.0.1:" + broker.Port;
            using Process demo = Start(new[] { "--broker", at, "--no-pacing", "--device-name", "cli01" });
            System.Text.StringBuilder output = new System.Text.StringBuilder();
            demo.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            demo.BeginOutputReadLine();
            string Output() { lock (output) { return output.ToString(); } }
            try
            {
                // Under load the demo may take a while to come online; a push before it subscribed would be lost.
                Assert.True(SpinWait.SpinUntil(() => Output().Contains("state: online, LED solid"), 30000), "the demo came online: " + Output());
                Outcome push = RunTool(new[] { "push", "--broker", at, "--device-name", "cli01", "--size", "50000", "--version", "1.2.3" }, 60000);
                Assert.True(push.ExitCode == 0, push.Stdout + push.Stderr);
                Assert.Contains("device runs 1.2.3", push.Stdout);
                Outcome failed = RunTool(new[] { "push", "--broker", at, "--device-name", "cli01", "--size", "20000", "--version", "1.2.4", "--wrong-md5" }, 60000);
                Assert.True(failed.ExitCode == 1, failed.Stdout + failed.Stderr);
                Assert.Contains("the module failed the download", failed.Stderr);
                Assert.True(SpinWait.SpinUntil(() => Output().Contains("OTA failed: the module's download failed: +TCOTASTATUS:UPDATEFAIL,"), 10000), Output());
                // Ctrl+C: a clean stop.
                Process.Start("kill", new[] { "-INT", demo.Id.ToString() }).WaitForExit();
                Assert.True(demo.WaitForExit(15000), "the demo stopped on SIGINT");
            }
            finally
            {
                if (!demo.HasExited)
                {
                    demo.Kill(true);
                }
            }
            demo.WaitForExit();
            string run = Output();
            Assert.Equal(0, demo.ExitCode);
            Assert.False(run.Contains((char)27), "no terminal codes in a pipe");
            Assert.Contains("firmware 1.2.3 read 50000/50000 bytes (100%)", run);
            Assert.Contains("OTA: MD5 verified, installed, now running 1.2.3", run);
            Assert.Contains("stopped: ", run);
            Assert.Equal("", demo.StandardError.ReadToEnd());
        }

        [Fact]
        public void PtyModeInOneCommand()
        {
            if (Peers.Which("socat") == null)
            {
                Assert.Skip("socat is not installed (tests/scripts/install-test-tools.sh installs it)");
            }
            Outcome run = RunTool(new[] { "--pty", "--seconds", "6", "--telemetry-ms", "500" }, 30000);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            Assert.Contains("simulated module on a socat pty pair, paced at 115200 baud at boot, 115200 negotiated", run.Stdout);
            Assert.Contains("state: online, LED solid", run.Stdout);
            Assert.Contains("cloud received on $thing/up/property/", run.Stdout);
        }

        /// <summary>Without --trace, a failed step says which command and what the module answered.</summary>
        [Fact]
        public void ConversationTellsWhyAStepFailed()
        {
            NullLink link = new NullLink();
            WireTap tap = new WireTap(link, "c2VjcmV0");
            Conversation conversation = new Conversation(tap);
            System.Collections.Generic.List<string> sent = new System.Collections.Generic.List<string>();
            tap.Sent += sent.Add;
            string ota = null;
            string wifi = null;
            conversation.OtaStatus += (state, line) => ota = state + " " + line;
            conversation.Wifi += state => wifi = state;
            Send(tap, "AT+TCDEVINFOSET=1,\"P\",\"d\",\"c2VjcmV0\"\r\n");
            Receive(tap, link, "OK\r\n");
            Assert.Null(conversation.LastFailure());
            Assert.Equal("AT+TCDEVINFOSET=1,\"P\",\"d\",\"***\"", sent[0]);
            Send(tap, "AT+TCMQTTCONN=1,5000,240,1,1\r\n");
            Receive(tap, link, "OK\r\n+TCMQTTCONN:FAIL,202\r\n");
            Assert.Equal("AT+TCMQTTCONN was answered +TCMQTTCONN:FAIL,202 (CME 202 command timeout)", conversation.LastFailure());
            int timeouts = 0;
            conversation.Timeouts = () => timeouts;
            Send(tap, "AT\r\n");
            timeouts++;
            Assert.Equal("the module did not answer AT in time", conversation.LastFailure());
            Receive(tap, link, "+TCOTASTATUS:UPDATEFAIL,-5\r\n");
            Assert.StartsWith("UPDATEFAIL +TCOTASTATUS:UPDATEFAIL,-5", ota);
            Receive(tap, link, "WIFI CONNECTED\r\nWIFI GOT IP\r\n");
            Assert.Equal("connected, got an IP address", wifi);
            Receive(tap, link, "WIFI DISCONNECT\r\n");
            Assert.Equal("disconnected", wifi);
        }

        private static void Send(WireTap tap, string text)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
            // Fragmented at odd boundaries: lines are cut by the tap, not by the writes.
            for (int i = 0; i < bytes.Length; i += 3)
            {
                tap.Write(bytes, i, Math.Min(3, bytes.Length - i));
            }
        }

        private static void Receive(WireTap tap, NullLink link, string text)
        {
            link.Next = System.Text.Encoding.ASCII.GetBytes(text);
            byte[] buffer = new byte[5];
            while (tap.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        private sealed class NullLink : IByteLink
        {
            public byte[] Next = Array.Empty<byte>();
            private int _at;

            public int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(count, Next.Length - _at);
                Array.Copy(Next, _at, buffer, offset, n);
                _at += n;
                if (_at == Next.Length)
                {
                    Next = Array.Empty<byte>();
                    _at = 0;
                }
                return n;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
            }
        }
    }
}
