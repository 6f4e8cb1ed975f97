using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace TcAtMcu.DeviceRun
{
    /// <summary>
    /// The on-device test projects, as their .nfproj files declare them: every tests/*/*.nfproj with IsTestProject, its
    /// assembly name and the sources its Compile items name. The .nfproj is the one owner of which test goes where; the
    /// device run, the conformance gate and the string-table guard all read it from here.
    /// </summary>
    public sealed class TestProject
    {
        public string Name { get; private set; }
        public string NfprojPath { get; private set; }
        public string AssemblyName { get; private set; }

        /// <summary>Full paths of the sources the project compiles, in ordinal order.</summary>
        public List<string> Sources { get; private set; }

        public static List<TestProject> All()
        {
            string tests = Path.Combine(Builder.RepoRoot(), "tests");
            List<TestProject> found = new List<TestProject>();
            foreach (string nfproj in Directory.GetDirectories(tests).SelectMany(d => Directory.GetFiles(d, "*.nfproj")).OrderBy(p => p, StringComparer.Ordinal))
            {
                XDocument doc = XDocument.Load(nfproj);
                if (Property(doc, "IsTestProject")?.Equals("true", StringComparison.OrdinalIgnoreCase) != true)
                {
                    continue;
                }
                found.Add(new TestProject
                {
                    Name = Path.GetFileNameWithoutExtension(nfproj),
                    NfprojPath = nfproj,
                    AssemblyName = Property(doc, "AssemblyName") ?? Path.GetFileNameWithoutExtension(nfproj),
                    Sources = CompileItems(doc, Path.GetDirectoryName(nfproj)),
                });
            }
            return found;
        }

        /// <summary>Test cases the launcher should report: one per [TestMethod], one per [DataRow] where there are some.</summary>
        public static int DeclaredTests(List<string> sources)
        {
            int count = 0;
            foreach (string file in sources)
            {
                foreach (var method in CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantNodes()
                    .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
                {
                    List<string> names = method.AttributeLists.SelectMany(l => l.Attributes).Select(a => a.Name.ToString()).ToList();
                    int rows = names.Count(n => n == "DataRow" || n == "DataRowAttribute");
                    count += rows > 0 ? rows : names.Count(n => n == "TestMethod" || n == "TestMethodAttribute");
                }
            }
            return count;
        }

        private static string Property(XDocument doc, string name) =>
            doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();

        private static List<string> CompileItems(XDocument doc, string projectDir)
        {
            HashSet<string> files = new HashSet<string>(StringComparer.Ordinal);
            foreach (XElement compile in doc.Descendants().Where(e => e.Name.LocalName == "Compile"))
            {
                List<string> excluded = Split(compile.Attribute("Exclude")?.Value).SelectMany(p => Glob(projectDir, p)).ToList();
                foreach (string file in Split(compile.Attribute("Include")?.Value).SelectMany(p => Glob(projectDir, p)).Except(excluded))
                {
                    files.Add(file);
                }
            }
            string sep = Path.DirectorySeparatorChar.ToString();
            return files.Where(f => !f.Contains(sep + "obj" + sep) && !f.Contains(sep + "bin" + sep)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        private static IEnumerable<string> Split(string items) =>
            (items ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>The MSBuild globs the test projects use: a file, dir\*.cs, dir\*.g.cs, dir\**\*.cs or dir\**.</summary>
        private static IEnumerable<string> Glob(string projectDir, string pattern)
        {
            List<string> parts = pattern.Replace('\\', '/').Split('/').ToList();
            int wild = parts.FindIndex(p => p.Contains('*') || p.Contains('?'));
            if (wild < 0)
            {
                string file = Path.GetFullPath(Path.Combine(projectDir, Path.Combine(parts.ToArray())));
                return File.Exists(file) ? new[] { file } : Array.Empty<string>();
            }
            bool recursive = parts[wild] == "**";
            if (recursive && wild == parts.Count - 1)
            {
                parts.Add("*");
            }
            if ((recursive && wild != parts.Count - 2) || (!recursive && wild != parts.Count - 1))
            {
                throw new InvalidOperationException("the device run does not understand the glob '" + pattern + "' (use dir\\*.cs or dir\\**\\*.cs)");
            }
            string dir = Path.GetFullPath(Path.Combine(projectDir, Path.Combine(parts.Take(wild).ToArray())));
            if (!Directory.Exists(dir))
            {
                return Array.Empty<string>();
            }
            Regex name = new Regex("^" + Regex.Escape(parts[parts.Count - 1]).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
            return Directory.GetFiles(dir, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                .Where(f => name.IsMatch(Path.GetFileName(f)));
        }
    }
}
