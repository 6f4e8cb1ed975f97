using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Run;
using TcAtMcu.Simulator;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// OTA read speed against the line rate: the simulated module sends at the baud rate (8N1, baud/10 bytes/s) and
    /// the MCU's commands take their line time too; the firmware reads the cached image chunk by chunk, hashing and
    /// storing it. Real time, so not a BenchmarkDotNet job.
    /// </summary>
    public static class OtaThroughput
    {
        private sealed class PacedWrites : IByteLink
        {
            private readonly IByteLink _inner;
            private readonly int _baud;

            public PacedWrites(IByteLink inner, int baud)
            {
                _inner = inner;
                _baud = baud;
            }

            public int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

            // The bytes reach the module only once their line time has passed: a command and its answer take turns.
            public void Write(byte[] buffer, int offset, int count)
            {
                Stopwatch line = Stopwatch.StartNew();
                double seconds = count * 10.0 / _baud;
                while (line.Elapsed.TotalSeconds < seconds)
                {
                    Thread.SpinWait(100);
                }
                _inner.Write(buffer, offset, count);
            }
        }

        private sealed class DiscardingSink : IFirmwareSink
        {
            public int Capacity => 1 << 20;
            public int Begin(string version, int size, string md5) => 0;
            public void Write(byte[] buffer, int offset, int count) { }
            public void Commit() { }
            public void Abort() { }
        }

        /// <summary>The share of the line a chunk's data can have: its bytes over everything both directions carry
        /// for it, in turn (the command, then OK, the data header, the data and its CR LF).</summary>
        public static double Ceiling(int chunk)
        {
            int command = ("AT+TCREADFWDATA=" + chunk + "\r\n").Length;
            int answer = ("OK\r\n+TCREADFWDATA:" + chunk + ",").Length + chunk + 2;
            return (double)chunk / (command + answer);
        }

        public static async Task Run()
        {
            Console.WriteLine("| baud | line rate (B/s) | chunk | image | firmware (B/s) | share of line rate | ceiling |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (int baud in new[] { 115200, 460800, 921600 })
            {
                int size = baud / 115200 * 48 * 1024;
                byte[] image = new byte[size];
                new Random(baud).NextBytes(image);
                foreach (int chunk in new[] { 256, 1024, 4096 })
                {
                    await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BaudRate = baud });
                    var (mcu, module) = UartPair.CreateInProcess();
                    simulator.Start(module);
                    simulator.CacheFirmware("2.0.0", image);
                    using StreamLink stream = new StreamLink(mcu);
                    AtEngine engine = new AtEngine(new PacedWrites(stream, baud), new AtEngineOptions { ReceiveChunk = 4096 });
                    TcModule tc = new TcModule(engine);
                    engine.Start(null);
                    try
                    {
                        tc.DisableEcho(); // as the application does first
                        OtaUpdater updater = new OtaUpdater(tc, new DiscardingSink(), chunk);
                        Stopwatch watch = Stopwatch.StartNew();
                        OtaOutcome outcome = updater.Run();
                        double seconds = watch.Elapsed.TotalSeconds;
                        double rate = size / seconds;
                        double line = baud / 10.0;
                        double ceiling = Ceiling(chunk);
                        string verdict = rate / line > ceiling ? " ABOVE THE CEILING: a measurement fault" : "";
                        Console.WriteLine(outcome == OtaOutcome.Installed
                            ? $"| {baud} | {line:F0} | {chunk} | {size / 1024} KB | {rate:F0} | {rate / line:P1} | {ceiling:P2}{verdict} |"
                            : $"| {baud} | {line:F0} | {chunk} | {size / 1024} KB | failed: {outcome} | | |");
                    }
                    finally
                    {
                        engine.Stop();
                    }
                }
            }
        }
    }
}
