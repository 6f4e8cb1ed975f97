namespace TcAtMcu.Module
{
    /// <summary>AT+TCFWINFO? : the firmware image the module downloaded and cached.</summary>
    public sealed class FirmwareInfo
    {
        public string Version { get; internal set; }
        public int Size { get; internal set; }
        /// <summary>32 lowercase hex digits.</summary>
        public string Md5 { get; internal set; }
        /// <summary>Largest image the module can hold.</summary>
        public int MaxSize { get; internal set; }
    }

    /// <summary>AT+TCOTASET? : whether OTA is enabled and the version reported to the cloud.</summary>
    public sealed class OtaSettings
    {
        public bool Enabled { get; internal set; }
        public string Version { get; internal set; }
    }
}
