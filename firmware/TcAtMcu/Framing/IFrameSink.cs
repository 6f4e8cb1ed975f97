namespace TcAtMcu.Framing
{
    /// <summary>Which length-prefixed block the framer is reading.</summary>
    public enum DataKind
    {
        None = 0,
        /// <summary>+TCMQTTRCVPUB:"topic",len,"payload" : len raw bytes between the quotes.</summary>
        ReceivedMessage = 1,
        /// <summary>+TCREADFWDATA:len, : len raw bytes (or 2*len hex digits) then CR LF.</summary>
        FirmwareData = 2,
    }

    /// <summary>
    /// Receives what the framer cuts out of the byte stream. Slices are only valid during the call:
    /// the framer reuses its buffers for the next frame.
    /// </summary>
    public interface IFrameSink
    {
        /// <summary>A complete line without its CR LF; never empty.</summary>
        void OnLine(byte[] buffer, int offset, int count);

        /// <summary>The '>' prompt of AT+TCMQTTPUBL, seen at the start of a line while a prompt is expected.</summary>
        void OnPrompt();

        /// <summary>A length-prefixed block begins. For a received message, topic is the slice between its quotes.</summary>
        void OnDataStart(DataKind kind, byte[] topic, int topicOffset, int topicCount, int length);

        /// <summary>Part of the block's payload, decoded (hex firmware data arrives here as bytes).</summary>
        void OnData(byte[] buffer, int offset, int count);

        /// <summary>The block ended; complete is false when its tail was malformed or it was cut short.</summary>
        void OnDataEnd(bool complete);

        /// <summary>A line longer than the line buffer was dropped.</summary>
        void OnLineDiscarded();
    }
}
