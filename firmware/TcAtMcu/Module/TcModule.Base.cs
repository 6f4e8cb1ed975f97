using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    // The ESP-AT base commands the module keeps (spec 1.3, NOTES.md): restart, versions, WiFi station.
    public sealed partial class TcModule
    {
        /// <summary>AT+CWJAP: the module tries to join for up to about 15 s before FAIL.</summary>
        public int WifiJoinTimeoutMs { get; set; } = 20000;

        /// <summary>AT+CWMODE: 1 station, 2 soft AP, 3 both.</summary>
        public const int StationMode = 1;

        private static readonly byte[] AtCoreLabel = Ascii.Bytes("AT version:");
        private static readonly byte[] EspSdkLabel = Ascii.Bytes("SDK version:");
        private static readonly byte[] CoreCompileLabel = Ascii.Bytes("compile time:");
        private static readonly byte[] IpLabel = Ascii.Bytes("+CIPSTA:ip:");
        private static readonly byte[] GatewayLabel = Ascii.Bytes("+CIPSTA:gateway:");
        private static readonly byte[] NetmaskLabel = Ascii.Bytes("+CIPSTA:netmask:");

        /// <summary>
        /// AT+RST : OK, then the module reboots (boot noise, then "ready", echo on again, MQTT and RAM settings
        /// gone). The reset of a board without a reset line. What the module held is forgotten on OK.
        /// </summary>
        public AtResult Restart()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.Restart);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    ForgetModuleState();
                }
                return result;
            }
        }

        /// <summary>AT+GMR : the ESP-AT core's version lines, into the AT+GMR fields of 'into'.</summary>
        public AtResult ReadBaseVersion(ModuleInfo into)
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.BaseVersion);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    into.AtCoreVersion = LabelledValue(AtCoreLabel);
                    into.EspSdkVersion = LabelledValue(EspSdkLabel);
                    into.AtCoreCompileTime = LabelledValue(CoreCompileLabel);
                    into.BuildVersion = BuildVersionLine();
                }
                return result;
            }
        }

        /// <summary>AT+CWMODE=&lt;1..3&gt; : station, soft AP or both (the module stores it in flash).</summary>
        public AtResult SetWifiMode(int mode)
        {
            Check.Range("mode", mode, 1, 3);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.WifiMode).Number(mode);
                return Run(NotDuringOta, AtReply.Ok, LocalTimeoutMs);
            }
        }

        /// <summary>AT+CWMODE? : +CWMODE:&lt;mode&gt;</summary>
        public AtResult ReadWifiMode(out int mode)
        {
            mode = 0;
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.WifiMode, AtReply.Ok);
                return !result.IsOk || _fields.Int(out mode) ? result : Malformed();
            }
        }

        /// <summary>
        /// AT+CWJAP="ssid","password" : joins the access point (WIFI CONNECTED, WIFI GOT IP, OK). A failure is
        /// Failed with the module's reason: 1 timeout, 2 wrong password, 3 no AP found, 4 connection failed.
        /// SSID 1 to 32 bytes, password empty (open network) or 8 to 64 bytes (WPA).
        /// </summary>
        public AtResult JoinAccessPoint(string ssid, string password)
        {
            Check.Text("ssid", ssid, 1, TcLimits.SsidMax);
            if (password == null)
            {
                throw new System.ArgumentNullException("password");
            }
            if (password.Length > 0)
            {
                Check.Text("password", password, TcLimits.WifiPasswordMin, TcLimits.WifiPasswordMax);
            }
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.JoinAp).Quoted(ssid).Quoted(password);
                AtResult result = Run(NotDuringOta, AtReply.Ok, WifiJoinTimeoutMs);
                int reason;
                if (result.IsOk)
                {
                    _state.WifiConnected = true;
                }
                else if (result.Status == AtStatus.Error && ReadLine(AtCommands.JoinAp, 0) >= 0 && _fields.Int(out reason))
                {
                    // "+CWJAP:<reason>" then "FAIL"
                    _state.WifiConnected = false;
                    return _engine.Conclude(AtStatus.Failed, reason);
                }
                return result;
            }
        }

        /// <summary>AT+CWJAP? : +CWJAP:"ssid","bssid",channel,rssi, or "No AP"; updates State.WifiConnected.</summary>
        public AtResult ReadAccessPoint(WifiInfo into)
        {
            lock (_engine.Gate)
            {
                Writer.Read(AtCommands.JoinAp);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (!result.IsOk)
                {
                    return result;
                }
                into.Connected = ReadLine(AtCommands.JoinAp, 0) >= 0;
                _state.WifiConnected = into.Connected;
                if (!into.Connected)
                {
                    into.Ssid = null;
                    into.Bssid = null;
                    return result;
                }
                int channel;
                int rssi;
                into.Ssid = _fields.String();
                into.Bssid = _fields.String();
                into.Channel = _fields.Int(out channel) ? channel : 0;
                into.Rssi = _fields.Int(out rssi) ? rssi : 0;
                return into.Ssid != null ? result : Malformed();
            }
        }

        /// <summary>AT+CWQAP : leaves the access point (the module reports WIFI DISCONNECT).</summary>
        public AtResult LeaveAccessPoint()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.QuitAp);
                AtResult result = Run(NotDuringOta, AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    _state.WifiConnected = false;
                }
                return result;
            }
        }

        /// <summary>AT+CIPSTA? : +CIPSTA:ip:"a.b.c.d", gateway and netmask lines.</summary>
        public AtResult ReadStationAddress(StationAddress into)
        {
            lock (_engine.Gate)
            {
                Writer.Read(AtCommands.StationAddress);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    into.Ip = LabelledValue(IpLabel);
                    into.Gateway = LabelledValue(GatewayLabel);
                    into.Netmask = LabelledValue(NetmaskLabel);
                }
                return result;
            }
        }

        // AT+GMR: the text after the ':' of the first line that is not the core's three (Espressif's
        // "Bin version(...):", a Tencent build's own version line); null if none.
        private string BuildVersionLine()
        {
            AtResponse response = _engine.Response;
            for (int line = 0; line < response.Count; line++)
            {
                int offset = response.Offset(line);
                int length = response.Length(line);
                byte[] buffer = response.Buffer;
                if (Ascii.StartsWith(buffer, offset, length, AtCoreLabel) || Ascii.StartsWith(buffer, offset, length, EspSdkLabel)
                    || Ascii.StartsWith(buffer, offset, length, CoreCompileLabel))
                {
                    continue;
                }
                int colon = Ascii.IndexOf(buffer, offset, length, Ascii.Colon);
                if (colon >= 0)
                {
                    return Utf8.Decode(buffer, colon + 1, offset + length - colon - 1);
                }
            }
            return null;
        }
    }
}
