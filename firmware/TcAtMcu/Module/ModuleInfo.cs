namespace TcAtMcu.Module
{
    /// <summary>
    /// What the module says about itself: AT+TCMODULE (hardware, firmware, MAC, flash) and AT+GMR (the ESP-AT core
    /// under it). A field it did not print stays null.
    /// </summary>
    public sealed class ModuleInfo
    {
        public string HardwareName { get; internal set; }
        public string FirmwareVersion { get; internal set; }
        public string MacAddress { get; internal set; }
        public string CompileTime { get; internal set; }
        public string FlashSize { get; internal set; }

        /// <summary>AT+GMR "AT version:" : the ESP-AT core.</summary>
        public string AtCoreVersion { get; internal set; }
        /// <summary>AT+GMR "SDK version:" : Espressif's SDK.</summary>
        public string EspSdkVersion { get; internal set; }
        /// <summary>AT+GMR "compile time:"</summary>
        public string AtCoreCompileTime { get; internal set; }
        /// <summary>AT+GMR: the build's own version line (Espressif's "Bin version(...):", a Tencent build's AT firmware version), when printed.</summary>
        public string BuildVersion { get; internal set; }

        /// <summary>AT+TCVER "Tencent Cloud IoT AT version:" : Tencent's AT firmware ("QCloud_AT_ESP8266_v2.0.0").</summary>
        public string TencentAtVersion { get; internal set; }
        /// <summary>AT+TCVER "Tencent Cloud IoT SDK version:"</summary>
        public string TencentSdkVersion { get; internal set; }
        /// <summary>The command set these versions name (<see cref="TcModule.DetectCommandSet"/>).</summary>
        public CommandSet CommandSet { get; internal set; }
    }

    /// <summary>AT+TCVER : the IoT SDK and AT firmware versions.</summary>
    public sealed class VersionInfo
    {
        public string SdkVersion { get; internal set; }
        public string AtVersion { get; internal set; }
        public string CompileTime { get; internal set; }
    }

    /// <summary>AT+TCMODINFOSET : the module's hardware settings (spec 6.5).</summary>
    public sealed class ModuleSettings
    {
        public string ModuleName;
        /// <summary>MB: 2 or 4.</summary>
        public int FlashSizeMb = 2;
        public int WifiLedGpio;
        /// <summary>V3.1.2 only: V3.2.1's AT+TCMODINFOSET has no info address (6 parameters).</summary>
        public int FirmwareInfoAddress = 0x111000;
        public int FirmwareBaseAddress = 0x112000;
        public int FirmwareMaxSize = 716800;
        public int FixedConnectionId = 1;
    }
}
