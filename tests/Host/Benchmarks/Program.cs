using System;
using BenchmarkDotNet.Running;

namespace TcAtMcu.Benchmarks
{
    public static class Program
    {
        public static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "--footprint")
            {
                Footprint.Print();
                return;
            }
            if (args.Length > 0 && args[0] == "--ota")
            {
                OtaThroughput.Run().GetAwaiter().GetResult();
                return;
            }
            if (args.Length > 0 && args[0] == "--messages")
            {
                MessageThroughput.Run().GetAwaiter().GetResult();
                return;
            }
            if (args.Length > 0 && args[0] == "--duty")
            {
                DutyCycleFigures.Run().GetAwaiter().GetResult();
                return;
            }
            if (args.Length > 0 && args[0] == "--transcript")
            {
                byte[] t = Transcript.Build();
                Console.WriteLine($"transcript: {t.Length} bytes, {Transcript.Messages} messages, {t.Length / (double)Transcript.Messages:F1} bytes per message");
                return;
            }
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
