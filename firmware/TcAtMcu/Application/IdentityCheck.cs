namespace TcAtMcu.Application
{
    /// <summary>
    /// The device's identity before anything is written to the module: the placeholders DeviceSettings.cs ships with, or
    /// nothing at all, would only fail later as a refused MQTT connection. The application refuses them at start with one
    /// sentence and the error LED (ProductEntry).
    /// </summary>
    public static class IdentityCheck
    {
        /// <summary>What DeviceSettings.cs holds until the product team fills in the console's values.</summary>
        public const string PlaceholderProductId = "PRODUCT_ID";
        public const string PlaceholderDeviceName = "DEVICE_NAME";
        public const string PlaceholderDeviceSecret = "DEVICE_SECRET";
        public const string PlaceholderProductSecret = "PRODUCT_SECRET";

        /// <summary>Null when the identity can be used; else the sentence that says what to fill in, and where.</summary>
        public static string Problem(AppSettings settings)
        {
            const string Where = " in DeviceSettings.cs: copy it from the IoT Explorer console (README, Getting started on a board, step 3).";
            if (settings.ProductId == null || settings.ProductId.Length == 0 || settings.ProductId == PlaceholderProductId)
            {
                return "No product id" + Where;
            }
            if (settings.DeviceName == null || settings.DeviceName.Length == 0 || settings.DeviceName == PlaceholderDeviceName)
            {
                return "No device name" + Where;
            }
            bool noDeviceSecret = settings.DeviceSecret == null || settings.DeviceSecret.Length == 0 || settings.DeviceSecret == PlaceholderDeviceSecret;
            bool noProductSecret = settings.ProductSecret == null || settings.ProductSecret.Length == 0 || settings.ProductSecret == PlaceholderProductSecret;
            if (noDeviceSecret && noProductSecret)
            {
                return "No device secret (or product secret, for dynamic registration)" + Where;
            }
            return null;
        }
    }
}
