namespace TcAtMcu.Matching
{
    /// <summary>The module's unsolicited reports.</summary>
    public enum ReportKind
    {
        None = 0,
        /// <summary>+TCMQTTRCVPUB:"topic",len,"payload"</summary>
        MessageReceived,
        /// <summary>+TCMQTTDISCON,&lt;err&gt;</summary>
        Disconnected,
        /// <summary>+TCMQTTRECONNECTING</summary>
        Reconnecting,
        /// <summary>+TCMQTTRECONNECTED</summary>
        Reconnected,
        /// <summary>+TCOTASTATUS:&lt;state&gt;[,&lt;err&gt;]</summary>
        OtaStatus,
        /// <summary>+TCSTARTSMART:WIFI_CONNECT_SUCCESS | WIFI_CONNECT_FAILED,&lt;err&gt;,&lt;sub&gt; | FAIL,&lt;err&gt; (after the command)</summary>
        SmartConfig,
        /// <summary>+TCSAP:WIFI_CONNECT_SUCCESS | WIFI_CONNECT_FAILED,&lt;err&gt;,&lt;sub&gt; | FAIL,&lt;err&gt; (after the command)</summary>
        SoftAp,
        /// <summary>ready : the module (re)booted; RAM settings, echo off and MQTT are gone</summary>
        ModuleReady,
        /// <summary>WIFI CONNECTED : associated with the access point</summary>
        WifiConnected,
        /// <summary>WIFI GOT IP : the station has an address</summary>
        WifiGotIp,
        /// <summary>WIFI DISCONNECT : the access point went away (MQTT drops with -103)</summary>
        WifiDisconnected,
    }

    /// <summary>The state word of an OTA or provisioning report.</summary>
    public enum ReportStatus
    {
        None = 0,
        /// <summary>OTA: ENTERUPDATE, the module started downloading.</summary>
        OtaEnterUpdate,
        /// <summary>OTA: UPDATESUCCESS, downloaded and MD5-checked by the module.</summary>
        OtaUpdateSuccess,
        /// <summary>OTA: UPDATEFAIL,&lt;err&gt;</summary>
        OtaUpdateFail,
        /// <summary>OTA: UPDATERESET, the module updates itself and reboots.</summary>
        OtaUpdateReset,
        /// <summary>Provisioning: WIFI_CONNECT_SUCCESS</summary>
        WifiConnectSuccess,
        /// <summary>Provisioning: WIFI_CONNECT_FAILED,&lt;err&gt;,&lt;sub&gt;</summary>
        WifiConnectFailed,
        /// <summary>Provisioning: FAIL,&lt;err&gt; arriving later than the command (202: 5-minute timeout).</summary>
        ProvisioningFail,
        /// <summary>A state word the tables do not know.</summary>
        Unknown,
    }
}
