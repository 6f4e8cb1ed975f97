using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TcAtMcu.Package
{
    /// <summary>
    /// The version a package gets when none is given: the assembly version its files were built with (Nerdbank.GitVersioning
    /// stamps one version per commit on every assembly of the repository), read from each .pe's .dll beside it.
    /// </summary>
    public static class AssemblyVersions
    {
        /// <summary>"major.minor.build" shared by the packaged assemblies; an ArgumentException when there is none.</summary>
        public static string Common(string folder, IEnumerable<string> files, string extension)
        {
            SortedSet<string> versions = new SortedSet<string>(StringComparer.Ordinal);
            List<string> missing = new List<string>();
            foreach (string name in files)
            {
                string dll = Path.Combine(folder, Path.GetFileNameWithoutExtension(name) + ".dll");
                if (!File.Exists(dll))
                {
                    missing.Add(Path.GetFileName(dll));
                    continue;
                }
                Version v = Of(dll);
                if (v != null && (v.Major != 0 || v.Minor != 0 || v.Build != 0))
                {
                    versions.Add(v.Major + "." + v.Minor + "." + v.Build);
                }
            }
            if (versions.Count == 1 && missing.Count == 0)
            {
                return versions.Min;
            }
            string why = missing.Count > 0 ? "there is no " + string.Join(", ", missing) + " beside the " + extension + " files"
                : versions.Count == 0 ? "the assemblies have no version (0.0.0)"
                : "the assemblies have different versions (" + string.Join(", ", versions) + ")";
            throw new ArgumentException($"--version is not given and {why}: give --version.");
        }

        /// <summary>The AssemblyVersion in an assembly's metadata; null when the file is no .NET assembly.</summary>
        public static Version Of(string dll)
        {
            try
            {
                using FileStream stream = File.OpenRead(dll);
                using PEReader pe = new PEReader(stream);
                return pe.HasMetadata ? pe.GetMetadataReader().GetAssemblyDefinition().Version : null;
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }
    }
}
