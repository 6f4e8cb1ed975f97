using System.Text;
using BenchmarkDotNet.Attributes;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Module;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// Command round trips through the module API against a module that answers the moment a line ends
    /// (so the figure is the firmware's own cost, not the UART's): publish QoS 1 and the state query.
    /// </summary>
    [MemoryDiagnoser]
    public class RoundTripBenchmarks
    {
        private TcModule _module;
        private byte[] _payload;

        /// <summary>Answers each command line synchronously, as the module would.</summary>
        private sealed class InstantModule : IByteLink
        {
            private static readonly byte[] PubOk = Encoding.ASCII.GetBytes("OK\r\n+TCMQTTPUB:OK\r\n");
            private static readonly byte[] StateOk = Encoding.ASCII.GetBytes("+TCMQTTSTATE:1\r\nOK\r\n");
            private static readonly byte[] ConnOk = Encoding.ASCII.GetBytes("OK\r\n+TCMQTTCONN:OK\r\n");
            public AtEngine Engine;
            private byte _first;

            public int Read(byte[] buffer, int offset, int count) => 0;

            public void Write(byte[] buffer, int offset, int count)
            {
                if (count > 8 && buffer[offset] == (byte)'A')
                {
                    _first = buffer[offset + 9]; // AT+TCMQTT[P|S|C]...
                }
                if (buffer[offset + count - 1] != (byte)'\n')
                {
                    return;
                }
                byte[] reply = _first == (byte)'P' ? PubOk : _first == (byte)'S' ? StateOk : ConnOk;
                Engine.Receive(reply, 0, reply.Length);
            }
        }

        // The topic as UTF-8 prepared once, as the application does (a string topic costs its char[] per call).
        private static readonly byte[] Topic = Encoding.UTF8.GetBytes("$thing/up/property/CTQS08Y5LG/Dev01");

        [GlobalSetup]
        public void Setup()
        {
            InstantModule link = new InstantModule();
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            link.Engine = engine;
            _module = new TcModule(engine);
            _module.Connect(new MqttSettings());
            _payload = Encoding.ASCII.GetBytes("{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"temperature\":21.5,\"humidity\":40}}");
        }

        [Benchmark]
        public bool PublishQos1()
        {
            return _module.Publish(Topic, 1, _payload, 0, _payload.Length).IsOk;
        }

        [Benchmark]
        public bool ReadState()
        {
            return _module.ReadState().IsOk;
        }
    }
}
