using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Compiles C# the way the nanoFramework build would accept it: against tests/Conformance/Surface alone
    /// (it is the core library; no .NET reference), at the language version nfproj.props sets, plus a syntax check
    /// for what the compiler cannot reject by itself (a generic type the code declares, async, tuples...).
    /// </summary>
    public static class NanoFrameworkCompiler
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp9);

        private static readonly Lazy<MetadataReference> SurfaceReference = new Lazy<MetadataReference>(BuildSurface);

        public static string Root => BridgeSelfTests.RepoRoot();

        public static IEnumerable<string> Sources(string folder) =>
            Directory.Exists(Path.Combine(Root, folder))
                ? Directory.GetFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                        && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                    .OrderBy(f => f, StringComparer.Ordinal)
                : Enumerable.Empty<string>();

        public static SyntaxTree ParseFile(string path) =>
            CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions, Path.GetRelativePath(Root, path));

        public static SyntaxTree ParseText(string code, string name) => CSharpSyntaxTree.ParseText(code, ParseOptions, name);

        /// <summary>The compiler's errors, as "file:line: CSxxxx message".</summary>
        public static List<string> Errors(string name, IEnumerable<SyntaxTree> trees)
        {
            CSharpCompilation compilation = CSharpCompilation.Create(name, trees, new[] { SurfaceReference.Value },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
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

        private static MetadataReference BuildSurface()
        {
            List<SyntaxTree> surface = Sources(Path.Combine("tests", "Conformance", "Surface")).Select(ParseFile).ToList();
            if (surface.Count == 0)
            {
                throw new InvalidOperationException("no surface files under tests/Conformance/Surface");
            }
            CSharpCompilation compilation = CSharpCompilation.Create("mscorlib", surface, Array.Empty<MetadataReference>(),
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
