using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Compiles C# the way the nanoFramework build would accept it: against the real mscorlib.dll of
    /// nanoFramework.CoreLibrary 1.17.11 (restored from NuGet, no .NET reference) plus the declared surface of the
    /// packages NuGet does not serve here (tests/Conformance/Surface), with the nfproj's symbols and C# version, and a
    /// syntax check for what the compiler cannot reject by itself (generics, async, tuples, multi-dimensional arrays...).
    /// </summary>
    public static class NanoFrameworkCompiler
    {
        public const string CoreLibraryVersion = "1.17.11";

        private static readonly Lazy<MetadataReference> Mscorlib =
            new Lazy<MetadataReference>(() => MetadataReference.CreateFromFile(MscorlibPath()));

        private static readonly Lazy<MetadataReference> SurfaceReference = new Lazy<MetadataReference>(BuildSurface);

        public static string Root => BridgeSelfTests.RepoRoot();

        /// <summary>
        /// mscorlib.dll of nanoFramework.CoreLibrary: the copy the test project puts beside itself (PackageDownload),
        /// else the NuGet cache.
        /// </summary>
        public static string MscorlibPath()
        {
            string beside = Path.Combine(AppContext.BaseDirectory, "nanoFramework", "mscorlib.dll");
            if (File.Exists(beside))
            {
                return beside;
            }
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string fromCache = Path.Combine(cache, "nanoframework.corelibrary", CoreLibraryVersion, "lib", "mscorlib.dll");
            if (File.Exists(fromCache))
            {
                return fromCache;
            }
            throw new FileNotFoundException("nanoFramework.CoreLibrary " + CoreLibraryVersion + " mscorlib.dll not restored", beside);
        }

        /// <summary>The symbols an .nfproj build defines: the project system's per configuration, plus extra ones.</summary>
        public static string[] Symbols(string configuration, params string[] extra)
        {
            List<string> symbols = new List<string> { "NANOFRAMEWORK_1_0", "TRACE" };
            if (configuration == "Debug")
            {
                symbols.Add("DEBUG");
            }
            symbols.AddRange(extra.Where(s => !string.IsNullOrEmpty(s)));
            return symbols.ToArray();
        }

        /// <summary>BoardDefineConstants of boards/&lt;board&gt;/board.props (the app's extra symbols).</summary>
        public static string[] BoardSymbols(string board)
        {
            string props = Path.Combine(Root, "boards", board, "board.props");
            XElement defines = XDocument.Load(props).Descendants().FirstOrDefault(e => e.Name.LocalName == "BoardDefineConstants");
            return defines == null ? Array.Empty<string>() : defines.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        /// <summary>The C# version nfproj.props sets (LangVersion), which the device build compiles with.</summary>
        public static LanguageVersion LangVersion()
        {
            XElement lang = XDocument.Load(Path.Combine(Root, "nfproj.props")).Descendants().First(e => e.Name.LocalName == "LangVersion");
            if (!LanguageVersionFacts.TryParse(lang.Value.Trim(), out LanguageVersion version))
            {
                throw new InvalidOperationException("nfproj.props LangVersion not understood: " + lang.Value);
            }
            return version;
        }

        public static CSharpParseOptions ParseOptions(string[] symbols) => new CSharpParseOptions(LangVersion(), preprocessorSymbols: symbols);

        public static IEnumerable<string> Sources(string folder) =>
            Directory.Exists(Path.Combine(Root, folder))
                ? Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                        && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                    .OrderBy(f => f, StringComparer.Ordinal)
                : Enumerable.Empty<string>();

        public static List<SyntaxTree> Parse(string folder, string[] symbols) =>
            Sources(folder).Select(f => ParseFile(f, symbols)).ToList();

        public static SyntaxTree ParseFile(string path, string[] symbols) =>
            CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions(symbols), Path.GetRelativePath(Root, path));

        public static SyntaxTree ParseText(string code, string name) =>
            CSharpSyntaxTree.ParseText(code, ParseOptions(Symbols("Debug")), name);

        /// <summary>The compiler's errors, as "file:line: CSxxxx message".</summary>
        public static List<string> Errors(string name, IEnumerable<SyntaxTree> trees)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(name, trees, new[] { Mscorlib.Value, SurfaceReference.Value },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            // Emitting too: a construct whose helper type mscorlib lacks (volatile's IsVolatile) fails only there.
            var emitted = compilation.Emit(Stream.Null);
            return emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
        }

        /// <summary>The assembly's image (a .dll), against mscorlib, the surface and the given images; throws on errors.</summary>
        public static byte[] Emit(string name, IEnumerable<SyntaxTree> trees, string configuration, params byte[][] references)
        {
            List<MetadataReference> refs = new List<MetadataReference> { Mscorlib.Value, SurfaceReference.Value };
            refs.AddRange(references.Select(r => MetadataReference.CreateFromImage(r)));
            CSharpCompilation compilation = CSharpCompilation.Create(name, trees, refs,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
                    optimizationLevel: configuration == "Debug" ? OptimizationLevel.Debug : OptimizationLevel.Release, deterministic: true));
            using MemoryStream image = new MemoryStream();
            var emitted = compilation.Emit(image);
            if (!emitted.Success)
            {
                throw new InvalidOperationException(name + " does not compile:\n" + string.Join("\n",
                    emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format)));
            }
            return image.ToArray();
        }

        /// <summary>Constructs stable nanoFramework (no generics) cannot run, as "file:line: what".</summary>
        public static List<string> ForbiddenSyntax(IEnumerable<SyntaxTree> trees)
        {
            List<string> found = new List<string>();
            foreach (SyntaxTree tree in trees)
            {
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    string what = node switch
                    {
                        TypeParameterListSyntax => "generic type parameters",
                        GenericNameSyntax => "a generic type or method",
                        TupleTypeSyntax or TupleExpressionSyntax => "a tuple (ValueTuple)",
                        AwaitExpressionSyntax => "await",
                        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc",
                        RecordDeclarationSyntax => "a record",
                        QueryExpressionSyntax => "a LINQ query",
                        ArrayRankSpecifierSyntax r when r.Rank > 1 => "a multi-dimensional array",
                        MethodDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.AsyncKeyword) => "an async method",
                        AnonymousFunctionExpressionSyntax f when f.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) => "an async lambda",
                        _ => null,
                    };
                    if (what != null)
                    {
                        found.Add(Where(node.GetLocation()) + ": " + what);
                    }
                }
            }
            return found;
        }

        /// <summary>
        /// The declared packages (tests/Conformance/Surface) as one reference assembly, compiled against the real
        /// mscorlib.
        /// </summary>
        private static MetadataReference BuildSurface()
        {
            List<SyntaxTree> surface = Parse(Path.Combine("tests", "Conformance", "Surface"), Symbols("Release"));
            if (surface.Count == 0)
            {
                throw new InvalidOperationException("no surface files under tests/Conformance/Surface");
            }
            CSharpCompilation compilation = CSharpCompilation.Create("nanoFramework.Surface", surface, new[] { Mscorlib.Value },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            using MemoryStream image = new MemoryStream();
            var emitted = compilation.Emit(image, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(metadataOnly: true));
            if (!emitted.Success)
            {
                throw new InvalidOperationException("the surface does not compile:\n" + string.Join("\n",
                    emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format)));
            }
            return MetadataReference.CreateFromImage(image.ToArray());
        }

        private static string Format(Diagnostic d) => Where(d.Location) + ": " + d.Id + " " + d.GetMessage();

        private static string Where(Location location)
        {
            FileLinePositionSpan span = location.GetLineSpan();
            return span.Path + ":" + (span.StartLinePosition.Line + 1);
        }
    }
}
