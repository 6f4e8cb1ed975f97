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

        /// <summary>Reported to the cloud for OTA (AT+TCOTASET).</summary>
        public string FirmwareVersion = "1.0.0";
        public bool EnableOta = true;

        public MqttSettings Mqtt = new MqttSettings();
        public int TelemetryPeriodMs = 60000;
        public int TelemetryQos = 1;

        /// <summary>Topics subscribed besides the data template's control topic; at most 9.</summary>
        public string[] ExtraTopics = new string[0];

        /// <summary>Soft AP provisioning (double press): the module's hotspot.</summary>
        public string SoftApSsid = "TcAtMcu-setup";
        public string SoftApPassword = "tcatmcu123";

        /// <summary>After a reset, the module needs this long before it answers AT.</summary>
        public int BootWaitMs = 1500;
        public int ProbeAttempts = 5;
        public int ProbeIntervalMs = 500;

        /// <summary>Backoff between module resets after failures: doubles from min to max.</summary>
        public int BackoffMinMs = 1000;
        public int BackoffMaxMs = 60000;

        /// <summary>Longest wait for the module's own reconnection before starting over.</summary>
        public int ReconnectWaitMs = 300000;

        /// <summary>Data template topic the device reports its properties on.</summary>
        public string ReportTopic
        {
            get { return "$thing/up/property/" + ProductId + "/" + DeviceName; }
        }

        /// <summary>Data template topic the cloud sends control messages on.</summary>
        public string ControlTopic
        {
            get { return "$thing/down/property/" + ProductId + "/" + DeviceName; }
        }
    }
}
