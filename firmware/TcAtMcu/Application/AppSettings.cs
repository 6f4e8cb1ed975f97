using TcAtMcu.Module;

namespace TcAtMcu.Application
{
    /// <summary>
    /// What a product team configures. The device's values live in firmware/TcAtMcu.App/DeviceSettings.cs.
    /// Secrets are only ever written to the module; nothing here is logged.
    /// </summary>
    public sealed class AppSettings
    {
        public string ProductId;
        public string DeviceName;

        /// <summary>Key authentication; leave null to register dynamically with <see cref="ProductSecret"/>.</summary>
        public string DeviceSecret;
        public string ProductSecret;

        /// <summary>
        /// The product's region (V3.2.1, e.g. "ap-singapore"); null: the module's default, ap-guangzhou (mainland
        /// China), the only one a V3.1.2 module knows.
        /// </summary>
        public string ProductRegion;

        /// <summary>
        /// The version this build claims at start (the boot program's ReportedVersion under OTA). The cloud router's
        /// <see cref="TcAtMcu.Services.FirmwareVersion"/> is made from it and owns it after: AT+TCOTASET, report_info.
        /// </summary>
        public string FirmwareVersion = "1.0.0";
        public bool EnableOta = true;

        public MqttSettings Mqtt = new MqttSettings();

        /// <summary>
        /// The sub-devices when the device is a gateway (a 2.x module; README, Gateway and sub-devices); null or empty:
        /// not a gateway. Checked at start against the module's subscriptions (<see cref="TcAtMcu.Gateway.GatewaySetup"/>).
        /// </summary>
        public TcAtMcu.Gateway.SubDeviceSettings[] SubDevices;

        /// <summary>The data template's report period (the product passes it to its report service).</summary>
        public int TelemetryPeriodMs = 60000;

        /// <summary>
        /// The access point the module joins (AT+CWJAP) while WiFi is down. Null: the module keeps the one it was
        /// provisioned with (smart config, soft AP) and is reset to rejoin it (see WifiRejoinMinMs). Never logged.
        /// </summary>
        public string WifiSsid;
        public string WifiPassword;

        /// <summary>Soft AP provisioning (double press): the module's hotspot.</summary>
        public string SoftApSsid = "TcAtMcu-setup";
        public string SoftApPassword = "tcatmcu123";

        /// <summary>
        /// The module's power mode (AT+SLEEP), set after each boot when it is not the one the ESP8266 boots in (modem
        /// sleep). None: the lowest latency and the most current; Light: the least current while connected. What the
        /// broker sends waits for the next DTIM beacon in both sleeps.
        /// </summary>
        public SleepMode ModuleSleep = SleepMode.Modem;

        /// <summary>After a reset, the module needs this long before it answers AT.</summary>
        public int BootWaitMs = 1500;
        public int ProbeAttempts = 5;
        public int ProbeIntervalMs = 500;

        /// <summary>Backoff between module resets after failures: doubles from min to max.</summary>
        public int BackoffMinMs = 1000;
        public int BackoffMaxMs = 60000;

        /// <summary>Longest wait for the module's own MQTT reconnection before the MCU disconnects and connects itself.</summary>
        public int ReconnectWaitMs = 20000;

        /// <summary>
        /// WiFi down: the module does not rejoin by itself after WIFI DISCONNECT (NOTES.md). After this long the
        /// MCU joins WifiSsid (AT+CWJAP) or, without one, resets the module, which joins its stored access point as
        /// it boots; the wait doubles up to WifiRejoinMaxMs while the access point stays away, so a device is back
        /// at most WifiRejoinMaxMs (and a boot) after its access point is.
        /// </summary>
        public int WifiRejoinMinMs = 15000;
        public int WifiRejoinMaxMs = 60000;

        /// <summary>How often a waiting state (reconnecting, WiFi down, updating) asks the module instead of waiting for a report.</summary>
        public int StateCheckMs = 5000;

        /// <summary>Online: when nothing has been heard from the module this long, AT+TCMQTTSTATE? asks whether it is still there.</summary>
        public int HealthCheckMs = 10000;

        /// <summary>Longest OTA download the module may take before the application asks it where it stands.</summary>
        public int UpdateWaitMs = 600000;

        /// <summary>Provisioning: the module gives up after 5 minutes (FAIL,202); after this the MCU stops it.</summary>
        public int ProvisioningWaitMs = 330000;

        /// <summary>Failed connects in a row (broker refusing, CME 208) before the module is reset too.</summary>
        public int ConnectFailuresBeforeReset = 4;
    }
}
