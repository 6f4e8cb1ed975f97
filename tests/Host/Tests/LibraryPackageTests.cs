using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NuGet.Packaging;
using TcAtMcu.DeviceRun;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The firmware library's NuGet package, everything of it that needs no MetadataProcessor: the nuspec against
    /// packages.config and the nfproj (so no version can drift), the library compiled as its nfproj compiles it
    /// (strong-named, XML documentation, the version from git, references to exactly the packages' assemblies), and the
    /// .nupkg written from the nuspec and read back. `tcatmcu-device-run pack` adds the .pe and .pdbx.
    /// </summary>
    public class LibraryPackageTests
    {
        private static string Root => BridgeSelfTests.RepoRoot();

        // Every nanoFramework project of the repository, found, so a new one is checked too.
        private static IEnumerable<string> NfProjects =>
            Directory.GetFiles(Root, "*.nfproj", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p))
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj" || part.StartsWith('.')))
                .OrderBy(p => p, StringComparer.Ordinal);

        private sealed record Package(string Id, string Version, bool Development);

        private static List<Package> PackagesConfig(string folder) =>
            XDocument.Load(Path.Combine(Root, folder, "packages.config")).Root.Elements("package")
                .Select(p => new Package((string)p.Attribute("id"), (string)p.Attribute("version"), (string)p.Attribute("developmentDependency") == "true")).ToList();

        private static XDocument NuspecXml() => XDocument.Load(LibraryPackage.Nuspec);

        private static XNamespace Ns(XDocument d) => d.Root.Name.Namespace;

        [Fact]
        public void TheNuspecDependsOnExactlyWhatPackagesConfigNames()
        {
            XDocument nuspec = NuspecXml();
            List<string> dependencies = nuspec.Descendants(Ns(nuspec) + "dependency")
                .Select(d => (string)d.Attribute("id") + " " + (string)d.Attribute("version")).OrderBy(s => s, StringComparer.Ordinal).ToList();
            List<string> config = PackagesConfig("firmware/TcAtMcu").Where(p => !p.Development)
                .Select(p => p.Id + " " + p.Version).OrderBy(s => s, StringComparer.Ordinal).ToList();
            Assert.Equal(config, dependencies);
            // Exact versions, as nanoFramework's packages pin them (a bare version is "this or newer" to NuGet, the device loads this one).
            Assert.All(dependencies, d => Assert.Matches(@"^\S+ \d+\.\d+\.\d+$", d));
        }

        [Fact]
        public void TheNuspecNamesWhatTheConventionsAsk()
        {
            XDocument nuspec = NuspecXml();
            XNamespace ns = Ns(nuspec);
            XElement metadata = nuspec.Root.Element(ns + "metadata");
            Assert.Equal("TcAtMcu", (string)metadata.Element(ns + "id"));
            Assert.Equal("$version$", (string)metadata.Element(ns + "version"));
            Assert.Equal("$commit$", (string)metadata.Element(ns + "repository").Attribute("commit"));
            Assert.Equal("file", (string)metadata.Element(ns + "license").Attribute("type"));
            Assert.Equal("LICENSE.md", (string)metadata.Element(ns + "license"));
            Assert.Contains("MIT License", File.ReadAllText(Path.Combine(Root, "LICENSE.md")));
            Assert.Equal(@"docs\README.md", (string)metadata.Element(ns + "readme"));
            List<string> lib = nuspec.Descendants(ns + "file").Select(f => (string)f.Attribute("target")).Where(t => t.StartsWith(@"lib\", StringComparison.Ordinal))
                .OrderBy(t => t, StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { @"lib\TcAtMcu.dll", @"lib\TcAtMcu.pdb", @"lib\TcAtMcu.pdbx", @"lib\TcAtMcu.pe", @"lib\TcAtMcu.xml" }, lib);
            Assert.True(File.Exists(Path.Combine(Root, "CHANGELOG.md")), "a change log");
            Assert.True(File.Exists(LibraryPackage.KeyFile), "the strong-name key");
        }

        /// <summary>Every nfproj: its references' HintPaths and versions are its packages.config's; one version of a package everywhere.</summary>
        [Fact]
        public void TheNfprojReferencesArePackagesConfig()
        {
            Dictionary<string, string> everywhere = new Dictionary<string, string>();
            Assert.True(NfProjects.Count() >= 4, "the nfproj files: " + string.Join(", ", NfProjects));
            foreach (string project in NfProjects)
            {
                string folder = Path.GetDirectoryName(project);
                Dictionary<string, string> config = PackagesConfig(folder).ToDictionary(p => p.Id, p => p.Version);
                string text = File.ReadAllText(Path.Combine(Root, project));
                foreach (Match hint in Regex.Matches(text, @"packages\\([A-Za-z.]+?)\.(\d+\.\d+\.\d+)\\"))
                {
                    string id = hint.Groups[1].Value;
                    Assert.True(config.TryGetValue(id, out string version), project + " uses " + id + ", which its packages.config does not name");
                    Assert.True(version == hint.Groups[2].Value, project + ": " + id + " " + hint.Groups[2].Value + ", packages.config " + version);
                }
                foreach (Match reference in Regex.Matches(text, @"<Reference Include=""([^,""]+), Version=(\d+\.\d+\.\d+)\.0,[^""]*"">\s*<HintPath>[^<]*packages\\([A-Za-z.]+?)\.(\d+\.\d+\.\d+)\\"))
                {
                    // (the TestFramework package's launcher assembly is 0.0.0.0 whatever the package's version)
                    Assert.True(reference.Groups[2].Value == reference.Groups[4].Value || reference.Groups[2].Value == "0.0.0", project + ": " + reference.Groups[1].Value + " " + reference.Groups[2].Value
                        + " from package " + reference.Groups[3].Value + " " + reference.Groups[4].Value);
                }
                foreach (KeyValuePair<string, string> p in config)
                {
                    if (everywhere.TryGetValue(p.Key, out string other))
                    {
                        Assert.True(other == p.Value, p.Key + " is " + p.Value + " in " + folder + " and " + other + " elsewhere");
                    }
                    everywhere[p.Key] = p.Value;
                }
            }
            // The host twins version with the same Nerdbank.GitVersioning as the nfproj builds.
            string hostProps = File.ReadAllText(Path.Combine(Root, "tests/Host/Directory.Build.props"));
            Assert.Contains("\"Nerdbank.GitVersioning\" Version=\"" + everywhere["Nerdbank.GitVersioning"] + "\"", hostProps);
        }

        /// <summary>
        /// Lock files are on for every nfproj (nfproj.props); a committed packages.lock.json holds exactly its
        /// packages.config's packages at their versions.
        /// </summary>
        [Fact]
        public void LockFilesAreOnAndAgreeWithPackagesConfig()
        {
            XDocument props = XDocument.Load(Path.Combine(Root, "nfproj.props"));
            Assert.Equal("true", props.Descendants().Single(e => e.Name.LocalName == "RestorePackagesWithLockFile").Value);
            foreach (string project in NfProjects)
            {
                Assert.Contains("nfproj.props", File.ReadAllText(Path.Combine(Root, project)));
                string folder = Path.GetDirectoryName(project);
                string lockFile = Path.Combine(Root, folder, "packages.lock.json");
                if (!File.Exists(lockFile))
                {
                    continue;
                }
                using System.Text.Json.JsonDocument json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(lockFile));
                List<string> locked = json.RootElement.GetProperty("dependencies").EnumerateObject().Single().Value.EnumerateObject()
                    .Select(p => p.Name + " " + p.Value.GetProperty("resolved").GetString()).OrderBy(x => x, StringComparer.Ordinal).ToList();
                Assert.Equal(PackagesConfig(folder).Select(p => p.Id + " " + p.Version).OrderBy(x => x, StringComparer.Ordinal), locked);
            }
        }

        /// <summary>
        /// The library as the package ships it: compiled with the nfproj's settings against the real mscorlib and
        /// assemblies with the identities of the packages' (the conformance surface, split per assembly), then packed.
        /// </summary>
        [Fact]
        public void TheLibraryBuildsAndPacksAsThePackageShipsIt()
        {
            using TempFolder folder = TempFolder.Create("tcat-nupkg");
            string build = Directory.CreateDirectory(folder.File("bin")).FullName;
            Dictionary<string, (string Version, string Path)> references = SurfaceAssemblies(folder.File("refs"));
            BuildVersion version = BuildVersion.OfThisCheckout();
            List<string> errors = LibraryPackage.Compile(build, NanoFrameworkCompiler.MscorlibPath(), references.Values.Select(r => r.Path), version);
            Assert.True(errors.Count == 0, string.Join("\n", errors));

            string dll = Path.Combine(build, "TcAtMcu.dll");
            using (PEReader pe = new PEReader(File.OpenRead(dll)))
            {
                MetadataReader md = pe.GetMetadataReader();
                AssemblyDefinition assembly = md.GetAssemblyDefinition();
                Assert.Equal(Version.Parse(version.AssemblyVersion), assembly.Version);
                Assert.NotEqual(new Version(0, 0, 0, 0), assembly.Version);
                Assert.Equal(KeyTokenOf(PublicKeyOfSnk(File.ReadAllBytes(LibraryPackage.KeyFile))), KeyTokenOf(md.GetBlobBytes(assembly.PublicKey)));
                Assert.True((pe.PEHeaders.CorHeader.Flags & CorFlags.StrongNameSigned) != 0, "signed, not only public-signed");
                // Exactly the packages' assemblies, at the packages' versions, with nanoFramework's key.
                Dictionary<string, string> nfproj = Regex.Matches(File.ReadAllText(Path.Combine(Root, "firmware/TcAtMcu/TcAtMcu.nfproj")),
                        @"<Reference Include=""([^,""]+), Version=([\d.]+), Culture=neutral, PublicKeyToken=([0-9a-f]+)""")
                    .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value + " " + m.Groups[3].Value);
                foreach (AssemblyReferenceHandle handle in md.AssemblyReferences)
                {
                    AssemblyReference r = md.GetAssemblyReference(handle);
                    string name = md.GetString(r.Name);
                    Assert.True(nfproj.TryGetValue(name, out string expected), "TcAtMcu.dll references " + name + ", which the nfproj does not");
                    Assert.Equal(expected, r.Version + " " + Convert.ToHexStringLower(md.GetBlobBytes(r.PublicKeyOrToken)));
                }
            }
            XDocument docs = XDocument.Load(Path.Combine(build, "TcAtMcu.xml"));
            List<string> members = docs.Descendants("member").Select(m => (string)m.Attribute("name")).ToList();
            Assert.Contains("T:TcAtMcu.Module.TcModule", members);
            Assert.Contains("T:TcAtMcu.Engine.AtEngine", members);

            string nupkg = LibraryPackage.Pack(build, folder.File("out"), version, "https://example.invalid/tcatmcu.git",
                LibraryPackage.MetadataProcessorOutputs, out List<string> leftOut);
            Assert.Equal(LibraryPackage.MetadataProcessorOutputs.OrderBy(n => n), leftOut.OrderBy(n => n));
            using PackageArchiveReader package = new PackageArchiveReader(nupkg);
            NuspecReader spec = package.NuspecReader;
            Assert.Equal("TcAtMcu", spec.GetId());
            Assert.Equal(version.NuGetVersion, spec.GetVersion().ToNormalizedString());
            Assert.Equal(version.Commit, spec.GetRepositoryMetadata().Commit);
            Assert.Equal("https://example.invalid/tcatmcu.git", spec.GetRepositoryMetadata().Url);
            Assert.Equal("LICENSE.md", spec.GetLicenseMetadata().License);
            List<string> files = package.GetFiles().Where(f => !f.StartsWith("package/", StringComparison.Ordinal) && !f.StartsWith("_rels/", StringComparison.Ordinal)
                && f != "[Content_Types].xml").OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { "LICENSE.md", "TcAtMcu.nuspec", "docs/README.md", "lib/TcAtMcu.dll", "lib/TcAtMcu.pdb", "lib/TcAtMcu.xml" }, files);
            List<string> dependencies = spec.GetDependencyGroups().SelectMany(g => g.Packages).Select(p => p.Id + " " + p.VersionRange.MinVersion.ToNormalizedString())
                .OrderBy(s => s, StringComparer.Ordinal).ToList();
            Assert.Equal(PackagesConfig("firmware/TcAtMcu").Where(p => !p.Development).Select(p => p.Id + " " + p.Version).OrderBy(s => s, StringComparer.Ordinal), dependencies);
        }

        [Fact]
        public void PackWithoutMetadataProcessorSaysWhatItNeeds()
        {
            ProcessRun.Outcome run = ProcessRun.Dll(Path.Combine(AppContext.BaseDirectory, "tcatmcu-device-run.dll"), new[] { "pack" },
                new Dictionary<string, string> { ["NANO_MDP"] = "", ["NANO_LIBS"] = "" });
            Assert.Equal(2, run.ExitCode);
            Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("pack needs nanoFramework's MetadataProcessor for the package's .pe and .pdbx: set NANO_MDP", run.Stderr);
        }

        /// <summary>
        /// The conformance surface as one reference assembly per package assembly, each with the name, version and public
        /// key (nanoFramework's; public-signed) the nfproj references, so the compiled library's references are the real ones.
        /// </summary>
        private static Dictionary<string, (string Version, string Path)> SurfaceAssemblies(string dir)
        {
            Directory.CreateDirectory(dir);
            Dictionary<string, string> identities = Regex.Matches(File.ReadAllText(Path.Combine(Root, "firmware/TcAtMcu/TcAtMcu.nfproj")),
                    @"<Reference Include=""([^,""]+), Version=([\d.]+),").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            // Which assembly each surface file's namespaces belong to (System.Device.Gpio's file also declares Runtime.Events' part).
            (string File, string Namespace, string Assembly)[] map =
            {
                ("System.Device.Gpio.cs", "nanoFramework.Runtime.Events", "nanoFramework.Runtime.Events"),
                ("nanoFramework.System.IO.Streams.cs", null, "System.IO.Streams"),
                ("nanoFramework.System.Text.cs", null, "nanoFramework.System.Text"),
                ("System.Device.Gpio.cs", null, "System.Device.Gpio"),
                ("System.IO.Ports.cs", null, "System.IO.Ports"),
                ("nanoFramework.System.IO.FileSystem.cs", null, "System.IO.FileSystem"),
            };
            string[] symbols = NanoFrameworkCompiler.Symbols("Release");
            List<MetadataReference> built = new List<MetadataReference> { MetadataReference.CreateFromFile(NanoFrameworkCompiler.MscorlibPath()) };
            Dictionary<string, (string, string)> result = new Dictionary<string, (string, string)>();
            foreach (string assembly in map.Select(m => m.Assembly).Distinct())
            {
                List<SyntaxTree> trees = new List<SyntaxTree>();
                foreach ((string file, string ns, string _) in map.Where(m => m.Assembly == assembly))
                {
                    SyntaxTree tree = NanoFrameworkCompiler.ParseFile(Path.Combine(Root, "tests", "Conformance", "Surface", file), symbols);
                    CompilationUnitSyntax unit = (CompilationUnitSyntax)tree.GetRoot();
                    // Keep the namespaces that are this assembly's: the named one, or all the others of the file.
                    HashSet<string> claimed = map.Where(m => m.File == file && m.Namespace != null).Select(m => m.Namespace).ToHashSet();
                    unit = unit.RemoveNodes(unit.Members.OfType<BaseNamespaceDeclarationSyntax>()
                        .Where(n => ns != null ? n.Name.ToString() != ns : claimed.Contains(n.Name.ToString())), SyntaxRemoveOptions.KeepNoTrivia);
                    trees.Add(tree.WithRootAndOptions(unit, tree.Options));
                }
                CSharpCompilation compilation = CSharpCompilation.Create(assembly,
                    trees.Append(CSharpSyntaxTree.ParseText("[assembly: System.Reflection.AssemblyVersion(\"" + identities[assembly] + "\")]", NanoFrameworkCompiler.ParseOptions(symbols))), built,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
                        cryptoPublicKey: NanoFrameworkPublicKey.ToImmutableArray(), publicSign: true));
                string path = Path.Combine(dir, assembly + ".dll");
                Microsoft.CodeAnalysis.Emit.EmitResult emitted;
                using (FileStream image = File.Create(path))
                {
                    emitted = compilation.Emit(image);
                }
                Assert.True(emitted.Success, assembly + ": " + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
                built.Add(MetadataReference.CreateFromFile(path));
                result[assembly] = (identities[assembly], path);
            }
            return result;
        }

        /// <summary>nanoFramework's public key (token c07d481e9758c731), as its libraries' InternalsVisibleTo attributes publish it.</summary>
        private static readonly byte[] NanoFrameworkPublicKey = Convert.FromHexString(
            "00240000048000009400000006020000002400005253413100040000010001001120aa3e809b3da4f65e1b1f65c0a3a1bf6335c39860ca41acb3c48de278c6b63c5df38"
            + "239ec1f2e32d58cb897c8c174a5f8e78a9c0b6087d3aef373d7d0f3d9be67700fc2a5a38de1fb71b5b6f6046d841ff35abee2e0b0840a6291a312be184eb311baff5fef0"
            + "ff6895b9a5f2253aed32fb06b819134f6bb9d531488a87ea2");

        [Fact]
        public void NanoFrameworksKeyHasItsToken()
        {
            Assert.Equal("c07d481e9758c731", KeyTokenOf(NanoFrameworkPublicKey));
        }

        private static string KeyTokenOf(byte[] publicKey)
        {
            byte[] hash = SHA1.HashData(publicKey);
            return Convert.ToHexStringLower(hash.Skip(hash.Length - 8).Reverse().ToArray());
        }

        // key.snk is a PRIVATEKEYBLOB: its public part, as a strong name's public key blob.
        private static byte[] PublicKeyOfSnk(byte[] snk)
        {
            using RSACryptoServiceProvider rsa = new RSACryptoServiceProvider();
            rsa.ImportCspBlob(snk);
            byte[] blob = rsa.ExportCspBlob(false);
            // A strong name's key is a signature key (CALG_RSA_SIGN), whatever the key pair was made as.
            BitConverter.GetBytes(0x2400).CopyTo(blob, 4);
            byte[] key = new byte[12 + blob.Length];
            // signature algorithm CALG_RSA_SIGN, hash algorithm CALG_SHA1, then the PUBLICKEYBLOB's length and bytes.
            BitConverter.GetBytes(0x2400).CopyTo(key, 0);
            BitConverter.GetBytes(0x8004).CopyTo(key, 4);
            BitConverter.GetBytes(blob.Length).CopyTo(key, 8);
            blob.CopyTo(key, 12);
            return key;
        }
    }
}
