using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>A program run to its end as a user runs it: its exit code and both outputs, within a time limit.</summary>
    public static class ProcessRun
    {
        public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

        public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        /// <summary>A .NET program of the test's output folder (its .dll), run with dotnet.</summary>
        public static Outcome Dll(string dll, IEnumerable<string> args, IDictionary<string, string> environment = null, int timeoutMs = 60000) =>
            Run(Dotnet, new[] { dll }.Concat(args), environment, timeoutMs);

        public static Outcome Run(string program, IEnumerable<string> args, IDictionary<string, string> environment = null, int timeoutMs = 60000)
        {
            ProcessStartInfo start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args)
            {
                start.ArgumentList.Add(a);
            }
            foreach (KeyValuePair<string, string> e in environment ?? new Dictionary<string, string>())
            {
                start.Environment[e.Key] = e.Value;
            }
            using Process process = Process.Start(start);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeoutMs))
            {
                process.Kill(true);
                Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', args)} did not end within {timeoutMs} ms");
            }
            process.WaitForExit();
            return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
