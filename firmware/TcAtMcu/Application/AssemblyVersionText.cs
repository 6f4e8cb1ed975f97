using System.Reflection;

namespace TcAtMcu.Application
{
    /// <summary>
    /// The version a product reports (AT+TCOTASET) and packages its updates with: its application assembly's version,
    /// which the build stamps from git (Nerdbank.GitVersioning, version.json), as "major.minor.build".
    /// </summary>
    public static class AssemblyVersionText
    {
        public static string Of(Assembly assembly)
        {
            System.Version v = assembly.GetName().Version;
            return v.Major.ToString() + "." + v.Minor.ToString() + "." + v.Build.ToString();
        }
    }
}
