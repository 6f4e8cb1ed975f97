#if NANOFRAMEWORK_1_0
using System.Reflection;

// The version attributes come from git (Nerdbank.GitVersioning, version.json); the .NET twin's SDK writes these itself.
[assembly: AssemblyTitle("TcAtMcu")]
[assembly: AssemblyProduct("TcAtMcu")]
[assembly: AssemblyCompany("TcAtMcu contributors")]
[assembly: AssemblyCopyright("Copyright (c) 2026 TcAtMcu contributors, MIT licence")]

// Managed code only: no native part in the firmware image to match.
[assembly: AssemblyNativeVersion("0.0.0.0")]
#endif
