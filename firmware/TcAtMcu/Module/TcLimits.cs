namespace TcAtMcu.Module
{
    /// <summary>The bounds the spec (and NOTES.md, where the real module is stricter) puts on parameters.</summary>
    public static class TcLimits
    {
        public const int ProductIdMax = 10;
        public const int DeviceNameMax = 48;
        public const int DeviceSecretMax = 44;
        public const int ProductSecretMax = 32;
        public const int TopicMax = 128;
        public const int LongPayloadMax = 2048;
        public const int Subscriptions = 10;
        public const int CommandTimeoutMinMs = 1000;
        public const int CommandTimeoutMaxMs = 10000;
        public const int KeepAliveMinS = 60;
        public const int KeepAliveMaxS = 690;
        public const int FirmwareVersionMax = 32;
        public const int FirmwareChunkMax = 4096;
        public const int SsidMax = 32;
        public const int PasswordMax = 32;
        /// <summary>AT+CWJAP: a WPA passphrase is 8 to 64 bytes (an open network has none).</summary>
        public const int WifiPasswordMin = 8;
        public const int WifiPasswordMax = 64;
        public const int ModuleNameMax = 30;
        public const int WifiLedGpioMax = 16;
        public const int FirmwareAddressMin = 0x111000;
        public const int FirmwareAddressAlign = 0x1000;
        public const int FirmwareMaxSizeMax = 716800;
        /// <summary>ESP8266 accepts only TLS with a key (mode 1).</summary>
        public const int TlsMode = 1;

        // V3.2.1 (firmware 2.x)
        /// <summary>AT+TCDEVINFOSET / AT+TCPRDINFOSET product_region; the module's default when none is given.</summary>
        public const int RegionMax = 24;
        public const string DefaultRegion = "ap-guangzhou";
        /// <summary>AT+TCMQTTSRV host name: the explorer SDK's host buffer is 64 bytes with its NUL.</summary>
        public const int HostNameMax = 63;
        /// <summary>AT+TCSAP on 2.x: a password, when given, is 8 to 32 bytes; the channel 1 to 13.</summary>
        public const int SoftApPasswordMin = 8;
        public const int SoftApChannelMin = 1;
        public const int SoftApChannelMax = 13;
    }
}
