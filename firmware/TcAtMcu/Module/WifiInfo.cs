namespace TcAtMcu.Module
{
    /// <summary>AT+CWJAP? : the access point the module's station is on; Connected false when it answered "No AP".</summary>
    public sealed class WifiInfo
    {
        public bool Connected { get; internal set; }
        public string Ssid { get; internal set; }
        public string Bssid { get; internal set; }
        public int Channel { get; internal set; }
        /// <summary>dBm, negative.</summary>
        public int Rssi { get; internal set; }
    }

    /// <summary>AT+CIPSTA? : the station's IPv4 settings; a line the module did not print stays null.</summary>
    public sealed class StationAddress
    {
        public string Ip { get; internal set; }
        public string Gateway { get; internal set; }
        public string Netmask { get; internal set; }
    }
}
