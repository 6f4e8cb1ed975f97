using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Matching;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// The engine and the natural string parser (the baseline) over the same transcript, delivered in 64-byte reads.
    /// One operation is one received message (the transcript holds 10,000), so the figures are per message.
    /// </summary>
    [MemoryDiagnoser]
    public class EngineBenchmarks
    {
        private byte[] _transcript;
        private List<(int Offset, int Count)> _chunks;
        private AtEngine _engine;
        private CountingHandler _handler;

        private sealed class NullLink : IByteLink
        {
            public int Read(byte[] buffer, int offset, int count) => 0;
            public void Write(byte[] buffer, int offset, int count) { }
        }

        private sealed class CountingHandler : IReportHandler
        {
            // Compared as bytes prepared once: TopicIs(string) costs the string's char[] (see Utf8).
            public int Messages;

            public void OnReport(Report report)
            {
                if (report.TopicIs(Transcript.TopicBytes))
                {
                    Messages++;
                }
            }
        }

        [GlobalSetup]
        public void Setup()
        {
            _transcript = Transcript.Build();
            _chunks = Transcript.Chunks(_transcript, 64);
            _engine = new AtEngine(new NullLink(), new AtEngineOptions());
            _handler = new CountingHandler();
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Transcript.Messages)]
        public int NaturalStringParsing()
        {
            NaturalStringParser parser = new NaturalStringParser(Transcript.Topic);
            foreach (var (offset, count) in _chunks)
            {
                parser.Receive(_transcript, offset, count);
            }
            return parser.Messages;
        }

        [Benchmark(OperationsPerInvoke = Transcript.Messages)]
        public int AtEngineReceiveAndDispatch()
        {
            _handler.Messages = 0;
            foreach (var (offset, count) in _chunks)
            {
                _engine.Receive(_transcript, offset, count);
                _engine.DispatchReports(_handler);
            }
            return _handler.Messages;
        }
    }
}
