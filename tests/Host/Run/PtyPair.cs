using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace TcAtMcu.Run
{
    /// <summary>
    /// Two pseudo-terminals joined by socat (Debian's package), as a USB-serial adapter and its cable would join an
    /// MCU to a module: what one end writes, the other reads. Stopping it stops only the socat this started.
    /// </summary>
    public sealed class PtyPair : IDisposable
    {
        private readonly Process _socat;
        private readonly string _directory;

        private PtyPair(Process socat, string directory)
        {
            _socat = socat;
            _directory = directory;
        }

        /// <summary>True when socat is no longer running (the pair is gone).</summary>
        public bool Ended => _socat.HasExited;

        /// <summary>The MCU's end (the firmware's serial port).</summary>
        public string McuEnd => Path.Combine(_directory, "mcu");

        /// <summary>The module's end (the simulated module's serial port).</summary>
        public string ModuleEnd => Path.Combine(_directory, "module");

        public static PtyPair Start()
        {
            string socat = Which("socat")
                ?? throw new UserError("--pty needs socat, which is not installed: sudo apt-get install socat (or run without --pty).");
            string directory = Directory.CreateTempSubdirectory("tcatmcu-pty-").FullName;
            ProcessStartInfo start = new ProcessStartInfo(socat)
            {
                UseShellExecute = false,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (string end in new[] { "mcu", "module" })
            {
                start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory, end)}");
            }
            Process process = Process.Start(start);
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            PtyPair pair = new PtyPair(process, directory);
            Stopwatch waited = Stopwatch.StartNew();
            while (!(File.Exists(pair.McuEnd) && File.Exists(pair.ModuleEnd)))
            {
                if (process.HasExited || waited.ElapsedMilliseconds > 5000)
                {
                    pair.Dispose();
                    throw new UserError("socat did not create the pty pair; run `socat -d -d pty,raw,echo=0 pty,raw,echo=0` to see why.");
                }
                Thread.Sleep(20);
            }
            return pair;
        }

        public void Dispose()
        {
            try
            {
                if (!_socat.HasExited)
                {
                    _socat.Kill();
                    _socat.WaitForExit(2000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            _socat.Dispose();
            try
            {
                Directory.Delete(_directory, true);
            }
            catch (IOException)
            {
            }
        }

        public static string Which(string name)
        {
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                string path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
            return null;
        }
    }
}
