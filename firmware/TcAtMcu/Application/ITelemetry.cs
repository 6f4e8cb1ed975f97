using TcAtMcu.Text;

namespace TcAtMcu.Application
{
    /// <summary>Writes the next telemetry payload into a buffer; returns its length (0: nothing to send).</summary>
    public interface ITelemetry
    {
        int Compose(byte[] buffer, int capacity, int sequence, long uptimeMs);
    }

    /// <summary>
    /// The default telemetry: a data template property report,
    /// {"method":"report","clientToken":"tc-&lt;n&gt;","params":{"uptime_s":&lt;s&gt;}}, written without allocating.
    /// </summary>
    public sealed class UptimeTelemetry : ITelemetry
    {
        private static readonly byte[] Head = Ascii.Bytes("{\"method\":\"report\",\"clientToken\":\"tc-");
        private static readonly byte[] Middle = Ascii.Bytes("\",\"params\":{\"uptime_s\":");
        private static readonly byte[] Tail = Ascii.Bytes("}}");

        public int Compose(byte[] buffer, int capacity, int sequence, long uptimeMs)
        {
            int n = Append(buffer, 0, Head);
            n += Ascii.FormatDecimal(sequence, buffer, n);
            n = Append(buffer, n, Middle);
            n += Ascii.FormatDecimal(uptimeMs / 1000, buffer, n);
            return Append(buffer, n, Tail);
        }

        private static int Append(byte[] buffer, int at, byte[] text)
        {
            System.Array.Copy(text, 0, buffer, at, text.Length);
            return at + text.Length;
        }
    }
}
