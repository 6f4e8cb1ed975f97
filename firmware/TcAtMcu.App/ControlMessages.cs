using System.Diagnostics;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.App
{
    /// <summary>
    /// Where the product's own logic receives the cloud's messages (data template "control" and the rest).
    /// The report is only valid during the call; copy what you keep.
    /// </summary>
    public sealed class ControlMessages : IReportHandler
    {
        private static readonly byte[] ControlMethod = Ascii.Bytes("\"method\":\"control\"");

        public void OnReport(Report message)
        {
            // Example: recognise a control message without building strings from it.
            bool control = IndexOf(message.Buffer, message.PayloadOffset, message.PayloadLength, ControlMethod) >= 0;
            Debug.WriteLine(control ? "control message received" : "message received");
        }

        private static int IndexOf(byte[] buffer, int offset, int count, byte[] text)
        {
            for (int i = offset; i + text.Length <= offset + count; i++)
            {
                if (Ascii.StartsWith(buffer, i, text.Length, text))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
