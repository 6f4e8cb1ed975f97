namespace TcAtMcu.Ota
{
    /// <summary>How an image transfer ended.</summary>
    public enum OtaOutcome
    {
        /// <summary>No transfer has run yet.</summary>
        None = 0,
        /// <summary>Size and MD5 matched; the sink committed it.</summary>
        Installed,
        /// <summary>AT+TCFWINFO? failed (no valid image: CME 208) or could not be parsed.</summary>
        NoImage,
        /// <summary>The image is larger than the sink, empty, or its MD5 field is not 32 hex digits.</summary>
        BadImageInfo,
        /// <summary>A chunk read failed: timeout, CME error (e.g. the module rebooted), malformed data.</summary>
        ReadFailed,
        /// <summary>The module's data ended before the announced size.</summary>
        ShortImage,
        /// <summary>All bytes arrived but their MD5 is not the announced one.</summary>
        Md5Mismatch,
        /// <summary>The sink could not store or commit it (flash full, write error, package refused); reported to the cloud.</summary>
        StoreFailed,
    }
}
