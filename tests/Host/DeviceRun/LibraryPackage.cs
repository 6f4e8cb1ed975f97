using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using NuGet.Packaging;

namespace TcAtMcu.DeviceRun
{
    /// <summary>The version of this checkout, as Nerdbank.GitVersioning computed it for this build (version.json and git).</summary>
    public sealed record BuildVersion(string AssemblyVersion, string FileVersion, string InformationalVersion, string NuGetVersion, string Commit)
    {
        /// <summary>This program's own stamp: built from the same checkout, so the firmware's version.</summary>
        public static BuildVersion OfThisCheckout()
        {
            string semVer = ThisAssembly.AssemblyInformationalVersion.Split('+')[0];
            string commit = ThisAssembly.GitCommitId ?? "";
            // A build off the public branches is a prerelease named by its commit, as NBGV names it.
            string nuget = ThisAssembly.IsPublicRelease || commit.Length < 10 ? semVer : semVer + "-g" + commit.Substring(0, 10);
            return new BuildVersion(ThisAssembly.AssemblyVersion, ThisAssembly.AssemblyFileVersion, ThisAssembly.AssemblyInformationalVersion, nuget, commit);
        }
    }

    /// <summary>
    /// The firmware library as a nanoFramework NuGet package: firmware/TcAtMcu compiled as its nfproj compiles it (Release,
    /// strong-named with key.snk, XML documentation, the version from git), then packed from TcAtMcu.nuspec.
    /// </summary>
    public static class LibraryPackage
    {
        public const string Id = "TcAtMcu";

        /// <summary>The files of lib\ that only MetadataProcessor makes.</summary>
        public static readonly string[] MetadataProcessorOutputs = { "TcAtMcu.pe", "TcAtMcu.pdbx" };

        public static string Nuspec => Path.Combine(Builder.RepoRoot(), "firmware", "TcAtMcu", "TcAtMcu.nuspec");

        public static string KeyFile => Path.Combine(Builder.RepoRoot(), "key.snk");

        /// <summary>
        /// Compiles TcAtMcu.dll, .pdb and .xml into <paramref name="outDir"/> against mscorlib and the given references;
        /// the compiler's errors, none when it built.
        /// </summary>
        public static List<string> Compile(string outDir, string mscorlib, IEnumerable<string> references, BuildVersion version)
        {
            Directory.CreateDirectory(outDir);
            CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Diagnose,
                preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0", "TRACE" });
            string root = Builder.RepoRoot();
            List<SyntaxTree> trees = Builder.Sources("firmware/TcAtMcu")
                .Select(f => CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(f), System.Text.Encoding.UTF8), parse,
                    Path.GetRelativePath(root, f))).ToList();
            // What Nerdbank.GitVersioning's targets add to the nfproj build.
            trees.Add(CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(
                "[assembly: System.Reflection.AssemblyVersion(\"" + version.AssemblyVersion + "\")]\n"
                + "[assembly: System.Reflection.AssemblyFileVersion(\"" + version.FileVersion + "\")]\n"
                + "[assembly: System.Reflection.AssemblyInformationalVersion(\"" + version.InformationalVersion + "\")]\n", System.Text.Encoding.UTF8), parse, "TcAtMcu.Version.cs"));
            List<MetadataReference> refs = new List<MetadataReference> { MetadataReference.CreateFromFile(mscorlib) };
            refs.AddRange(references.Select(r => MetadataReference.CreateFromFile(r)));
            CSharpCompilation compilation = CSharpCompilation.Create(Id, trees, refs,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Disable, deterministic: true,
                    cryptoKeyFile: KeyFile, strongNameProvider: new DesktopStrongNameProvider()));
            string dll = Path.Combine(outDir, Id + ".dll");
            EmitResult emitted;
            using (FileStream output = File.Create(dll))
            using (FileStream pdb = File.Create(Path.ChangeExtension(dll, ".pdb")))
            using (FileStream xml = File.Create(Path.ChangeExtension(dll, ".xml")))
            {
                emitted = compilation.Emit(output, pdb, xml, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb,
                    pdbFilePath: Id + ".pdb"));
            }
            return emitted.Success ? new List<string>()
                : emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        }

        /// <summary>
        /// Writes &lt;id&gt;.&lt;version&gt;.nupkg into <paramref name="outputDir"/> from the nuspec: $version$, $commit$ and
        /// $repositoryUrl$ filled in, lib\ files taken from <paramref name="buildDir"/>. Files named in
        /// <paramref name="mayLack"/> are left out when the build has none (and returned); any other missing file is an error.
        /// </summary>
        public static string Pack(string buildDir, string outputDir, BuildVersion version, string repositoryUrl, ICollection<string> mayLack,
            out List<string> leftOut)
        {
            XDocument nuspec = XDocument.Parse(File.ReadAllText(Nuspec)
                .Replace("$version$", version.NuGetVersion).Replace("$commit$", version.Commit).Replace("$repositoryUrl$", repositoryUrl ?? ""));
            XNamespace ns = nuspec.Root.Name.Namespace;
            XElement repository = nuspec.Root.Element(ns + "metadata").Element(ns + "repository");
            if (repository != null && string.IsNullOrEmpty((string)repository.Attribute("url")))
            {
                repository.Attribute("url").Remove();
            }
            leftOut = new List<string>();
            string nuspecDir = Path.GetDirectoryName(Nuspec);
            foreach (XElement file in nuspec.Descendants(ns + "file").ToList())
            {
                string src = ((string)file.Attribute("src")).Replace('\\', '/');
                string path = src.StartsWith("bin/Release/", StringComparison.Ordinal)
                    ? Path.Combine(buildDir, src.Substring("bin/Release/".Length))
                    : Path.GetFullPath(Path.Combine(nuspecDir, src));
                if (!File.Exists(path))
                {
                    if (!mayLack.Contains(Path.GetFileName(path)))
                    {
                        throw new FileNotFoundException("the package needs " + path + ", which the build did not make", path);
                    }
                    leftOut.Add(Path.GetFileName(path));
                    file.Remove();
                    continue;
                }
                file.SetAttributeValue("src", path);
                file.SetAttributeValue("target", ((string)file.Attribute("target")).Replace('\\', '/'));
            }
            foreach (XElement readme in nuspec.Descendants(ns + "readme"))
            {
                readme.Value = readme.Value.Replace('\\', '/');
            }
            Directory.CreateDirectory(outputDir);
            string nupkg = Path.Combine(outputDir, Id + "." + version.NuGetVersion + ".nupkg");
            using (MemoryStream spec = new MemoryStream())
            {
                nuspec.Save(spec);
                spec.Position = 0;
                PackageBuilder builder = new PackageBuilder(spec, nuspecDir);
                using FileStream output = File.Create(nupkg);
                builder.Save(output);
            }
            return nupkg;
        }

        /// <summary>The repository's "origin" remote, for the nuspec's repository url; null without one.</summary>
        public static string OriginUrl()
        {
            try
            {
                ProcessStartInfo start = new ProcessStartInfo("git", "remote get-url origin")
                {
                    WorkingDirectory = Builder.RepoRoot(),
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using Process p = Process.Start(start);
                string url = p.StandardOutput.ReadToEnd().Trim();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0 || url.Length == 0)
                {
                    return null;
                }
                // A remote may carry credentials (https://user:token@host/...): they never go into a package.
                return Uri.TryCreate(url, UriKind.Absolute, out Uri uri) && uri.UserInfo.Length > 0
                    ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString() : url;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }
}
