namespace TcAtMcu.Services
{
    /// <summary>
    /// The one place topic names are made: IoT Explorer's topics are "&lt;prefix&gt;/&lt;productId&gt;/&lt;deviceName&gt;"
    /// ($thing/down/property, $sys/operation/result, ...), custom topics "&lt;productId&gt;/&lt;deviceName&gt;/&lt;name&gt;".
    /// Built once, at start, by the services that declare them.
    /// </summary>
    public sealed class DeviceTopics
    {
        public DeviceTopics(string productId, string deviceName)
        {
            if (productId == null || productId.Length == 0 || deviceName == null || deviceName.Length == 0)
            {
                throw new System.ArgumentException("a device's topics need its product id and device name");
            }
            ProductId = productId;
            DeviceName = deviceName;
        }

        public string ProductId { get; private set; }
        public string DeviceName { get; private set; }

        /// <summary>"&lt;prefix&gt;/&lt;productId&gt;/&lt;deviceName&gt;", e.g. Of("$thing/down/property").</summary>
        public string Of(string prefix)
        {
            return Of(prefix, ProductId, DeviceName);
        }

        /// <summary>The same topic of another device (a gateway's sub-device).</summary>
        public static string Of(string prefix, string productId, string deviceName)
        {
            return prefix + "/" + productId + "/" + deviceName;
        }

        /// <summary>A custom topic of the product, "&lt;productId&gt;/&lt;deviceName&gt;/&lt;name&gt;" (the console's "control", "data", ...).</summary>
        public string Custom(string name)
        {
            return ProductId + "/" + DeviceName + "/" + name;
        }
    }
}
