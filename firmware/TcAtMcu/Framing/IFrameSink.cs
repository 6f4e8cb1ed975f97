namespace TcAtMcu.Framing
{
    /// <summary>What went wrong with a frame; the engine counts them.</summary>
    public enum FrameFault
    {
        /// <summary>A line longer than the line buffer: dropped up to its LF.</summary>
        LineTooLong = 1,
        /// <summary>A +TCMQTTRCVPUB whose length never matched its tail: the module cut it (a NUL in the payload).
        /// Delivered truncated, or dropped when no part of it can be trusted.</summary>
        MessageTruncated,
        /// <summary>A +TCMQTTRCVPUB header with no valid topic and length: bytes ignored until the line goes idle.</summary>
        MessageMalformed,
        /// <summary>A +TCREADFWDATA block not followed by CR LF after its length.</summary>
        DataMalformed,
        /// <summary>A partial frame saw no byte for the stall time and was closed.</summary>
        Stalled,
        /// <summary>A +TCMQTTRCVPUB longer than any the module sends (over 2048 bytes), skipped by its length and
        /// confirmed by its tail: dropped.</summary>
        MessageTooLong,
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

        /// <summary>A whole +TCMQTTRCVPUB: topic and payload slices of one buffer. truncated: the module cut the
        /// payload short (it stops at a NUL); the payload given is the part that certainly belongs to it.</summary>
        void OnMessage(byte[] buffer, int topicOffset, int topicCount, int payloadOffset, int payloadCount, bool truncated);

        /// <summary>A +TCREADFWDATA block of length bytes begins.</summary>
        void OnDataStart(int length);

        /// <summary>Part of the block, decoded (hex firmware data arrives here as bytes).</summary>
        void OnData(byte[] buffer, int offset, int count);

        /// <summary>The block ended; complete is false when its tail was malformed or it was cut short.</summary>
        void OnDataEnd(bool complete);

        void OnFault(FrameFault fault);
    }
}
