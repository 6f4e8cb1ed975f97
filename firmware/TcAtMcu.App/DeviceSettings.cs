using TcAtMcu.Application;

namespace TcAtMcu.App
{
    /// <summary>
    /// The one place a product team edits: the device's identity on Tencent Cloud and how it behaves.
    /// The secrets are only ever written to the module (and only when the module's copy differs); nothing logs them.
    /// </summary>
    public static class DeviceSettings
    {
        public static AppSettings Create()
        {
            AppSettings s = new AppSettings();
            // The device's identity from the IoT Explorer console (README, Getting started on a board, step 3). Until
            // these placeholders are replaced the firmware refuses to start: one message and the error LED.
            s.ProductId = IdentityCheck.PlaceholderProductId;
            s.DeviceName = IdentityCheck.PlaceholderDeviceName;
            // Key authentication. For dynamic registration set DeviceSecret = null and ProductSecret instead.
            s.DeviceSecret = IdentityCheck.PlaceholderDeviceSecret;
            s.ProductSecret = null;
            // What AT+TCOTASET reports: this assembly's version, from git (version.json at the repository root).
            s.FirmwareVersion = AssemblyVersionText.Of(typeof(DeviceSettings).Assembly);
            s.EnableOta = true;
            s.TelemetryPeriodMs = 60000;
            s.Mqtt.CommandTimeoutMs = 5000;
            s.Mqtt.KeepAliveS = 240;
            s.Mqtt.CleanSession = true;
            s.Mqtt.AutoReconnect = true;
            // WiFi: null keeps the access point the module was provisioned with (button: smart config or soft AP).
            // Set both to have the firmware join this one (AT+CWJAP) whenever the module has none.
            s.WifiSsid = null;
            s.WifiPassword = null;
            s.SoftApSsid = "TcAtMcu-setup";
            s.SoftApPassword = "tcatmcu123";
            // A gateway (2.x module): its sub-devices, each a smart lamp (Product/LampSubDevices.cs). With the device's 7
            // subscriptions, one fits: s.SubDevices = new SubDeviceSettings[] { new SubDeviceSettings("<pid>", "<dn>", "<secret>") };
            s.SubDevices = null;
            return s;
        }
    }
}
