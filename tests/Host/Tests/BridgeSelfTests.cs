using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;
using Xunit;
using NanoAssert = nanoFramework.TestFramework.Assert;

namespace TcAtMcu.Tests.Host
{
    /// <summary>The bridge itself: its asserts fail as the device's do, and discovery finds every test.</summary>
    public class BridgeSelfTests
    {
        // Samples run through the bridge by name; no [TestClass], so discovery leaves them alone.
        public class Sample
        {
            public static readonly List<string> Calls = new List<string>();

            [Setup]
            public void Setup() => Calls.Add("setup");

            [Cleanup]
            public void Cleanup() => Calls.Add("cleanup");

            public void Passes() => Calls.Add("test");

            public void Fails() => NanoAssert.AreEqual(1, 2, "one is not two");

            public static void Skips() => NanoAssert.SkipTest("not on this board");

            [DataRow(3, "abc")]
            [DataRow(2, "x")]
            public void Row(int length, string text) => NanoAssert.AreEqual(length, text.Length);
        }

        [Fact]
        public void FailingAssertFailsTheCaseWithItsMessage()
        {
            AssertFailedException e = Xunit.Assert.Throws<AssertFailedException>(
                () => new BridgedTests().Run(typeof(Sample).FullName, nameof(Sample.Fails), -1));
            Xunit.Assert.Contains("Expected:<1>. Actual:<2>", e.Message);
            Xunit.Assert.Contains("one is not two", e.Message);
        }

        [Fact]
        public void SetupAndCleanupRunAroundTheCase()
        {
            Sample.Calls.Clear();
            new BridgedTests().Run(typeof(Sample).FullName, nameof(Sample.Passes), -1);
            Xunit.Assert.Equal(new[] { "setup", "test", "cleanup" }, Sample.Calls);
            Sample.Calls.Clear();
            Xunit.Assert.ThrowsAny<Exception>(() => new BridgedTests().Run(typeof(Sample).FullName, nameof(Sample.Fails), -1));
            Xunit.Assert.Equal(new[] { "setup", "cleanup" }, Sample.Calls);
        }

        [Fact]
        public void DataRowsRunWithTheirArguments()
        {
            // (3, "abc") passes and (2, "x") fails, whatever order reflection lists them in.
            int failures = 0;
            for (int row = 0; row < 2; row++)
            {
                try
                {
                    new BridgedTests().Run(typeof(Sample).FullName, nameof(Sample.Row), row);
                }
                catch (AssertFailedException)
                {
                    failures++;
                }
            }
            Xunit.Assert.Equal(1, failures);
        }

        [Fact]
        public void ThrowsExceptionWantsTheExactType()
        {
            NanoAssert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentException("x"));
            Xunit.Assert.Throws<AssertFailedException>(() =>
                NanoAssert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentNullException("x")));
            Xunit.Assert.Throws<AssertFailedException>(() => NanoAssert.ThrowsException(typeof(ArgumentException), () => { }));
        }

        [Fact]
        public void EveryTestMethodInTheSourcesIsACase()
        {
            string root = RepoRoot();
            int declared = Directory.GetFiles(Path.Combine(root, "tests", "TcAtMcu.Tests"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .Sum(f => DeclaredCases(File.ReadAllText(f)));
            List<string> cases = BridgedTests.Cases().Select(c => c.TestDisplayName).ToList();
            Xunit.Assert.True(declared > 100, "found " + declared);
            Xunit.Assert.Equal(declared, cases.Count);
            Xunit.Assert.Equal(cases.Count, cases.Distinct().Count());
            Xunit.Assert.Contains("AtEngineTests.OkThenResultWaitsForTheResultLine", cases);
        }

        // A [TestMethod] is one case, or one per [DataRow] when it has rows.
        private static int DeclaredCases(string source) =>
            Regex.Matches(source, @"\[TestMethod\]").Count - Regex.Matches(source, @"\[TestMethod\]\s*\[DataRow\(").Count
            + Regex.Matches(source, @"\[DataRow\(").Count;

        internal static string RepoRoot()
        {
            DirectoryInfo dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !(Directory.Exists(Path.Combine(dir.FullName, "firmware")) && Directory.Exists(Path.Combine(dir.FullName, "tests"))))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }
}
