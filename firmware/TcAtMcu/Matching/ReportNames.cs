namespace TcAtMcu.Matching
{
    /// <summary>Names of report kinds and states for logs (nanoFramework's enum ToString gives numbers).</summary>
    public static class ReportNames
    {
        public static string Of(ReportKind kind)
        {
            switch (kind)
            {
                case ReportKind.MessageReceived: return "TCMQTTRCVPUB";
                case ReportKind.Disconnected: return "TCMQTTDISCON";
                case ReportKind.Reconnecting: return "TCMQTTRECONNECTING";
                case ReportKind.Reconnected: return "TCMQTTRECONNECTED";
                case ReportKind.OtaStatus: return "TCOTASTATUS";
                case ReportKind.SmartConfig: return "TCSTARTSMART";
                case ReportKind.SoftAp: return "TCSAP";
                case ReportKind.ModuleReady: return "ready";
                case ReportKind.WifiConnected: return "WIFI CONNECTED";
                case ReportKind.WifiGotIp: return "WIFI GOT IP";
                case ReportKind.WifiDisconnected: return "WIFI DISCONNECT";
                default: return "none";
            }
        }

        public static string Of(ReportStatus status)
        {
            switch (status)
            {
                case ReportStatus.OtaEnterUpdate: return "ENTERUPDATE";
                case ReportStatus.OtaUpdateSuccess: return "UPDATESUCCESS";
                case ReportStatus.OtaUpdateFail: return "UPDATEFAIL";
                case ReportStatus.OtaUpdateReset: return "UPDATERESET";
                case ReportStatus.WifiConnectSuccess: return "WIFI_CONNECT_SUCCESS";
                case ReportStatus.WifiConnectFailed: return "WIFI_CONNECT_FAILED";
                case ReportStatus.ProvisioningFail: return "FAIL";
                case ReportStatus.Unknown: return "unknown";
                default: return "";
            }
        }
    }
}
