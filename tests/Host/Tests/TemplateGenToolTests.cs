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
        private static string _temp;

        private static (int Exit, string Out, string Err) Run(string program, params string[] args)
        {
            ProcessRun.Outcome run = ProcessRun.Run(program, args, new Dictionary<string, string>
            {
                // No build server or MSBuild node may outlive the command: it would hold these pipes open.
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // The SDK leaves empty folders in the temp folder at each command: in this test's, which goes with it.
                ["TMPDIR"] = _temp,
            }, 300000);
            return (run.ExitCode, run.Stdout, run.Stderr);
        }

        [Fact]
        public void TheGeneratorInstalledFromItsPackageWritesTheSmartLamp()
        {
            using TempFolder folder = TempFolder.Create("tcat-tool");
            _temp = Directory.CreateDirectory(folder.File("tmp")).FullName;
            string feed = folder.File("feed");
            var pack = Run(ProcessRun.Dotnet, "pack", Path.Combine(NanoFrameworkCompiler.Root, "tests", "Host", "TemplateGen"), "-c", "Release", "-o", feed, "--disable-build-servers", "-v", "q");
            Assert.True(pack.Exit == 0, pack.Out + pack.Err);
            string nupkg = Assert.Single(Directory.GetFiles(feed, "TcAtMcu.TemplateGen.*.nupkg"));
            string version = Path.GetFileNameWithoutExtension(nupkg).Substring("TcAtMcu.TemplateGen.".Length);
            // The tool has the version of the checkout, as the library's package does.
            Assert.Equal(TcAtMcu.DeviceRun.BuildVersion.OfThisCheckout().NuGetVersion, version);
            string tools = folder.File("tools");
            var install = Run(ProcessRun.Dotnet, "tool", "install", "--tool-path", tools, "--add-source", feed, "TcAtMcu.TemplateGen", "--version", version);
            Assert.True(install.Exit == 0, install.Out + install.Err);
            string product = Path.Combine(NanoFrameworkCompiler.Root, "firmware", "TcAtMcu.App", "Product");
            var generated = Run(Path.Combine(tools, "tcatmcu-templategen"), Path.Combine(product, "smart-lamp.json"), "--class", "SmartLamp", "--namespace", "TcAtMcu.App.Product");
            Assert.True(generated.Exit == 0, generated.Err);
            Assert.Equal(File.ReadAllText(Path.Combine(product, "SmartLamp.g.cs")), generated.Out);
        }
    }
}
