using TcAtMcu.Matching;
using TcAtMcu.Services;

namespace TcAtMcu.Tests.Support
{
    /// <summary>Received messages as the engine hands them over: topic and payload in one buffer, the payload at an offset.</summary>
    public static class CloudMessages
    {
        public static Report Received(string topic, byte[] payload)
        {
            byte[] buffer = new byte[200 + payload.Length];
            for (int i = 0; i < topic.Length; i++)
            {
                buffer[i] = (byte)topic[i];
            }
            System.Array.Copy(payload, 0, buffer, 200, payload.Length);
            Report report = new Report();
            report.Kind = ReportKind.MessageReceived;
            report.Buffer = buffer;
            report.TopicOffset = 0;
            report.TopicLength = topic.Length;
            report.PayloadOffset = 200;
            report.PayloadLength = payload.Length;
            return report;
        }

        /// <summary>The message goes through the router, as the lifecycle hands it over.</summary>
        public static void Deliver(CloudRouter router, string topic, byte[] payload)
        {
            router.OnReport(Received(topic, payload));
        }
    }

    /// <summary>A cloud link that records each publish as "&lt;topic&gt; &lt;payload&gt;" and may refuse them.</summary>
    public sealed class RecordingLink : ICloudLink
    {
        private readonly string[] _sent = new string[64];
        private int _count;

        /// <summary>How the next publishes end (Sent unless a test says otherwise).</summary>
        public PublishOutcome Outcome = PublishOutcome.Sent;

        public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
        {
            if (Outcome == PublishOutcome.Sent)
            {
                _sent[_count++ % _sent.Length] = Bytes.Text(topic, 0, topic.Length) + " " + Bytes.Text(payload, offset, count);
            }
            return Outcome;
        }

        public int Count { get { return _count; } }

        /// <summary>Everything published since the last call, one publish per line.</summary>
        public string Take()
        {
            string all = "";
            for (int i = 0; i < _count && i < _sent.Length; i++)
            {
                all += (i > 0 ? "\n" : "") + _sent[i];
            }
            _count = 0;
            return all;
        }
    }
}
