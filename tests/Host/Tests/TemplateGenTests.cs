using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using TcAtMcu.TemplateGen;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>The generator: the checked-in smart lamp is what it writes; every type compiles for nanoFramework; bad input is one sentence and exit code 2.</summary>
    public class TemplateGenTests
    {
        private static readonly string ProductDir = Path.Combine(NanoFrameworkCompiler.Root, "firmware", "TcAtMcu.App", "Product");

        private static (int Exit, string Out, string Err) Run(params string[] args)
        {
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            int exit = Program.Run(args, stdout, stderr);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        [Fact]
        public void RegeneratingTheSmartLampGivesTheCheckedInFileByteForByte()
        {
            string output = Path.Combine(Path.GetTempPath(), "tcatmcu-lamp-" + Guid.NewGuid().ToString("N") + ".g.cs");
            try
            {
                var r = Run(Path.Combine(ProductDir, "smart-lamp.json"), "--class", "SmartLamp", "--namespace", "TcAtMcu.App.Product", "--output", output);
                Assert.True(r.Exit == 0, r.Err);
                byte[] expected = File.ReadAllBytes(Path.Combine(ProductDir, "SmartLamp.g.cs"));
                byte[] actual = File.ReadAllBytes(output);
                Assert.True(expected.SequenceEqual(actual),
                    "SmartLamp.g.cs differs from what the generator writes: run the command in its header from firmware/TcAtMcu.App/Product");
            }
            finally
            {
                File.Delete(output);
            }
        }

        [Fact]
        public void EveryTypeGeneratesCodeTheConformanceGateAccepts()
        {
            string fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "every-type.json");
            var r = Run(fixture, "--class", "EveryType", "--namespace", "Probe.Product");
            Assert.True(r.Exit == 0, r.Err);
            string code = r.Out;
            foreach (string expected in new[]
            {
                "TemplateValue.Int(\"energy_wh\", 0, 9000000000L, false)",
                "public long EnergyWh",
                "TemplateValue.Float(\"temperature\", -40.0, 85.5, 2, false)",
                "TemperatureValue.SetFloat(20);",
                "LevelValue.SetInt(-1);",
                "TemplateValue.Float(\"ratio\", 0.0, 1.0, 2, true)",
                "TemplateValue.Text(\"label\", 2048, true)",
                "TemplateValue.Timestamp(\"last_seen\", false)",
                "GpsValue = TemplateValue.Struct(\"gps\", Gps.Fields, true);",
                "TemplateValue.Float(\"lat\", -90.0, 90.0, 6, true)",
                "WarmWhite = 0,", "Value1 = 1,", "NightLight = 5,", "Value7 = 7,",
                "模式 &lt;a&amp;b&gt;",
                "new TemplateEvent(\"boot\", \"fault\", new TemplateValue[0])",
                "int OnCalibrate(EveryTypeCalibrateAction action);",
                "new TemplateAction(\"reboot\",",
                "TemplateValue.StringEnum(\"fan\", new string[] { \"auto\", \"low\", \"turbo \\\"x\\\"\" }, true)",
                "public EveryTypeFan Fan", "Auto = 0,", "Low = 1,", "Value2 = 2,",
                "TemplateValue.Array(\"samples\", TemplateValue.Int(\"samples\", 0, 100, true), 8, true)",
                "TemplateValue.Array(\"levels\", TemplateValue.Float(\"levels\", -1.0, 1.0, 2, true), 8, true)",
                "TemplateValue.Array(\"tags\", TemplateValue.Text(\"tags\", 8, true), 8, true)",
                "TemplateValue.Array(\"wifi\", TemplateValue.Struct(\"wifi\", new TemplateValue[] { TemplateValue.Text(\"mac\", 17, true), "
                    + "TemplateValue.Int(\"rssi\", -100, 0, true), TemplateValue.Enum(\"band\", new int[] { 0, 1 }, true) }, true), 8, true)",
                "public static class EveryTypeWifiItem", "public const int Rssi = 1;", "public enum EveryTypeBand",
            })
            {
                Assert.True(code.Contains(expected), "missing: " + expected + "\n" + code);
            }
            // Debug symbols, as ParseText uses for the generated code.
            List<SyntaxTree> trees = NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu"), NanoFrameworkCompiler.Symbols("Debug"));
            SyntaxTree generated = NanoFrameworkCompiler.ParseText(code, "EveryType.g.cs");
            trees.Add(generated);
            List<string> problems = NanoFrameworkCompiler.Errors("Probe", trees);
            problems.AddRange(NanoFrameworkCompiler.ForbiddenSyntax(new[] { generated }));
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + code);
        }

        [Fact]
        public void TencentsExampleTemplateIsAccepted()
        {
            // The example that ships with Tencent's explorer C SDK (tools/example_config.json), where this machine has it.
            string example = "/work/shared/templates/explorer-sdk-example_config.json";
            if (!File.Exists(example))
            {
                Assert.Skip("Tencent's example template is not on this machine");
            }
            var r = Run(example, "--class", "ExampleProduct", "--namespace", "Probe.Product");
            Assert.True(r.Exit == 0, r.Err);
            Assert.Contains("TemplateValue.StringEnum(\"power\", new string[] { \"high\", \"medium\", \"low\" }, true)", r.Out);
            List<SyntaxTree> trees = NanoFrameworkCompiler.Parse(Path.Combine("firmware", "TcAtMcu"), NanoFrameworkCompiler.Symbols("Debug"));
            trees.Add(NanoFrameworkCompiler.ParseText(r.Out, "ExampleProduct.g.cs"));
            List<string> problems = NanoFrameworkCompiler.Errors("Probe", trees);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Theory]
        [InlineData("{", "not valid JSON")]
        [InlineData("[]", "must be a JSON object")]
        [InlineData("{\"events\":[]}", "\"properties\" is missing")]
        [InlineData("{\"properties\":[{\"id\":\"1st\",\"mode\":\"rw\",\"define\":{\"type\":\"bool\"}}]}", "properties[0]: \"id\" must be letters")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\"}}]}", "properties[0] (a): an array needs an \"arrayInfo\" object")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":[]}}]}", "properties[0] (a): an array needs an \"arrayInfo\" object")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"bool\"}}}]}", "properties[0] (a): an array's elements must be int, float, string or struct, not \"bool\"")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{}}}]}", "an array's elements must be int, float, string or struct, not nothing")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\"}}}}]}", "not \"array\"")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\",\"min\":\"9\",\"max\":\"1\"}}}]}", "properties[0] (a).arrayInfo: \"min\" 9 is above \"max\" 1")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"string\",\"max\":\"0\"}}}]}", "properties[0] (a).arrayInfo: string \"max\" must be 1 to 2048 bytes")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"struct\",\"specs\":[]}}}]}", "properties[0] (a).arrayInfo: a struct needs a non-empty \"specs\" array")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"struct\",\"specs\":[{\"id\":\"t\",\"dataType\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\"}}}]}}}]}", "an array cannot be inside a struct or an array")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"struct\",\"specs\":[{\"id\":\"t\",\"dataType\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"int\"}}}]}}]}", "properties[0] (a).specs[0] (t): an array cannot be inside a struct or an array")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"array\",\"arrayInfo\":{\"type\":\"struct\",\"specs\":[{\"id\":\"t\",\"dataType\":{\"type\":\"bool\"}},{\"id\":\"t\",\"dataType\":{\"type\":\"bool\"}}]}}}]}", "id \"t\" appears twice")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"int\",\"min\":\"5\",\"max\":\"1\"}}]}", "\"min\" 5 is above \"max\" 1")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"int\",\"min\":\"0\"}}]}", "\"max\" is missing")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"int\",\"min\":\"0\",\"max\":\"1.5\"}}]}", "\"max\" \"1.5\" is not an integer")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"int\",\"min\":\"0\",\"max\":\"9\",\"start\":\"10\"}}]}", "\"start\" 10 is outside [0, 9]")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"enum\",\"mapping\":{\"x\":\"X\"}}}]}", "enum key \"x\" is not an integer")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"enum\",\"mapping\":{}}}]}", "non-empty \"mapping\"")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"string\",\"max\":\"4096\"}}]}", "must be 1 to 2048 bytes")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"w\",\"define\":{\"type\":\"bool\"}}]}", "\"mode\" must be \"rw\" or \"r\"")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\"}]}", "\"define\" is missing")]
        [InlineData("{\"properties\":[{\"id\":\"a\",\"mode\":\"rw\",\"define\":{\"type\":\"bool\"}},{\"id\":\"a\",\"mode\":\"r\",\"define\":{\"type\":\"bool\"}}]}", "id \"a\" appears twice")]
        [InlineData("{\"properties\":[{\"id\":\"power_switch\",\"mode\":\"rw\",\"define\":{\"type\":\"bool\"}},{\"id\":\"powerSwitch\",\"mode\":\"r\",\"define\":{\"type\":\"bool\"}}]}", "become the C# name PowerSwitch")]
        [InlineData("{\"properties\":[{\"id\":\"s\",\"mode\":\"rw\",\"define\":{\"type\":\"struct\",\"specs\":[{\"id\":\"t\",\"dataType\":{\"type\":\"struct\",\"specs\":[]}}]}}]}", "a struct cannot hold a struct")]
        [InlineData("{\"properties\":[],\"events\":[{\"id\":\"e\",\"type\":\"warning\",\"params\":[]}]}", "\"type\" must be \"info\", \"alert\" or \"fault\"")]
        [InlineData("{\"properties\":[],\"actions\":[{\"id\":\"go\",\"input\":[{\"id\":\"x\",\"define\":{\"type\":\"float\",\"min\":\"a\",\"max\":\"1\"}}]}]}", "actions[0] (go).input[0] (x): \"min\" \"a\" is not a number")]
        public void ABadTemplateIsOneSentenceAndExitCodeTwo(string json, string message)
        {
            string input = Path.Combine(Path.GetTempPath(), "tcatmcu-bad-" + Guid.NewGuid().ToString("N") + ".json");
            string output = input + ".g.cs";
            File.WriteAllText(input, json);
            try
            {
                var r = Run(input, "--output", output);
                Assert.Equal(2, r.Exit);
                Assert.Contains(message, r.Err);
                Assert.Single(r.Err.Trim().Split('\n'));
                Assert.DoesNotContain("   at ", r.Err);
                Assert.False(File.Exists(output), "nothing is written for a bad template");
            }
            finally
            {
                File.Delete(input);
            }
        }

        [Theory]
        [InlineData(new string[0], "template")]
        [InlineData(new[] { "lamp.json", "--colour", "x" }, "--colour")]
        [InlineData(new[] { "/nonexistent/lamp.json" }, "Cannot read the template /nonexistent/lamp.json")]
        [InlineData(new[] { "lamp.json", "--array-capacity", "many" }, "many")]
        public void ABadCommandLineIsExitCodeTwo(string[] args, string message)
        {
            var r = Run(args);
            Assert.Equal(2, r.Exit);
            Assert.Contains(message, r.Err);
            Assert.DoesNotContain("   at ", r.Err);
        }

        [Fact]
        public void ArrayCapacityOutsideOneTo512IsOneSentenceAndExitCodeTwo()
        {
            string fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "every-type.json");
            foreach (string bad in new[] { "0", "513", "-1" })
            {
                var r = Run(fixture, "--array-capacity", bad);
                Assert.Equal(2, r.Exit);
                Assert.Equal($"every-type.json: --array-capacity must be 1 to 512, not {bad}.", r.Err.Trim());
            }
            var ok = Run(fixture, "--class", "EveryType", "--array-capacity", "3");
            Assert.True(ok.Exit == 0, ok.Err);
            Assert.Contains("TemplateValue.Array(\"samples\", TemplateValue.Int(\"samples\", 0, 100, true), 3, true)", ok.Out);
            Assert.Contains("--output EveryType.g.cs --array-capacity 3", ok.Out);
        }

        [Theory]
        [InlineData("--class", "1Lamp", "--class \"1Lamp\" is not a C# identifier")]
        [InlineData("--namespace", "A..B", "--namespace \"A..B\" is not a C# namespace")]
        [InlineData("--class", "class", "--class \"class\" is a C# keyword")]
        [InlineData("--class", "int", "--class \"int\" is a C# keyword")]
        [InlineData("--namespace", "My.int", "--namespace \"My.int\" is not a C# namespace: \"int\" is a C# keyword")]
        [InlineData("--namespace", "namespace", "\"namespace\" is a C# keyword")]
        public void ABadNameIsExitCodeTwo(string option, string value, string message)
        {
            var r = Run(Path.Combine(ProductDir, "smart-lamp.json"), option, value);
            Assert.Equal(2, r.Exit);
            Assert.Contains(message, r.Err);
            Assert.Single(r.Err.Trim().Split('\n'));
            Assert.Equal("", r.Out);
        }
    }
}
