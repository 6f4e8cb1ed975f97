using System.Collections.Generic;
using System.Text;

namespace TcAtMcu.Benchmarks
{
    /// <summary>
    /// A realistic session as the module sends it: connect, subscribe, then 10,000 received data-template messages
    /// with 200-byte JSON payloads, with a QoS 1 publish answered every 100 messages.
    /// </summary>
    public static class Transcript
    {
        public const int Messages = 10000;
        public const string Topic = "$thing/down/property/CTQS08Y5LG/Dev01";
        public static readonly byte[] TopicBytes = System.Text.Encoding.ASCII.GetBytes(Topic);

        public static readonly string Payload =
            "{\"method\":\"control\",\"clientToken\":\"clientToken-1234567890\",\"params\":{\"power_switch\":1,\"color\":2,\"brightness\":87,\"name\":\"kitchen lamp\"},\"timestamp\":1732406400}"
                .PadRight(200, ' ');

        public static byte[] Build()
        {
            StringBuilder sb = new StringBuilder();
            sb.Append("OK\r\n+TCMQTTCONN:OK\r\n");
            sb.Append("OK\r\n+TCMQTTSUB:OK\r\n");
            for (int i = 0; i < Messages; i++)
            {
                sb.Append("+TCMQTTRCVPUB:\"").Append(Topic).Append("\",").Append(Payload.Length).Append(",\"").Append(Payload).Append("\"\r\n");
                if (i % 100 == 99)
                {
                    sb.Append("OK\r\n+TCMQTTPUB:OK\r\n");
                }
            }
            return Encoding.ASCII.GetBytes(sb.ToString());
        }

        /// <summary>The transcript cut into UART-sized reads.</summary>
        public static List<(int Offset, int Count)> Chunks(byte[] transcript, int size)
        {
            var chunks = new List<(int, int)>();
            for (int i = 0; i < transcript.Length; i += size)
            {
                chunks.Add((i, System.Math.Min(size, transcript.Length - i)));
            }
            return chunks;
        }
    }
}
