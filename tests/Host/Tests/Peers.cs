using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace TcAtMcu.Tests.Host
{
    /// <summary>Real peers the end-to-end tests start: programs from Debian's packages, on loopback ports.</summary>
    public static class Peers
    {
        public static string Which(string name) => TcAtMcu.Run.PtyPair.Which(name);

        public static string MosquittoPath => Which("mosquitto") ?? (File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : null);

        /// <summary>Starts mosquitto on a free loopback port; null when it is not installed.</summary>
        public static Mosquitto StartMosquitto()
        {
            string path = MosquittoPath;
            if (path == null)
            {
                return null;
            }
            int port = FreePort();
            string folder = Directory.CreateTempSubdirectory("tcat-mosquitto").FullName;
            string config = Path.Combine(folder, "mosquitto.conf");
            File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
            Process process = Process.Start(new ProcessStartInfo(path, "-c " + config) { RedirectStandardError = true, UseShellExecute = false });
            SpinWait.SpinUntil(() => CanConnect(port), 5000);
            return new Mosquitto(process, port, folder);
        }

        public static int FreePort()
        {
            TcpListener l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        private static bool CanConnect(int port)
        {
            try
            {
                using TcpClient c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public sealed class Mosquitto : IDisposable
        {
            private readonly Process _process;

            private readonly string _folder;

            public Mosquitto(Process process, int port, string folder)
            {
                _process = process;
                Port = port;
                _folder = folder;
            }

            public int Port { get; }

            public void Dispose()
            {
                _process.Kill();
                _process.WaitForExit();
                _process.Dispose();
                Directory.Delete(_folder, true);
            }
        }
    }
}
