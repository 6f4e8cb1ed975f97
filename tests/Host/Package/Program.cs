using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace TcAtMcu.Package
{
    /// <summary>
    /// tcatmcu-package: builds an OTA package from a build's output folder. Every *.pe there goes in, except those the
    /// boot program deploys itself (--deployed, the boot program's output folder, and --exclude): a package updates
    /// the product application's assemblies only.
    /// </summary>
    public static class Program
    {
        /// <summary>The module's OTA buffer (AT+TCFWINFO's last field, TcLimits.FirmwareMaxSizeMax): it refuses a bigger image.</summary>
        public const int ModuleBufferBytes = 716800;

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            Option<string> input = new Option<string>("--input", "-i") { Description = "The build's output folder holding the .pe files", Required = true, HelpName = "DIR" };
            Option<string> version = new Option<string>("--version", "-v")
            {
                Description = "The package's version (what AT+TCOTASET reports once it proved healthy); by default the packaged assemblies' version (from git, as the build stamped it)",
                HelpName = "VERSION",
            };
            Option<string> outputFile = new Option<string>("--output", "-o") { Description = "The package file to write", Required = true, HelpName = "FILE" };
            Option<string> deployed = new Option<string>("--deployed") { Description = "The boot program's output folder: its .pe files are on the device already and are left out", HelpName = "DIR" };
            Option<string[]> exclude = new Option<string[]>("--exclude") { Description = "A file name to leave out; repeat for more", HelpName = "NAME" };
            Option<string> extension = new Option<string>("--extension") { Description = "Extension of the assemblies (pe; dll for the host's .NET twins)", DefaultValueFactory = _ => "pe", HelpName = "EXT" };
            RootCommand root = new RootCommand("Builds a TcAtMcu OTA package from a build's .pe files.");
            // --version is the package's version here, not the tool's.
            foreach (Option builtIn in root.Options.Where(o => o is VersionOption).ToList())
            {
                root.Options.Remove(builtIn);
            }
            foreach (Option option in new Option[] { input, version, outputFile, deployed, exclude, extension })
            {
                root.Options.Add(option);
            }

            ParseResult parse = root.Parse(args);
            bool helpAsked = args.Any(a => a == "--help" || a == "-h" || a == "-?");
            if (helpAsked)
            {
                return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
            }
            if (parse.Errors.Count > 0)
            {
                error.WriteLine(Sentence(parse.Errors[0].Message) + " See --help.");
                return 2;
            }
            try
            {
                string ext = "." + parse.GetValue(extension).TrimStart('.');
                string dir = parse.GetValue(input);
                if (!Directory.Exists(dir))
                {
                    throw new ArgumentException($"--input '{dir}' is not a folder.");
                }
                string target = Path.GetFullPath(parse.GetValue(outputFile));
                if (Directory.Exists(target))
                {
                    throw new ArgumentException($"--output '{target}' is a folder; give the package file's path, e.g. {Path.Combine(target, "app.tcpk")}.");
                }
                string targetFolder = Path.GetDirectoryName(target);
                if (!Directory.Exists(targetFolder))
                {
                    throw new ArgumentException($"--output '{target}': the folder {targetFolder} does not exist.");
                }
                if (File.Exists(target) && target.StartsWith(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"--output '{target}' is a file in the --input folder; writing the package there would overwrite an input, so give a path outside it.");
                }
                HashSet<string> left = new HashSet<string>(parse.GetValue(exclude) ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
                string deployedDir = parse.GetValue(deployed);
                if (deployedDir != null)
                {
                    if (!Directory.Exists(deployedDir))
                    {
                        throw new ArgumentException($"--deployed '{deployedDir}' is not a folder.");
                    }
                    left.UnionWith(Directory.GetFiles(deployedDir, "*" + ext).Select(Path.GetFileName));
                }
                List<(string, byte[])> files = Directory.GetFiles(dir, "*" + ext).Select(Path.GetFileName)
                    .Where(n => !left.Contains(n)).OrderBy(n => n, StringComparer.Ordinal)
                    .Select(n => (n, File.ReadAllBytes(Path.Combine(dir, n)))).ToList();
                if (files.Count == 0)
                {
                    throw new ArgumentException($"No {ext} file in '{dir}' is left to package.");
                }
                if (files.Any(f => f.Item1.Equals("mscorlib" + ext, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ArgumentException($"mscorlib{ext} is part of the device's firmware and cannot be in a package: give --deployed or --exclude.");
                }
                string packageVersion = parse.GetValue(version) ?? AssemblyVersions.Common(dir, files.Select(f => f.Item1), ext);
                byte[] package = PackageBuilder.Build(packageVersion, files);
                if (package.Length > ModuleBufferBytes)
                {
                    throw new ArgumentException($"The package would be {package.Length} bytes, more than the module's buffer of {ModuleBufferBytes} bytes: leave files out with --deployed or --exclude.");
                }
                File.WriteAllBytes(target, package);
                output.WriteLine($"{parse.GetValue(outputFile)}: version {packageVersion}, {files.Count} file{(files.Count == 1 ? "" : "s")} ({string.Join(", ", files.Select(f => f.Item1 + " " + f.Item2.Length + " B"))}), {package.Length} bytes");
                return 0;
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return 2;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                error.WriteLine(Sentence("Cannot read or write the files: " + e.Message.TrimEnd()));
                return 2;
            }
        }

        private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
    }
}
