namespace TcAtMcu.Commands
{
    /// <summary>The module's command table (spec chapters 2 to 6, V3.2.1's chapter 7, the real firmware's AT+TCMQTTPUBRAW, and the ESP-AT base commands it keeps).</summary>
    public static class AtCommands
    {
        public static readonly AtCommand DevInfoSet = new AtCommand("TCDEVINFOSET");
        public static readonly AtCommand PrdInfoSet = new AtCommand("TCPRDINFOSET");
        public static readonly AtCommand DevReg = new AtCommand("TCDEVREG");
        public static readonly AtCommand Module = new AtCommand("TCMODULE");
        public static readonly AtCommand Restore = new AtCommand("TCRESTORE");
        public static readonly AtCommand MqttConn = new AtCommand("TCMQTTCONN");
        public static readonly AtCommand MqttDisconn = new AtCommand("TCMQTTDISCONN");
        public static readonly AtCommand MqttPub = new AtCommand("TCMQTTPUB");
        public static readonly AtCommand MqttPubL = new AtCommand("TCMQTTPUBL");
        public static readonly AtCommand MqttPubRaw = new AtCommand("TCMQTTPUBRAW");
        public static readonly AtCommand MqttSub = new AtCommand("TCMQTTSUB");
        public static readonly AtCommand MqttUnsub = new AtCommand("TCMQTTUNSUB");
        public static readonly AtCommand MqttState = new AtCommand("TCMQTTSTATE");
        public static readonly AtCommand OtaSet = new AtCommand("TCOTASET");
        public static readonly AtCommand FwInfo = new AtCommand("TCFWINFO");
        public static readonly AtCommand ReadFwData = new AtCommand("TCREADFWDATA");
        public static readonly AtCommand StartSmart = new AtCommand("TCSTARTSMART");
        public static readonly AtCommand StopSmart = new AtCommand("TCSTOPSMART");
        public static readonly AtCommand SoftAp = new AtCommand("TCSAP");
        public static readonly AtCommand StopSoftAp = new AtCommand("TCSTOPSAP");
        public static readonly AtCommand ModInfoSet = new AtCommand("TCMODINFOSET");
        public static readonly AtCommand MqttSrv = new AtCommand("TCMQTTSRV");
        public static readonly AtCommand Version = new AtCommand("TCVER");

        // V3.2.1 section 7: gateway and sub-devices.
        public static readonly AtCommand GwBind = new AtCommand("TCGWBIND");
        public static readonly AtCommand GwOnline = new AtCommand("TCGWONLINE");

        // ESP-AT base commands the module keeps (spec 1.3, NOTES.md).
        public static readonly AtCommand Restart = new AtCommand("RST");
        public static readonly AtCommand BaseVersion = new AtCommand("GMR");
        public static readonly AtCommand WifiMode = new AtCommand("CWMODE");
        public static readonly AtCommand JoinAp = new AtCommand("CWJAP");
        public static readonly AtCommand QuitAp = new AtCommand("CWQAP");
        public static readonly AtCommand StationAddress = new AtCommand("CIPSTA");
        public static readonly AtCommand UartCurrent = new AtCommand("UART_CUR");
        public static readonly AtCommand Sleep = new AtCommand("SLEEP");
        public static readonly AtCommand DeepSleep = new AtCommand("GSLP");
    }
}
