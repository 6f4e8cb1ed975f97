using System;
using System.IO;

namespace TcAtMcu.Tests.Host
{
    /// <summary>A folder under the temp path that is deleted, with what it holds, when the test is done with it.</summary>
    public sealed class TempFolder : IDisposable
    {
        private TempFolder(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public static TempFolder Create(string prefix) => new TempFolder(Directory.CreateTempSubdirectory(prefix).FullName);

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
