using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace TcAtMcu.DeviceRun
{
    /// <summary>
    /// `pack`: the TcAtMcu NuGet package, whole: the library compiled for nanoFramework against the real libraries of
    /// NANO_LIBS, converted by MetadataProcessor (NANO_MDP) to .pe and .pdbx, packed from firmware/TcAtMcu/TcAtMcu.nuspec.
    /// </summary>
    public static class PackCommand
    {
        /// <summary>What the library references, as assemblies (packages.config names their packages).</summary>
        public static readonly string[] References =
        {
            "nanoFramework.Runtime.Events", "nanoFramework.System.Text", "System.Device.Gpio", "System.IO.FileSystem", "System.IO.Ports", "System.IO.Streams",
        };

        public static int Run(string[] args, string usage)
        {
            string output = Directory.GetCurrentDirectory();
            string repositoryUrl = null;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "-h":
                    case "--help":
                        Console.WriteLine(usage);
                        return 0;
                    case "--output" when i + 1 < args.Length:
                        output = Path.GetFullPath(args[++i]);
                        if (File.Exists(output))
                        {
                            throw new UsageException("--output '" + output + "' is a file; give the folder the package goes to.");
                        }
                        break;
                    case "--repository-url" when i + 1 < args.Length:
                        repositoryUrl = args[++i];
                        break;
                    default:
                        throw new UsageException("Unknown or incomplete option '" + args[i] + "' for 'pack' (--help lists the options).");
                }
            }
            string mdp = Environment.GetEnvironmentVariable("NANO_MDP");
            if (string.IsNullOrEmpty(mdp))
            {
                throw new UsageException("pack needs nanoFramework's MetadataProcessor for the package's .pe and .pdbx: set NANO_MDP (and NANO_LIBS); "
                    + "everything else of the package is built and checked by the tests (LibraryPackageTests).");
            }
            Toolchain.CheckMetadataProcessor(mdp);
            string libs = Environment.GetEnvironmentVariable("NANO_LIBS");
            if (string.IsNullOrEmpty(libs) || !Directory.Exists(libs))
            {
                throw new UsageException("NANO_LIBS must name a folder with the .dll of " + string.Join(", ", References) + "; it is '" + libs + "'.");
            }
            List<string> missing = References.Where(r => !File.Exists(Path.Combine(libs, r + ".dll"))).ToList();
            if (missing.Count > 0)
            {
                throw new UsageException("NANO_LIBS (" + libs + ") has no " + string.Join(".dll, ", missing) + ".dll, which the library references.");
            }
            string mscorlib = Path.Combine(AppContext.BaseDirectory, "nanoFramework", "mscorlib.dll");
            if (!File.Exists(mscorlib))
            {
                throw new UsageException("nanoFramework.CoreLibrary 1.17.11 was not restored beside the program (" + mscorlib + ").");
            }

            repositoryUrl ??= LibraryPackage.OriginUrl();
            if (repositoryUrl == null)
            {
                throw new UsageException("The package names its repository and commit: this checkout has no remote 'origin', so give --repository-url URL.");
            }
            BuildVersion version = BuildVersion.OfThisCheckout();
            // Where the nfproj's Release build puts it, which is what the nuspec's src names.
            string build = Path.Combine(Builder.RepoRoot(), "firmware", "TcAtMcu", "bin", "Release");
            string[] references = References.Select(r => Path.Combine(libs, r + ".dll")).ToArray();
            Console.WriteLine("TcAtMcu " + version.NuGetVersion + " (assembly " + version.AssemblyVersion + ", commit "
                + (version.Commit.Length > 0 ? version.Commit : "unknown: no git history") + ")");
            List<string> errors = LibraryPackage.Compile(build, mscorlib, references, version);
            if (errors.Count > 0)
            {
                Console.Error.WriteLine("TcAtMcu does not compile for nanoFramework:");
                errors.ForEach(e => Console.Error.WriteLine("  " + e));
                return 1;
            }
            if (!Builder.Convert(mdp, mscorlib, Path.Combine(build, "TcAtMcu.dll"), references))
            {
                return 1;
            }
            string nupkg = LibraryPackage.Pack(build, output, version, repositoryUrl, Array.Empty<string>(), out _);
            Console.WriteLine(nupkg + ": " + new FileInfo(nupkg).Length + " bytes");
            return 0;
        }
    }
}
