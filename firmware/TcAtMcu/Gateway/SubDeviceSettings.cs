namespace TcAtMcu.Gateway
{
    /// <summary>
    /// One sub-device as a product declares it in <see cref="TcAtMcu.Application.AppSettings.SubDevices"/>: its identity
    /// from the IoT Explorer console (key authentication, the only kind the module binds) and the version its data
    /// template reports. <see cref="GatewaySetup"/> turns the list into the gateway at start.
    /// </summary>
    public sealed class SubDeviceSettings
    {
        public string ProductId;
        public string DeviceName;

        /// <summary>Written to the module only (AT+TCGWBIND); never logged.</summary>
        public string DeviceSecret;

        public string FirmwareVersion = "1.0.0";

        public SubDeviceSettings(string productId, string deviceName, string deviceSecret)
        {
            ProductId = productId;
            DeviceName = deviceName;
            DeviceSecret = deviceSecret;
        }
    }

    /// <summary>The product's side of each declared sub-device: the services (its data template...) it runs on it.</summary>
    public interface ISubDeviceProduct
    {
        /// <summary>Adds the services of the index-th declared sub-device to <see cref="SubDevice.Cloud"/>.</summary>
        void AddServices(SubDevice sub, int index);
    }
}
