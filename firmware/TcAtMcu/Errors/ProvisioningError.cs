namespace TcAtMcu.Errors
{
    /// <summary>WiFi provisioning and binding error types (WIFI_CONNECT_FAILED, FAIL), spec 7.4; 15 to 22 are TCP socket errors.</summary>
    public static class ProvisioningError
    {
        /// <summary>MQTT connect error</summary>
        public const int MqttConnect = 1;
        /// <summary>app command error</summary>
        public const int AppCommand = 2;
        /// <summary>WiFi boarding stopped</summary>
        public const int BoardingStopped = 3;
        /// <summary>RTOS task error</summary>
        public const int RtosTask = 4;
        /// <summary>RTOS queue error</summary>
        public const int RtosQueue = 5;
        /// <summary>WiFi STA init error</summary>
        public const int WifiStaInit = 6;
        /// <summary>WiFi AP init error</summary>
        public const int WifiApInit = 7;
        /// <summary>WiFi start error</summary>
        public const int WifiStart = 8;
        /// <summary>WiFi config error</summary>
        public const int WifiConfig = 9;
        /// <summary>WiFi connect error</summary>
        public const int WifiConnect = 10;
        /// <summary>WiFi disconnect error</summary>
        public const int WifiDisconnect = 11;
        /// <summary>WiFi AP+STA error</summary>
        public const int WifiApSta = 12;
        /// <summary>smart config start error</summary>
        public const int SmartConfigStart = 13;
        /// <summary>smart config data error</summary>
        public const int SmartConfigData = 14;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket1 = 15;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket2 = 16;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket3 = 17;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket4 = 18;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket5 = 19;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket6 = 20;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket7 = 21;
        /// <summary>TCP socket error</summary>
        public const int TcpSocket8 = 22;
    }
}
