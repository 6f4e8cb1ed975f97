using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>Every member a board declares is used somewhere: a pin map holds no constant the firmware never reads.</summary>
    public class BoardMembersTests
    {
        [Fact]
        public void EveryBoardMemberIsUsed()
        {
            string root = NanoFrameworkCompiler.Root;
            string[] sources = new[] { "firmware", "boards", Path.Combine("tests", "Device"), Path.Combine("tests", "Host") }
                .SelectMany(d => Directory.GetFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                    && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .ToArray();
            string all = string.Join("\n", sources.Select(File.ReadAllText));
            foreach (string board in Directory.GetFiles(Path.Combine(root, "boards"), "Board.cs", SearchOption.AllDirectories))
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(board), @"public (?:const|static readonly|static) [\w\[\]]+ (\w+)"))
                {
                    string name = m.Groups[1].Value;
                    if (name == "NanoffTarget")
                    {
                        continue; // read by people: the flasher's --target, in each board's README
                    }
                    int uses = Regex.Matches(all, @"\b" + name + @"\b").Count;
                    int declarations = Directory.GetFiles(Path.Combine(root, "boards"), "Board.cs", SearchOption.AllDirectories)
                        .Count(f => Regex.IsMatch(File.ReadAllText(f), @"public (?:const|static readonly|static) [\w\[\]]+ " + name + @"\b"));
                    Assert.True(uses > declarations, $"{Path.GetRelativePath(root, board)}: {name} is declared and used nowhere");
                }
            }
        }
    }
}
