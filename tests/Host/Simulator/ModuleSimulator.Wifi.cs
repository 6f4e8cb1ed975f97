namespace TcAtMcu.Simulator
{
    // Espressif's base AT commands that Tencent's firmware keeps (spec 1.3, NOTES.md "The ESP-AT base commands"):
    // AT+RST, AT+GMR, the WiFi station (AT+CWMODE, AT+CWJAP, AT+CWQAP, AT+CIPSTA?) and the unsolicited WIFI lines.
    public sealed partial class ModuleSimulator
    {
        private volatile bool _wifiAssociated;
        private volatile bool _wifiGotIp;
        private volatile bool _accessPointUp = true;
        // The station means to be on its stored network (false after AT+CWQAP until AT+CWJAP or a reboot).
        private volatile bool _stationWanted = true;
        private CancellationTokenSource _accessPointReturn;

        /// <summary>The ESP-AT commands, or false when the name is not one of them.</summary>
        private bool RunBase(AtLine at)
        {
            switch (at.Name)
            {
                case "RST": ResetCommand(at); return true;
                case "GMR":
                    if (at.Kind == AtLine.Form.Execute) Lines(V2 ? VersionLines : VersionLinesV1);
                    else Send("ERROR\r\n");
                    return true;
                case "CWMODE":
                case "CWMODE_CUR":
                case "CWMODE_DEF":
                    WifiMode(at); return true;
                case "CWJAP":
                case "CWJAP_CUR":
                case "CWJAP_DEF":
                    Join(at); return true;
                case "CWQAP": Quit(at); return true;
                case "CIPSTA":
                case "CIPSTA_CUR":
                case "CIPSTA_DEF":
                    StationAddress(at); return true;
                case "CIPSTATUS":
                    // ESP8266 AT: 2 has an IP, 5 is not on an access point (Tencent's test tool reads it).
                    if (at.Kind == AtLine.Form.Execute) Lines("STATUS:" + (_wifiGotIp ? 2 : 5));
                    else Send("ERROR\r\n");
                    return true;
                case "CIFSR":
                    if (at.Kind == AtLine.Form.Execute) Lines("+CIFSR:STAIP,\"" + (_wifiGotIp ? _options.StationIp : "0.0.0.0") + "\"", "+CIFSR:STAMAC,\"" + StationMac + "\"");
                    else Send("ERROR\r\n");
                    return true;
                case "SYSRAM":
                    if (at.Kind == AtLine.Form.Read) Lines("+SYSRAM:" + FreeHeapBytes);
                    else Send("ERROR\r\n");
                    return true;
                case "TCLOG":
                    // The firmware's log level (key, level), as Tencent's test tool sets it; its log is not simulated.
                    if (at.Kind == AtLine.Form.Set && at.Args.Count == 2 && at.Int(0, out _) && at.Int(1, out _)) Send("OK\r\n");
                    else Send("ERROR\r\n");
                    return true;
                default: return false;
            }
        }

        private const string StationMac = "3c:71:bf:33:af:fd";
        private const int FreeHeapBytes = 41232;

        private void ResetCommand(AtLine at)
        {
            if (at.Kind != AtLine.Form.Execute)
            {
                Send("ERROR\r\n");
                return;
            }
            Send("OK\r\n");
            Say("AT+RST");
            Reboot();
        }

        private void WifiMode(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+" + at.Name + ":(1-3)"); return;
                case AtLine.Form.Read: Lines("+" + at.Name + ":" + _flash.WifiMode); return;
                case AtLine.Form.Set:
                    if (at.Args.Count != 1 || !at.Int(0, out int mode) || mode < 1 || mode > 3)
                    {
                        Send("ERROR\r\n");
                        return;
                    }
                    _flash.WifiMode = mode;
                    _flash.Save(_options.FlashFile);
                    Send("OK\r\n");
                    if (mode == 2 && _wifiAssociated)
                    {
                        LeaveNetwork("station off (AT+CWMODE=2)");
                    }
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void Join(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Read:
                    if (_wifiAssociated)
                    {
                        Lines("+" + at.Name + ":\"" + _flash.WifiSsid + "\",\"" + _options.AccessPointBssid + "\"," + _options.AccessPointChannel + "," + _options.AccessPointRssi);
                    }
                    else
                    {
                        Lines("No AP");
                    }
                    return;
                case AtLine.Form.Set:
                    // ssid, password, then optional bssid and more (ignored).
                    if (at.Args.Count < 2 || !at.Str(0, out string ssid) || ssid.Length < 1 || ssid.Length > 32
                        || !at.Str(1, out string password) || password.Length > 64 || _flash.WifiMode == 2)
                    {
                        Send("ERROR\r\n");
                        return;
                    }
                    if (_wifiAssociated)
                    {
                        LeaveNetwork("joining another network");
                    }
                    _stationWanted = true;
                    int forced = Faults.NextWifiJoinFailure;
                    Faults.NextWifiJoinFailure = 0;
                    RunBusy(async token =>
                    {
                        int failure = await JoinAsync(ssid, password, forced, token);
                        if (failure != 0)
                        {
                            return "+" + at.Name + ":" + failure + "\r\nFAIL";
                        }
                        lock (_sync)
                        {
                            _flash.WifiSsid = ssid;
                            _flash.WifiPassword = password;
                            _flash.Save(_options.FlashFile);
                        }
                        return "OK";
                    }, okFirst: false);
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void Quit(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines();
                return;
            }
            if (at.Kind != AtLine.Form.Execute)
            {
                Send("ERROR\r\n");
                return;
            }
            _stationWanted = false;
            Send("OK\r\n");
            if (_wifiAssociated)
            {
                LeaveNetwork("AT+CWQAP");
            }
        }

        private void StationAddress(AtLine at)
        {
            if (at.Kind != AtLine.Form.Read)
            {
                // Setting a static address is not simulated; the DHCP address stays.
                Send("ERROR\r\n");
                return;
            }
            bool up = _wifiGotIp;
            string prefix = "+" + at.Name + ":";
            Lines(prefix + "ip:\"" + (up ? _options.StationIp : "0.0.0.0") + "\"",
                prefix + "gateway:\"" + (up ? _options.Gateway : "0.0.0.0") + "\"",
                prefix + "netmask:\"" + (up ? _options.Netmask : "0.0.0.0") + "\"");
        }

        // 0 when joined (WIFI CONNECTED and WIFI GOT IP already sent), else the +CWJAP code: 1 timeout,
        // 2 wrong password, 3 no such access point, 4 failed.
        private async Task<int> JoinAsync(string ssid, string password, int forcedFailure, CancellationToken token)
        {
            await Task.Delay(_options.WifiJoinDelayMs, token);
            if (forcedFailure != 0)
            {
                return forcedFailure;
            }
            if (!_accessPointUp || ssid != _options.AccessPointSsid)
            {
                return 3;
            }
            if (password != _options.AccessPointPassword)
            {
                return 2;
            }
            _wifiAssociated = true;
            Send("WIFI CONNECTED\r\n");
            await Task.Delay(Math.Max(1, _options.WifiJoinDelayMs / 2), token);
            _wifiGotIp = true;
            Send("WIFI GOT IP\r\n");
            Say("joined " + ssid);
            return 0;
        }

        private bool StoredNetworkInReach() =>
            _stationWanted && _accessPointUp && _flash.WifiMode != 2
            && _flash.WifiSsid == _options.AccessPointSsid && _flash.WifiPassword == _options.AccessPointPassword;

        // At boot only: ESP-AT joins the stored network by itself if it is there then. After WIFI DISCONNECT it does
        // not rejoin, even when the access point comes back (NOTES.md): AT+CWJAP or a reboot brings it back.
        private async Task JoinStoredNetworkAsync(CancellationToken token)
        {
            try
            {
                if (StoredNetworkInReach() && !_wifiAssociated)
                {
                    await JoinAsync(_flash.WifiSsid, _flash.WifiPassword, 0, token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void LeaveNetwork(string why)
        {
            bool was = _wifiAssociated;
            _wifiAssociated = false;
            _wifiGotIp = false;
            if (!was)
            {
                return;
            }
            Say("WiFi lost: " + why);
            Send("WIFI DISCONNECT\r\n");
            DropMqttLink();
        }

        /// <summary>
        /// The access point appears or goes away (a fault); back after <paramref name="backAfter"/> when given. Its
        /// return is not joined by itself: as the real module, the station stays off until AT+CWJAP or a reboot.
        /// </summary>
        internal void SetAccessPoint(bool up, TimeSpan? backAfter)
        {
            CancellationTokenSource previous;
            CancellationToken back = default;
            lock (_sync)
            {
                previous = _accessPointReturn;
                _accessPointReturn = null;
                _accessPointUp = up;
                if (!up)
                {
                    LeaveNetwork("access point gone");
                }
                if (!up && backAfter.HasValue)
                {
                    // The access point is the world's, not the module's: a reboot does not cancel its return.
                    _accessPointReturn = new CancellationTokenSource();
                    back = _accessPointReturn.Token;
                }
            }
            previous?.Cancel();
            if (!up && backAfter.HasValue)
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await Task.Delay(backAfter.Value, back);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    SetAccessPoint(true, null);
                });
            }
        }
    }
}
