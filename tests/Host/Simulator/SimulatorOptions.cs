namespace TcAtMcu.Simulator
{
    /// <summary>How the simulated module is built and what it connects to.</summary>
    public sealed class SimulatorOptions
    {
        public string BrokerHost = "127.0.0.1";
        public int BrokerPort = 1883;
        /// <summary>JSON file standing for the module's flash (identity, settings, WiFi, cached firmware); null: RAM only.</summary>
        public string FlashFile;
        /// <summary>
        /// Tencent's AT firmware generation: 2 (firmware 2.x, the V3.2.1 command set, what modules ship with today:
        /// region, host names, open soft AP, PUBRAW, the gateway commands) or 1 (firmware 1.x, V3.1.2).
        /// </summary>
        public int FirmwareGeneration = 2;
        /// <summary>Firmware 1.x only: the build has AT+TCMQTTPUBRAW; false answers ERROR to it, as many builds do (2.x always has it).</summary>
        public bool RawPublish = true;
        /// <summary>AT+TCGWBIND / AT+TCGWONLINE: how long the module waits for the cloud's answer (the real one about 20 s).</summary>
        public int GatewayTimeoutMs = 20000;
        /// <summary>+TCREADFWDATA data as hex digits (the spec) instead of raw bytes (the real module).</summary>
        public bool HexFirmwareData;
        /// <summary>Echo ON after boot until ATE0, as the real module (ATE1 is its default). False: a module that starts quiet.</summary>
        public bool Echo = true;
        /// <summary>After a reboot, the boot ROM's output at 74880 baud (garbage at 115200) before "ready".</summary>
        public bool BootGarbage = true;
        /// <summary>From reset to "ready"; UART input meanwhile is lost.</summary>
        public int BootDelayMs = 100;
        /// <summary>0: bytes go out as fast as the stream takes them; else paced at baud / 10 bytes per second (8N1).</summary>
        public int BaudRate;
        /// <summary>The fastest AT+UART_CUR accepts (the ESP8266: 40 times 115200); lower it for a module that refuses.</summary>
        public int MaxBaud = 4608000;
        /// <summary>The GPIO15/13 ("swapped UART") build: its UART uses the RTS/CTS pins, so AT+UART_CUR refuses flow control.</summary>
        public bool SwappedUart;
        /// <summary>GPIO16 wired to RST: AT+GSLP wakes after its time. False: only a reset (Reboot) wakes it.</summary>
        public bool TimedWake = true;
        /// <summary>Light and modem sleep listen at each DTIM beacon: a message from the broker waits for the next (0: at once).</summary>
        public int BeaconIntervalMs;
        public int PayloadTimeoutMs = 20000;
        public int ProvisioningTimeoutMs = 300000;
        /// <summary>How long a simulated provisioning takes before WIFI_CONNECT_SUCCESS (or failure).</summary>
        public int ProvisioningDelayMs = 300;
        public bool ProvisioningFails;
        /// <summary>How long the module keeps reconnecting (+TCMQTTRECONNECTING about once a second) before +TCMQTTDISCON,-106.</summary>
        public int ReconnectTimeoutMs = 30000;
        /// <summary>AT+TCDEVREG blocks the real module about 10 s; tests need less.</summary>
        public int RegistrationDelayMs = 200;

        // ---- WiFi: the one access point in reach ----

        public string AccessPointSsid = "TcAtMcu-Sim";
        public string AccessPointPassword = "sim-wifi-pass";
        public string AccessPointBssid = "c8:3a:35:5e:01:7a";
        public int AccessPointChannel = 6;
        public int AccessPointRssi = -52;
        /// <summary>The module's flash already holds this access point (it joins it at boot); false: no WiFi until AT+CWJAP.</summary>
        public bool WifiStored = true;
        /// <summary>From AT+CWJAP (or boot, or the access point coming back) to WIFI CONNECTED; WIFI GOT IP follows
        /// half as long later. A real module takes 1 to 3 s; the default 0 has WiFi up as "ready" is sent, for firmware
        /// that does not yet wait for WIFI GOT IP before AT+TCMQTTCONN (then it gets +TCMQTTCONN:FAIL,-602).</summary>
        public int WifiJoinDelayMs;
        public string StationIp = "192.168.4.23";
        public string Gateway = "192.168.4.1";
        public string Netmask = "255.255.255.0";
    }
}
