using System.CommandLine;

namespace TcAtMcu.TemplateGen
{
    /// <summary>
    /// tcatmcu-templategen &lt;template.json&gt; [--class SmartLamp] [--namespace TcAtMcu.App.Product] [--output file.g.cs] [--array-capacity 8]
    /// Exit codes: 0 generated, 2 bad arguments or a template it cannot use (one sentence on stderr), 1 I/O failure.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            return Run(args, Console.Out, Console.Error);
        }

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            Argument<string> input = new Argument<string>("template") { Description = "The data template JSON exported from the IoT Explorer console" };
            Option<string> className = new Option<string>("--class") { Description = "Name of the generated class (a C# identifier)", DefaultValueFactory = _ => "Product" };
            Option<string> ns = new Option<string>("--namespace") { Description = "Namespace of the generated code", DefaultValueFactory = _ => "TcAtMcu.App.Product" };
            Option<string> output = new Option<string>("--output", "-o") { Description = "File to write (default: standard output)" };
            Option<int> capacity = new Option<int>("--array-capacity") { Description = "Element slots of each array property (the export carries no count; 1 to 512)", DefaultValueFactory = _ => TemplateModel.DefaultArrayCapacity };
            RootCommand root = new RootCommand("Generates nanoFramework C# (TcAtMcu.DataTemplate) from an IoT Explorer data template.")
            {
                input, className, ns, output, capacity,
            };
            int exit = 0;
            root.SetAction(parsed =>
            {
                exit = Generate(parsed.GetValue(input), parsed.GetValue(className), parsed.GetValue(ns), parsed.GetValue(output), parsed.GetValue(capacity), stdout, stderr);
            });
            ParseResult result = root.Parse(args);
            if (result.Errors.Count > 0)
            {
                foreach (var error in result.Errors)
                {
                    stderr.WriteLine(error.Message);
                }
                stderr.WriteLine("Usage: tcatmcu-templategen <template.json> [--class Name] [--namespace Ns] [--output file.g.cs] [--array-capacity N]");
                return 2;
            }
            int invoked = result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
            return invoked != 0 ? invoked : exit;
        }

        private static int Generate(string inputPath, string className, string ns, string outputPath, int arrayCapacity, TextWriter stdout, TextWriter stderr)
        {
            string json;
            try
            {
                json = File.ReadAllText(inputPath);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
            {
                stderr.WriteLine($"Cannot read the template {inputPath}: {e.Message}");
                return 2;
            }
            string code;
            try
            {
                TemplateModel model = TemplateModel.Parse(json, arrayCapacity);
                code = CSharpEmitter.Emit(model, Path.GetFileName(inputPath), className, ns);
            }
            catch (TemplateException e)
            {
                stderr.WriteLine($"{Path.GetFileName(inputPath)}: {e.Message}");
                return 2;
            }
            if (outputPath == null)
            {
                stdout.Write(code);
                return 0;
            }
            try
            {
                File.WriteAllText(outputPath, code, new System.Text.UTF8Encoding(false));
            }
            catch (Exception e) when (e is DirectoryNotFoundException || e is UnauthorizedAccessException || e is ArgumentException)
            {
                stderr.WriteLine($"Cannot write {outputPath}: {e.Message}");
                return 2;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"Cannot write {outputPath}: {e.Message}");
                return 1;
            }
            stderr.WriteLine($"wrote {outputPath}");
            return 0;
        }
    }
}
