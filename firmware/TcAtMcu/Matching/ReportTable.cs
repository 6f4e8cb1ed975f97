namespace TcAtMcu.Matching
{
    /// <summary>
    /// Every line the module sends that is not a command's own answer, one row each: a new report is one row here
    /// (its text, kind, log name and field form) and a value in <see cref="ReportKind"/>. Lines reach these tables
    /// with the framer's normalisation applied (no space after "+" or after the name's colon). First match wins.
    /// </summary>
    public static class ReportTable
    {
        public static readonly ReportRow[] Reports =
        {
            new ReportRow("+TCMQTTRCVPUB:", ReportKind.MessageReceived, "TCMQTTRCVPUB", ReportForm.Message),
            new ReportRow("+TCMQTTDISCON,", ReportKind.Disconnected, "TCMQTTDISCON", ReportForm.Code),
            new ReportRow("+TCMQTTRECONNECTING", ReportKind.Reconnecting, "TCMQTTRECONNECTING", ReportForm.Bare),
            new ReportRow("+TCMQTTRECONNECTED", ReportKind.Reconnected, "TCMQTTRECONNECTED", ReportForm.Bare),
            new ReportRow("+TCOTASTATUS:", ReportKind.OtaStatus, "TCOTASTATUS", ReportForm.Status),
            new ReportRow("+TCSTARTSMART:WIFI_CONNECT_", ReportKind.SmartConfig, "TCSTARTSMART", ReportForm.StatusAfterColon),
            new ReportRow("+TCSAP:WIFI_CONNECT_", ReportKind.SoftAp, "TCSAP", ReportForm.StatusAfterColon),
            new ReportRow("ready", ReportKind.ModuleReady, "ready", ReportForm.Bare),
            new ReportRow("WIFI CONNECTED", ReportKind.WifiConnected, "WIFI CONNECTED", ReportForm.Bare),
            new ReportRow("WIFI GOT IP", ReportKind.WifiGotIp, "WIFI GOT IP", ReportForm.Bare),
            new ReportRow("WIFI DISCONNECT", ReportKind.WifiDisconnected, "WIFI DISCONNECT", ReportForm.Bare),
            // "+TCSTARTSMART:FAIL,202" comes five minutes after its command finished.
            new ReportRow("+TCSTARTSMART:FAIL", ReportKind.SmartConfig, "TCSTARTSMART", ReportForm.StatusAfterColon, true),
            new ReportRow("+TCSAP:FAIL", ReportKind.SoftAp, "TCSAP", ReportForm.StatusAfterColon, true),
        };

        /// <summary>The state words of OTA and provisioning reports.</summary>
        public static readonly StatusRow[] Statuses =
        {
            new StatusRow("ENTERUPDATE", ReportStatus.OtaEnterUpdate),
            new StatusRow("UPDATESUCCESS", ReportStatus.OtaUpdateSuccess),
            new StatusRow("UPDATEFAIL", ReportStatus.OtaUpdateFail),
            new StatusRow("UPDATERESET", ReportStatus.OtaUpdateReset),
            new StatusRow("WIFI_CONNECT_SUCCESS", ReportStatus.WifiConnectSuccess),
            new StatusRow("WIFI_CONNECT_FAILED", ReportStatus.WifiConnectFailed),
            new StatusRow("FAIL", ReportStatus.ProvisioningFail),
        };

        /// <summary>Final results, in match order.</summary>
        public static readonly ResultRow[] Results =
        {
            new ResultRow("OK", LineKind.Ok, true),
            new ResultRow("ERROR", LineKind.Error, true),
            new ResultRow("+CME ERROR:", LineKind.CmeError, false),
            new ResultRow("+CME ERR:", LineKind.CmeError, false),
            new ResultRow("busy ", LineKind.Busy, false),
            new ResultRow("ERR CODE:", LineKind.ErrCode, false),
            new ResultRow("FAIL", LineKind.Error, true),
        };
    }
}
