using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The generator as a product team gets it without this repository: packed as a .NET tool, installed from the package,
    /// run on the smart lamp's template: the checked-in SmartLamp.g.cs, byte for byte.
    /// </summary>
    [Collection("end to end")]
    public class TemplateGenToolTests
    {
        private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        private static string _temp;

        private static (int Exit, string Out, string Err) Run(string program, params string[] args)
        {
            ProcessStartInfo start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            args.ToList().ForEach(start.ArgumentList.Add);
            // No build server or MSBuild node may outlive the command: it would hold these pipes open.
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            // The SDK leaves empty folders in the temp folder at each command: in this test's, which goes with it.
            start.Environment["TMPDIR"] = _temp;
            using Process p = Process.Start(start);
            System.Threading.Tasks.Task<string> err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(300000), "ended: " + program + " " + string.Join(' ', args));
            return (p.ExitCode, output, err.Result);
        }

        [Fact]
        public void TheGeneratorInstalledFromItsPackageWritesTheSmartLamp()
        {
            using TempFolder folder = TempFolder.Create("tcat-tool");
            _temp = Directory.CreateDirectory(folder.File("tmp")).FullName;
            string feed = folder.File("feed");
            var pack = Run(Dotnet, "pack", Path.Combine(NanoFrameworkCompiler.Root, "tests", "Host", "TemplateGen"), "-c", "Release", "-o", feed, "--disable-build-servers", "-v", "q");
            Assert.True(pack.Exit == 0, pack.Out + pack.Err);
            string nupkg = Assert.Single(Directory.GetFiles(feed, "TcAtMcu.TemplateGen.*.nupkg"));
            string version = Path.GetFileNameWithoutExtension(nupkg).Substring("TcAtMcu.TemplateGen.".Length);
            // The tool has the version of the checkout, as the library's package does.
            Assert.Equal(TcAtMcu.DeviceRun.BuildVersion.OfThisCheckout().NuGetVersion, version);
            string tools = folder.File("tools");
            var install = Run(Dotnet, "tool", "install", "--tool-path", tools, "--add-source", feed, "TcAtMcu.TemplateGen", "--version", version);
            Assert.True(install.Exit == 0, install.Out + install.Err);
            string product = Path.Combine(NanoFrameworkCompiler.Root, "firmware", "TcAtMcu.App", "Product");
            var generated = Run(Path.Combine(tools, "tcatmcu-templategen"), Path.Combine(product, "smart-lamp.json"), "--class", "SmartLamp", "--namespace", "TcAtMcu.App.Product");
            Assert.True(generated.Exit == 0, generated.Err);
            Assert.Equal(File.ReadAllText(Path.Combine(product, "SmartLamp.g.cs")), generated.Out);
        }
    }
}
