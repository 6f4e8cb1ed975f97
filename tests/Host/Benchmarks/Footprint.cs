using System;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Module;
using TcAtMcu.Ota;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// The fixed memory each part holds, measured as the bytes .NET allocates to build it with the default
    /// options (nanoFramework's object headers differ, the buffers dominate and are the same size).
    /// </summary>
    public static class Footprint
    {
        private sealed class NullLink : IByteLink
        {
            public int Read(byte[] buffer, int offset, int count) => 0;
            public void Write(byte[] buffer, int offset, int count) { }
        }

        public static void Print()
        {
            new AtEngine(new NullLink(), new AtEngineOptions());
            new TcModule(new AtEngine(new NullLink(), new AtEngineOptions()));
            new OtaUpdater(null, null, 4096);

            long before = GC.GetAllocatedBytesForCurrentThread();
            AtEngine engine = new AtEngine(new NullLink(), new AtEngineOptions());
            long engineBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            TcModule module = new TcModule(engine);
            long moduleBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            OtaUpdater updater = new OtaUpdater(module, null, 4096);
            long otaBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            AtEngineOptions o = new AtEngineOptions();
            Console.WriteLine("| part | bytes | of which buffers |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| AT engine (default AtEngineOptions) | {engineBytes} | {engine.BufferBytes}: line {o.LineCapacity}, message frame, response {o.ResponseCapacity}, "
                + $"report ring {o.ReportBytes} + {o.ReportSlots} slots, receive {o.ReceiveChunk}, command 256 |");
            Console.WriteLine($"| module API (TcModule) | {moduleBytes} | publish payload 2048 |");
            Console.WriteLine($"| OTA reader, 4 KB chunks | {otaBytes} | chunk 4096 |");
            Console.WriteLine($"| total | {engineBytes + moduleBytes + otaBytes} | |");
            GC.KeepAlive(updater);
        }
    }
}
