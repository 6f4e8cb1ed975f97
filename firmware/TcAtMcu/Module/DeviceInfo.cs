namespace TcAtMcu.Module
{
    /// <summary>AT+TCDEVINFOSET? : the device identity stored on the module. The secret itself never leaves it.</summary>
    public sealed class DeviceInfo
    {
        public int TlsMode { get; internal set; }
        public string ProductId { get; internal set; }
        public string DeviceName { get; internal set; }

        /// <summary>XOR checksum (spec 1.2, BCC) of the stored device secret.</summary>
        public int SecretChecksum { get; internal set; }

        /// <summary>Region, printed by the real firmware after the checksum; null when absent.</summary>
        public string Region { get; internal set; }

        /// <summary>The spec's BCC: the XOR of the secret's (ASCII, base64) bytes; 0 for an empty secret.</summary>
        public static int Checksum(string secret)
        {
            int result = 0;
            for (int i = 0; i < secret.Length; i++)
            {
                result ^= secret[i] & 0xFF;
            }
            return result;
        }

        /// <summary>True when the module holds this product, device and secret: then setting them again only wears its flash.</summary>
        public bool Matches(string productId, string deviceName, string deviceSecret)
        {
            return ProductId == productId && DeviceName == deviceName && SecretChecksum == Checksum(deviceSecret);
        }

        /// <summary>The same and the region (null: the module's default, ap-guangzhou; a module that prints none holds the default).</summary>
        public bool Matches(string productId, string deviceName, string deviceSecret, string region)
        {
            string wanted = region == null ? TcLimits.DefaultRegion : region;
            string held = Region == null ? TcLimits.DefaultRegion : Region;
            return Matches(productId, deviceName, deviceSecret) && held == wanted;
        }
    }

    /// <summary>AT+TCPRDINFOSET? : the product-level identity used for dynamic registration.</summary>
    public sealed class ProductInfo
    {
        public int TlsMode { get; internal set; }
        public string ProductId { get; internal set; }
        public int SecretChecksum { get; internal set; }
        public string DeviceName { get; internal set; }

        /// <summary>V3.2.1: the product's region; null when the module does not print it.</summary>
        public string Region { get; internal set; }
    }
}
