using System.Net;
using System.Security.Cryptography;
using MQTTnet;
using MQTTnet.Protocol;

namespace TcAtMcu.Simulator
{
    // The command set (spec chapters 2 to 6, NOTES.md), one method per command. Called under _sync on the reader.
    public sealed partial class ModuleSimulator
    {
        private void Run(AtLine at)
        {
            switch (at.Name)
            {
                case "": Send("OK\r\n"); return;
                case "E0": _echo = false; Send("OK\r\n"); return;
                case "E1": _echo = true; Send("OK\r\n"); return;
                case "TCDEVINFOSET": if (V2) DevInfoSetV2(at); else DevInfoSet(at); return;
                case "TCPRDINFOSET": if (V2) PrdInfoSetV2(at); else PrdInfoSet(at); return;
                case "TCDEVREG": DevReg(at); return;
                case "TCMODULE": Lines("Module HW name: " + _flash.ModuleName, "Module FW version: " + (V2 ? "QCloud_AT_ESP8266_v2.1.1_SIM" : "QCloud_AT_v1.0.0_ESP_WiFi_SIM"),
                    "Module Mac addr: " + StationMac, "Module FW compiled time: Nov 24 2026 00:00:00",
                    "Module Flash size: " + _flash.FlashSizeMb + "MB"); return;
                case "TCRESTORE": Restore(at); return;
                case "TCMQTTCONN": MqttConn(at); return;
                case "TCMQTTDISCONN": MqttDisconn(at); return;
                case "TCMQTTPUB": MqttPub(at); return;
                case "TCMQTTPUBL": MqttPubLong(at); return;
                case "TCMQTTPUBRAW":
                    if (V2 || _options.RawPublish)
                    {
                        MqttPubLong(at);
                    }
                    else
                    {
                        UnknownCommand();
                    }
                    return;
                case "TCMQTTSUB": MqttSub(at); return;
                case "TCMQTTUNSUB": MqttUnsub(at); return;
                case "TCMQTTSTATE":
                    if (at.Kind == AtLine.Form.Read) Lines("+TCMQTTSTATE:" + (_connected ? 1 : 0));
                    else Lines();
                    return;
                case "TCOTASET": OtaSet(at); return;
                case "TCFWINFO": FwInfo(at); return;
                case "TCREADFWDATA": ReadFwData(at); return;
                case "TCSTARTSMART": StartProvisioning(at, "TCSTARTSMART", "AT+TCSTARTSMART: CMD FOR START SMARTCONFIG"); return;
                case "TCSAP": if (V2) SoftApV2(at); else StartProvisioning(at, "TCSAP", "+TCSAP=<ssid>,<pwd>"); return;
                case "TCSTOPSMART": StopProvisioning(at, "AT+TCSTOPSMART: CMD TO STOP SMARTCONFIG"); return;
                case "TCSTOPSAP": StopProvisioning(at, "AT+TCSTOPSAP: CMD TO STOP SOFTAP"); return;
                case "TCMODINFOSET": if (V2) ModInfoSetV2(at); else ModInfoSet(at); return;
                case "TCMQTTSRV": if (V2) MqttSrvV2(at); else MqttSrv(at); return;
                case "TCVER": Version(); return;
                case "TCGWBIND" when V2: GwBind(at); return;
                case "TCGWONLINE" when V2: GwOnline(at); return;
                default:
                    if (!RunBase(at) && !RunPower(at))
                    {
                        UnknownCommand();
                    }
                    return;
            }
        }

        private void Lines(params string[] lines)
        {
            foreach (string line in lines)
            {
                Send(line + "\r\n");
            }
            Send("OK\r\n");
        }

        private void Cme(int code) => Send("+CME ERROR:" + code + "\r\n");

        private void UnknownCommand() => Send("ERR CODE:0x01090000\r\nERROR\r\n");

        private bool StateRefuses(bool needsConnection, bool needsNoConnection, bool notDuringOta)
        {
            // "Connected" for the commands that need no connection means the MQTT task runs: reconnecting counts.
            // The real firmware checks the connection (208) before a running download (200).
            bool wrongState = (needsConnection && !_connected) || (needsNoConnection && (_connected || _reconnecting != null));
            bool downloading = notDuringOta && _otaDownloading;
            if (wrongState || downloading)
            {
                Cme(wrongState ? 208 : 200);
            }
            return wrongState || downloading;
        }

        private static bool Text(AtLine at, int index, int max, out string value) =>
            at.Str(index, out value) && value.Length >= 1 && value.Length <= max;

        /// <summary>A topic argument: its wire bytes (kept 1:1 as Latin-1 chars) read as the UTF-8 they are.</summary>
        private static bool Topic(AtLine at, int index, out string topic)
        {
            topic = null;
            if (!Text(at, index, 128, out string raw))
            {
                return false;
            }
            topic = System.Text.Encoding.UTF8.GetString(Wire.GetBytes(raw));
            return true;
        }

        private void DevInfoSet(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCDEVINFO:\"TLSMODE (1)\",\"PRODUCTID\",\"DEVICENAME\",\"DEVICE_SECRET_BCC\""); return;
                case AtLine.Form.Read:
                    Lines("+TCDEVINFOSET:1,\"" + _flash.ProductId + "\",\"" + _flash.DeviceName + "\"," + Bcc(_flash.DeviceSecret) + ",\"ap-guangzhou\"");
                    return;
                case AtLine.Form.Set:
                    if (!at.Int(0, out int tls) || tls != 1 || !Text(at, 1, 10, out string pid) || !Text(at, 2, 48, out string dn)
                        || !Text(at, 3, 44, out string secret) || at.Args.Count != 4)
                    {
                        Cme(204);
                        return;
                    }
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    _flash.ProductId = pid;
                    _flash.DeviceName = dn;
                    _flash.DeviceSecret = secret;
                    _flash.Save(_options.FlashFile);
                    Say("device info set for " + pid + "/" + dn);
                    Send("OK\r\n+TCDEVINFOSET:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void PrdInfoSet(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCPRDINFOSET:\"TLS_MODE(0/1/2)\",\"PRODUCT_ID\",\"PRODUCT_SECRET_BCC\",\"DEVICE_NAME\""); return;
                case AtLine.Form.Read:
                    Lines("+TCPRDINFOSET:1,\"" + _flash.ProductId + "\"," + Bcc(_flash.ProductSecret) + ",\"" + _flash.DeviceName + "\"");
                    return;
                case AtLine.Form.Set:
                    if (!at.Int(0, out int tls) || tls != 1 || !Text(at, 1, 10, out string pid) || !Text(at, 2, 32, out string secret)
                        || !Text(at, 3, 48, out string dn) || at.Args.Count != 4)
                    {
                        Cme(204);
                        return;
                    }
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    _flash.ProductId = pid;
                    _flash.ProductSecret = secret;
                    _flash.DeviceName = dn;
                    _flash.Save(_options.FlashFile);
                    Send("OK\r\n+TCPRDINFOSET:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void DevReg(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines();
                return;
            }
            if (at.Kind != AtLine.Form.Execute || StateRefuses(false, true, true))
            {
                if (at.Kind != AtLine.Form.Execute) Send("ERROR\r\n");
                return;
            }
            RunBusy(async token =>
            {
                await Task.Delay(_options.RegistrationDelayMs, token);
                if (string.IsNullOrEmpty(_flash.ProductSecret) || string.IsNullOrEmpty(_flash.DeviceName))
                {
                    return "+TCDEVREG:FAIL,1006";
                }
                lock (_sync)
                {
                    _flash.DeviceSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
                    _flash.Save(_options.FlashFile);
                }
                return "+TCDEVREG:OK";
            });
        }

        private void Restore(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines();
                return;
            }
            if (StateRefuses(false, true, true))
            {
                return;
            }
            _flash.ProductId = null;
            _flash.DeviceName = null;
            _flash.DeviceSecret = null;
            _flash.ProductSecret = null;
            _flash.Firmware = null;
            _flash.FirmwareVersion = null;
            _flash.Save(_options.FlashFile);
            Send("OK\r\n");
            Reboot();
        }

        private void MqttConn(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test:
                    Lines("+TCMQTTCONN:<TLSMODE_SELECTED>,<CMDTIMEOUT_VALUE>,<KEEPALIVE>(max 690s),<CLEAN_SESSION>(0/1),<RECONNECT>(0/1)");
                    return;
                case AtLine.Form.Read:
                    Lines("+TCMQTTCONN:1," + _commandTimeoutMs + "," + _keepAliveS + "," + (_cleanSession ? 1 : 0) + "," + (_autoReconnect ? 1 : 0));
                    return;
                case AtLine.Form.Set:
                    // The real firmware takes cmdtimeout up to 20000 (NOTES.md); the spec says 10000.
                    if (at.Args.Count != 5 || !at.Int(0, out int tls) || tls != 1 || !at.Int(1, out int timeout) || timeout < 1000 || timeout > 20000
                        || !at.Int(2, out int keepAlive) || keepAlive < 60 || keepAlive > 690 || !at.Int(3, out int clean) || clean > 1 || clean < 0
                        || !at.Int(4, out int reconnect) || reconnect < 0 || reconnect > 1)
                    {
                        Cme(204);
                        return;
                    }
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    if (string.IsNullOrEmpty(_flash.DeviceSecret))
                    {
                        Cme(208);
                        return;
                    }
                    _commandTimeoutMs = timeout;
                    _keepAliveS = keepAlive;
                    _cleanSession = clean == 1;
                    _autoReconnect = reconnect == 1;
                    _subscriptions.Clear();
                    RunBusy(async token => "+TCMQTTCONN:" + await ConnectAsync(token));
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void MqttDisconn(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines();
                return;
            }
            // Also stops the module's own reconnection.
            if (_reconnecting == null && StateRefuses(true, false, true))
            {
                return;
            }
            _ = CloseMqttAsync();
            _subscriptions.Clear();
            Send("+TCMQTTDISCON,2\r\nOK\r\n");
        }

        private void MqttPub(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines("+TCMQTTPUB:\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\",\"PAYLOAD\"");
                return;
            }
            // The real firmware checks the state first, then the argument count (ERROR), then the arguments (204).
            // A download in progress does not stop a short publish there.
            if (StateRefuses(true, false, false))
            {
                return;
            }
            if (at.Args.Count != 3)
            {
                Send("ERROR\r\n");
                return;
            }
            if (!Topic(at, 0, out string topic) || !at.Int(1, out int qos) || qos < 0 || qos > 1
                || !at.Str(2, out string payload) || payload.Length == 0)
            {
                Cme(204);
                return;
            }
            RunBusy(async token => "+TCMQTTPUB:" + await PublishAsync(topic, qos, Wire.GetBytes(payload), token));
        }

        private void MqttPubLong(AtLine at)
        {
            string name = at.Name;
            if (at.Kind == AtLine.Form.Test)
            {
                Lines("+" + name + ":\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\",\"LEN(1-2048)\"");
                return;
            }
            if (StateRefuses(true, false, true))
            {
                return;
            }
            if (at.Args.Count != 3)
            {
                Send("ERROR\r\n");
                return;
            }
            if (!Topic(at, 0, out string topic) || !at.Int(1, out int qos) || qos < 0 || qos > 1
                || !at.Int(2, out int length) || length < 1 || length > 2048)
            {
                Cme(204);
                return;
            }
            _payloadCommand = name;
            _payloadTopic = topic;
            _payloadQos = qos;
            _payloadLength = length;
            _payload = new MemoryStream();
            _payloadDeadline = Environment.TickCount64 + _options.PayloadTimeoutMs;
            Send("OK\r\n>\r\n");
        }

        private void MqttSub(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCMQTTSUB:\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\""); return;
                case AtLine.Form.Read: Lines(_subscriptions.Select(s => "+TCMQTTSUB:\"" + Wire.GetString(System.Text.Encoding.UTF8.GetBytes(s.Topic)) + "\"," + s.Qos).ToArray()); return;
                case AtLine.Form.Set:
                    // As the real firmware: state, then the argument count (ERROR), then the arguments (204).
                    if (StateRefuses(true, false, true))
                    {
                        return;
                    }
                    if (at.Args.Count != 2)
                    {
                        Send("ERROR\r\n");
                        return;
                    }
                    if (!Topic(at, 0, out string topic) || !at.Int(1, out int qos) || qos < 0 || qos > 1)
                    {
                        Cme(204);
                        return;
                    }
                    bool known = _subscriptions.Any(s => s.Topic == topic);
                    if (!known && _subscriptions.Count >= 10)
                    {
                        Send("OK\r\n+TCMQTTSUB:FAIL,-107\r\n");
                        return;
                    }
                    if (Faults.SubscribeDenied(topic))
                    {
                        // The broker's SUBACK refuses it (NOTES.md "Cloud permissions").
                        Say("subscription denied: " + topic);
                        Send("OK\r\n+TCMQTTSUB:FAIL,-108\r\n");
                        return;
                    }
                    RunBusy(async token =>
                    {
                        using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                        timeout.CancelAfter(_commandTimeoutMs);
                        try
                        {
                            await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, (MqttQualityOfServiceLevel)qos).Build(), timeout.Token);
                        }
                        catch (Exception) when (!token.IsCancellationRequested)
                        {
                            return "+TCMQTTSUB:FAIL,202";
                        }
                        lock (_sync)
                        {
                            _subscriptions.RemoveAll(s => s.Topic == topic);
                            _subscriptions.Add((topic, qos));
                        }
                        return "+TCMQTTSUB:OK";
                    });
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void MqttUnsub(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCMQTTUNSUB:\"TOPIC_NAME\""); return;
                case AtLine.Form.Read: Lines(); return;
                case AtLine.Form.Set:
                    if (StateRefuses(true, false, true))
                    {
                        return;
                    }
                    if (at.Args.Count != 1 || !Topic(at, 0, out string topic))
                    {
                        Cme(204);
                        return;
                    }
                    if (!_subscriptions.Any(s => s.Topic == topic))
                    {
                        Send("OK\r\n+TCMQTTUNSUB:FAIL,-121\r\n");
                        return;
                    }
                    RunBusy(async token =>
                    {
                        await _mqtt.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(topic).Build(), token);
                        lock (_sync)
                        {
                            _subscriptions.RemoveAll(s => s.Topic == topic);
                        }
                        return "+TCMQTTUNSUB:OK";
                    });
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void OtaSet(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCOTASET:1(ENABLE)/0(DISABLE),\"FW_version\""); return;
                case AtLine.Form.Read: Lines("+TCOTASET:" + (_otaEnabled ? 1 : 0) + ",\"" + _otaVersion + "\""); return;
                case AtLine.Form.Set:
                    if (at.Args.Count != 2 || !at.Int(0, out int enable) || enable < 0 || enable > 1 || !Text(at, 1, 32, out string version))
                    {
                        Cme(204);
                        return;
                    }
                    // Enabling needs the MQTT connection (208) and no download running (200); disabling always goes.
                    if (enable == 1 && StateRefuses(true, false, true))
                    {
                        return;
                    }
                    _otaEnabled = enable == 1;
                    _otaVersion = version;
                    RunBusy(async token => "+TCOTASET:" + await ReportVersionAsync(token));
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void FwInfo(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines("+TCFWINFO:\"FW_VERSION\",\"FW_SIZE\",\"FW_MD5\",\"FW_MAX_SIZE_OF_MODULE\"");
                return;
            }
            if (at.Kind != AtLine.Form.Read)
            {
                Send("ERROR\r\n");
                return;
            }
            if (_otaDownloading || _flash.Firmware == null)
            {
                Cme(208);
                return;
            }
            _readOffset = 0;
            Send("OK\r\n+TCFWINFO:\"" + _flash.FirmwareVersion + "\"," + _flash.Firmware.Length + ",\"" + Md5Hex(_flash.Firmware) + "\"," + _flash.FirmwareMaxSize + "\r\n");
        }

        private void ReadFwData(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines("+TCREADFWDATA:\"LEN_FOR_READ\"");
                return;
            }
            if (at.Kind != AtLine.Form.Set || !at.Int(0, out int length) || length < 1 || length > 4096)
            {
                Cme(204);
                return;
            }
            if (_otaDownloading || _flash.Firmware == null || _readOffset >= _flash.Firmware.Length)
            {
                Cme(208);
                return;
            }
            int n = Math.Min(length, _flash.Firmware.Length - _readOffset);
            byte[] data = new byte[n];
            Array.Copy(_flash.Firmware, _readOffset, data, 0, n);
            _readOffset += n;
            byte[] body = _options.HexFirmwareData ? Wire.GetBytes(Convert.ToHexString(data)) : data;
            byte[] head = Wire.GetBytes("OK\r\n+TCREADFWDATA:" + n + ",");
            if (Faults.RebootAfterFirmwareBytes >= 0)
            {
                int cut = Math.Min(Faults.RebootAfterFirmwareBytes, body.Length);
                Faults.RebootAfterFirmwareBytes = -1;
                Say("rebooting in the middle of a firmware read (fault)");
                Send(head.Concat(body.Take(cut)).ToArray());
                Reboot();
                return;
            }
            Send(head.Concat(body).Concat(Wire.GetBytes("\r\n")).ToArray());
        }

        private void StartProvisioning(AtLine at, string name, string testLine)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines(testLine);
                return;
            }
            if (at.Kind == AtLine.Form.Read)
            {
                Lines();
                return;
            }
            if (name == "TCSAP" && (at.Kind != AtLine.Form.Set || at.Args.Count != 2 || !Text(at, 0, 32, out _)
                || !at.Str(1, out string pwd) || pwd.Length > 32))
            {
                Cme(204);
                return;
            }
            if (StateRefuses(false, true, true))
            {
                return;
            }
            StartProvisioningTask(name);
        }

        private void StartProvisioningTask(string name)
        {
            Send("OK\r\n+" + name + ":OK\r\n");
            CancellationToken token = _background.Token;
            _ = Task.Run(async () =>
            {
                await Task.Delay(_options.ProvisioningDelayMs, token);
                Send(_options.ProvisioningFails ? "+" + name + ":WIFI_CONNECT_FAILED,10,3\r\n" : "+" + name + ":WIFI_CONNECT_SUCCESS\r\n");
            }, token);
        }

        private void StopProvisioning(AtLine at, string testLine)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines(testLine);
                return;
            }
            if (!StateRefuses(false, true, true))
            {
                Send("OK\r\n");
            }
        }

        private void ModInfoSet(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test:
                    Lines("+TCMODINFOSET:\"MODULE NAME\",\"FLASH_SIZE (2/4)\",\"WIFI_LED GPIO\",\"FW INFO ADDR\",\"FW BASE ADDR\",\"FW MAX SIZE\",\"FIXED CONNID\"");
                    return;
                case AtLine.Form.Read:
                    Lines("+TCMODINFOSET:\"" + _flash.ModuleName + "\"," + _flash.FlashSizeMb + "," + _flash.WifiLedGpio + "," + _flash.FirmwareInfoAddress
                        + "," + _flash.FirmwareBaseAddress + "," + _flash.FirmwareMaxSize + "," + _flash.FixedConnectionId);
                    return;
                case AtLine.Form.Set:
                    if (at.Args.Count != 7 || !Text(at, 0, 30, out string name) || !at.Int(1, out int flash) || (flash != 2 && flash != 4)
                        || !at.Int(2, out int led) || led < 0 || led > 16 || !at.Int(3, out int info) || !Aligned(info)
                        || !at.Int(4, out int baseAddress) || !Aligned(baseAddress) || !at.Int(5, out int max) || max < 1 || max > 716800
                        || !at.Int(6, out int conn))
                    {
                        Cme(204);
                        return;
                    }
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    _flash.ModuleName = name;
                    _flash.FlashSizeMb = flash;
                    _flash.WifiLedGpio = led;
                    _flash.FirmwareInfoAddress = info;
                    _flash.FirmwareBaseAddress = baseAddress;
                    _flash.FirmwareMaxSize = max;
                    _flash.FixedConnectionId = conn;
                    _flash.Save(_options.FlashFile);
                    Send("OK\r\n+TCMODINFOSET:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private static bool Aligned(int address) => address >= 0x111000 && address % 0x1000 == 0;

        private void MqttSrv(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCMQTTSRV:\"MQTT SERVER IP\""); return;
                case AtLine.Form.Read: Lines("+TCMQTTSRV:" + (_server ?? "NULL")); return;
                case AtLine.Form.Set:
                    if (at.Args.Count != 1 || at.Quoted[0])
                    {
                        Cme(204);
                        return;
                    }
                    if (StateRefuses(false, true, false))
                    {
                        return;
                    }
                    if (!IPAddress.TryParse(at.Args[0], out IPAddress ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                    {
                        Send("OK\r\n+TCMQTTSRV:FAIL\r\n");
                        return;
                    }
                    _server = at.Args[0];
                    Send("OK\r\n+TCMQTTSRV:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        // AT+TCOTASET=1: subscribe the OTA topic and report the version, as the real module does.
        private async Task<string> ReportVersionAsync(CancellationToken token)
        {
            if (!_otaEnabled)
            {
                return "OK";
            }
            if (!_connected)
            {
                return "FAIL,-103";
            }
            string suffix = _flash.ProductId + "/" + _flash.DeviceName;
            await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("$ota/update/" + suffix, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
            string report = "{\"type\":\"report_version\",\"report\":{\"version\":\"" + _otaVersion + "\"}}";
            return await PublishAsync("$ota/report/" + suffix, 1, Wire.GetBytes(report), token);
        }
    }
}
