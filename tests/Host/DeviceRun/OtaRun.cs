using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using TcAtMcu.Package;

namespace TcAtMcu.DeviceRun
{
    /// <summary>
    /// `ota`: OTA packages of real .pe files on nanoCLR. Builds the sample product application (tests/Device/OtaSample)
    /// as three differently named assemblies, packages them with tcatmcu-package's builder (one with a byte of its .pe
    /// flipped and the package's MD5s made to match it, so only the CLR can refuse it), embeds the packages in the boot
    /// program of tests/Device/OtaBoot (nanoCLR on a PC has no file system) and runs it: the sample .pe files are
    /// never on nanoCLR's command line, they reach it only through Assembly.Load(byte[]).
    /// </summary>
    internal static class OtaRun
    {
        public static int Run(Toolchain tools, string configuration, int timeoutS)
        {
            Builder build = new Builder(tools, configuration);
            string firmware = build.Firmware();
            if (firmware == null)
            {
                return 1;
            }
            List<string> sample = Builder.Sources("tests/Device/OtaSample");
            string a = build.Assembly("TcAtMcu.OtaSampleA", OutputKind.DynamicallyLinkedLibrary, sample, firmware);
            string b = build.Assembly("TcAtMcu.OtaSampleB", OutputKind.DynamicallyLinkedLibrary, sample, firmware);
            string c = build.Assembly("TcAtMcu.OtaSampleC", OutputKind.DynamicallyLinkedLibrary, sample, firmware);
            if (a == null || b == null || c == null)
            {
                return 1;
            }
            byte[] knownGood = Package("1.0.0", a);
            byte[] newTrial = Package("3.0.0", b);
            byte[] refusedPe = File.ReadAllBytes(Path.ChangeExtension(c, ".pe"));
            refusedPe[refusedPe.Length - 1] ^= 0x01;
            byte[] refused = PackageBuilder.Build("2.0.0", new List<(string, byte[])> { (Path.GetFileName(Path.ChangeExtension(c, ".pe")), refusedPe) });

            string generated = Path.Combine(Path.GetDirectoryName(firmware), "EmbeddedPackages.g.cs");
            File.WriteAllText(generated, "namespace TcAtMcu.OtaBoot\n{\n    internal static class EmbeddedPackages\n    {\n"
                + Method("KnownGood", knownGood) + Method("NewTrial", newTrial) + Method("RefusedByTheClr", refused) + "    }\n}\n");
            List<string> sources = Builder.Sources("tests/Device/OtaBoot");
            sources.Add(generated);
            string boot = build.Assembly("TcAtMcu.OtaBoot", OutputKind.ConsoleApplication, sources, firmware);
            if (boot == null)
            {
                return 1;
            }
            List<string> pes = new List<string> { tools.MscorlibPe };
            pes.AddRange(build.LibraryPes);
            pes.Add(Path.ChangeExtension(firmware, ".pe"));
            pes.Add(Path.ChangeExtension(boot, ".pe"));

            Console.WriteLine("== OTA packages on nanoCLR, " + configuration + " build: packages of " + knownGood.Length + ", " + newTrial.Length
                + " and " + refused.Length + " bytes, on " + tools.NanoClr);
            bool passed = false;
            Interpreter.Outcome outcome = Interpreter.Run(tools.NanoClr, pes, timeoutS, line =>
            {
                if (line.StartsWith("ota: ", StringComparison.Ordinal))
                {
                    Console.WriteLine(line);
                    passed |= line == "ota: PASS";
                }
            });
            if (!passed || outcome.TimedOut)
            {
                Console.WriteLine("The OTA run did not pass (" + outcome.Describe() + "); the interpreter's last lines:");
                foreach (string line in outcome.Tail)
                {
                    Console.WriteLine("   | " + line);
                }
                return 1;
            }
            return 0;
        }

        private static byte[] Package(string version, string dll)
        {
            string pe = Path.ChangeExtension(dll, ".pe");
            return PackageBuilder.Build(version, new List<(string, byte[])> { (Path.GetFileName(pe), File.ReadAllBytes(pe)) });
        }

        private static string Method(string name, byte[] data)
        {
            StringBuilder text = new StringBuilder("        public static byte[] " + name + "()\n        {\n            return new byte[]\n            {\n");
            for (int i = 0; i < data.Length; i += 24)
            {
                text.Append("                ").Append(string.Join(", ", data.Skip(i).Take(24).Select(x => "0x" + x.ToString("X2")))).Append(",\n");
            }
            return text.Append("            };\n        }\n").ToString();
        }
    }
}
