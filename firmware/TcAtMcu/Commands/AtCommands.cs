namespace TcAtMcu.Commands
{
    /// <summary>The module's command table (spec chapters 2 to 6, and the real firmware's AT+TCMQTTPUBRAW).</summary>
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
    }
}
