namespace TcAtMcu.Ota
{
    /// <summary>
    /// Where a new firmware image goes: a flash partition or storage file on the device, a file on the host.
    /// The updater calls Begin, then Write with every byte of the image in order, then exactly one of Commit
    /// (size and MD5 verified) or Abort. A sink that still holds the start of the same image from an interrupted
    /// transfer compares those bytes with what arrives and rewrites only what differs: resuming saves flash
    /// writes, and a byte spoiled in the earlier transfer cannot survive into the committed image.
    /// </summary>
    public interface IFirmwareSink
    {
        /// <summary>The largest image it can hold.</summary>
        int Capacity { get; }

        /// <summary>
        /// Prepares for an image; returns how many of its first bytes the sink already holds from an earlier,
        /// interrupted transfer of the same image (same MD5 and size), 0 when it starts afresh.
        /// </summary>
        int Begin(string version, int size, string md5);

        /// <summary>The image's next bytes.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>The whole image arrived and its size and MD5 matched: make it the one to boot.</summary>
        void Commit();

        /// <summary>The transfer failed: the sink keeps nothing it would boot.</summary>
        void Abort();
    }

    /// <summary>Told of OTA progress after each chunk.</summary>
    public interface IOtaProgress
    {
        void OnProgress(int bytes, int total, long elapsedMs);
    }
}
