using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace TcAtMcu.Simulator
{
    // Firmware 2.x (the V3.2.1 command set), where it differs from 1.x: the region, the host name of AT+TCMQTTSRV
    // (a quoted string, as 2.x reads every string), the open soft AP, six-field AT+TCMODINFOSET, the stricter
    // parameter checks, AT+TCVER's 2.x lines, and the gateway commands of chapter 7 (below). Where V3.2.1 is silent
    // this follows Tencent's AT firmware source (qcloud_at_cmd.c, qcloud_at_mqtt.c) and its explorer SDK's gateway.
    public sealed partial class ModuleSimulator
    {
        private bool V2 => _options.FirmwareGeneration >= 2;

        private void Version()
        {
            if (V2)
            {
                // The 2.x source prints two spaces after "AT"; its SDK is 3.2.x.
                Lines("Tencent Cloud IoT AT  version: QCloud_AT_ESP8266_v2.1.1_SIM", "Tencent Cloud IoT SDK version: 3.2.0",
                    "Firmware compile time: Nov 24 2026 00:00:00", "Tencent Technology Co. Ltd.", "");
            }
            else
            {
                Lines("Tencent Cloud IoT SDK version: 2.3.3", "Tencent Cloud IoT AT version: AT_v1.0.0_ESP_WiFi_SIM",
                    "Firmware compile time: Nov 24 2026 00:00:00", "Tencent Technology Co. Ltd.", "");
            }
        }

        private static bool Region(AtLine at, int index, out string region)
        {
            region = "ap-guangzhou";
            if (at.Args.Count <= index)
            {
                return true;
            }
            return Text(at, index, 24, out region);
        }

        private void DevInfoSetV2(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCDEVINFOSET:\"TLS_MODE(1)\",\"PRODUCT_ID\",\"DEVICE_NAME\",\"DEVICE_SECRET_BCC\",\"PRODUCT_REGION\""); return;
                case AtLine.Form.Read:
                    Lines("+TCDEVINFOSET:1,\"" + _flash.ProductId + "\",\"" + _flash.DeviceName + "\"," + Bcc(_flash.DeviceSecret) + ",\"" + _flash.Region + "\"");
                    return;
                case AtLine.Form.Set:
                    // 2.x: the state first (208, 200), then each parameter (204).
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    if (!at.Int(0, out int tls) || tls != 1 || !Text(at, 1, 10, out string pid) || !Text(at, 2, 48, out string dn)
                        || !Text(at, 3, 44, out string secret) || at.Args.Count > 5 || !Region(at, 4, out string region))
                    {
                        Cme(204);
                        return;
                    }
                    _flash.ProductId = pid;
                    _flash.DeviceName = dn;
                    _flash.DeviceSecret = secret;
                    _flash.Region = region;
                    _flash.Save(_options.FlashFile);
                    Say("device info set for " + pid + "/" + dn + " in " + region);
                    Send("OK\r\n+TCDEVINFOSET:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        private void PrdInfoSetV2(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCPRDINFOSET:\"TLS_MODE(1)\",\"PRODUCT_ID\",\"PRODUCT_SECRET_BCC\",\"DEVICE_NAME\",\"PRODUCT_REGION\""); return;
                case AtLine.Form.Read:
                    Lines("+TCPRDINFOSET:1,\"" + _flash.ProductId + "\"," + Bcc(_flash.ProductSecret) + ",\"" + _flash.DeviceName + "\",\"" + _flash.Region + "\"");
                    return;
                case AtLine.Form.Set:
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    if (!at.Int(0, out int tls) || tls != 1 || !Text(at, 1, 10, out string pid) || !Text(at, 2, 32, out string secret)
                        || !Text(at, 3, 48, out string dn) || at.Args.Count > 5 || !Region(at, 4, out string region))
                    {
                        Cme(204);
                        return;
                    }
                    _flash.ProductId = pid;
                    _flash.ProductSecret = secret;
                    _flash.DeviceName = dn;
                    _flash.Region = region;
                    _flash.Save(_options.FlashFile);
                    Send("OK\r\n+TCPRDINFOSET:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        // AT+TCSAP=<ssid>[,<pwd>,<ch>]: ssid 1 to 32, a password 8 to 32, a channel 0 to 13 (the 2.x source).
        private void SoftApV2(AtLine at)
        {
            if (at.Kind != AtLine.Form.Set)
            {
                StartProvisioning(at, "TCSAP", "+TCSAP=<ssid>[,<pwd>,<ch>]");
                return;
            }
            if (StateRefuses(false, true, true))
            {
                return;
            }
            bool valid = Text(at, 0, 32, out _) && at.Args.Count <= 3;
            if (valid && at.Args.Count >= 2)
            {
                valid = at.Str(1, out string pwd) && pwd.Length >= 8 && pwd.Length <= 32;
            }
            if (valid && at.Args.Count == 3)
            {
                valid = at.Int(2, out int channel) && channel >= 0 && channel <= 13;
            }
            if (!valid)
            {
                Cme(204);
                return;
            }
            Say(at.Args.Count == 1 ? "soft AP open (no password)" : "soft AP with a password");
            StartProvisioningTask("TCSAP");
        }

        private void ModInfoSetV2(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test:
                    Lines("+TCMODINFOSET:\"MODULE NAME\",\"FLASH_SIZE (2/4)\",\"WIFI LED GPIO\",\"FW BASE ADDR\",\"FW MAX SIZE\",\"RESERVED\"");
                    return;
                case AtLine.Form.Read:
                    Lines("+TCMODINFOSET:\"" + _flash.ModuleName + "\"," + _flash.FlashSizeMb + "," + _flash.WifiLedGpio + "," + _flash.FirmwareBaseAddress
                        + "," + _flash.FirmwareMaxSize + "," + _flash.FixedConnectionId);
                    return;
                case AtLine.Form.Set:
                    if (StateRefuses(false, true, true))
                    {
                        return;
                    }
                    if (at.Args.Count != 6)
                    {
                        Send("ERROR\r\n");
                        return;
                    }
                    if (!Text(at, 0, 30, out string name) || !at.Int(1, out int flash) || (flash != 2 && flash != 4)
                        || !at.Int(2, out int led) || led < 0 || led > 16 || !at.Int(3, out int baseAddress) || !Aligned(baseAddress)
                        || !at.Int(4, out int max) || (flash == 2 && max > 716800) || max < 1 || !at.Int(5, out int conn))
                    {
                        Cme(204);
                        return;
                    }
                    _flash.ModuleName = name;
                    _flash.FlashSizeMb = flash;
                    _flash.WifiLedGpio = led;
                    _flash.FirmwareBaseAddress = baseAddress;
                    _flash.FirmwareMaxSize = max;
                    _flash.FixedConnectionId = conn;
                    _flash.Save(_options.FlashFile);
                    Send("OK\r\n+TCMODINFOSET:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        // 2.x reads the host as a string parameter (quoted): an IP or a host name, kept in RAM.
        private void MqttSrvV2(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCMQTTSRV:\"MQTT SERVER IP\""); return;
                case AtLine.Form.Read: Lines("+TCMQTTSRV:" + (_server ?? "NULL")); return;
                case AtLine.Form.Set:
                    if (StateRefuses(false, true, false))
                    {
                        return;
                    }
                    if (at.Args.Count != 1 || !at.Quoted[0] || at.Args[0].Length == 0 || at.Args[0].Length > 63)
                    {
                        Cme(204);
                        return;
                    }
                    _server = at.Args[0];
                    Say("MQTT server set to " + _server);
                    Send("OK\r\n+TCMQTTSRV:OK\r\n");
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        // ---- Gateway (V3.2.1 chapter 7; the explorer SDK's gateway_api.c and gateway_common.c) ----

        private readonly List<(string ProductId, string DeviceName)> _gatewaySessions = new List<(string, string)>();
        private bool _gatewayConstructed;
        private TaskCompletionSource<int> _gatewayReply;
        private string _gatewayAwaitedType;
        private string _gatewayAwaitedClient;

        /// <summary>The sub-devices the module holds online (AT+TCGWONLINE?).</summary>
        public IReadOnlyList<(string ProductId, string DeviceName)> SubDevicesOnline
        {
            get { lock (_sync) return _gatewaySessions.ToArray(); }
        }

        private string GatewayTail => _flash.ProductId + "/" + _flash.DeviceName;

        // The gateway lives in the MQTT task: a disconnect, -106 or a reboot takes its sessions.
        private void ForgetGateway()
        {
            lock (_sync)
            {
                _gatewaySessions.Clear();
                _gatewayConstructed = false;
                _gatewayReply?.TrySetResult(int.MinValue);
            }
        }

        private bool GatewayArguments(AtLine at, out int mode, out string pid, out string dn)
        {
            mode = -1;
            pid = dn = null;
            if (!at.Int(0, out mode) || (mode != 0 && mode != 1) || !Text(at, 1, 10, out pid) || !Text(at, 2, 48, out dn))
            {
                Cme(204);
                return false;
            }
            return true;
        }

        private void GwBind(AtLine at)
        {
            if (at.Kind == AtLine.Form.Test)
            {
                Lines("+TCGWBIND:\"MODE\",\"PRODUCT_ID\",\"DEVICE_NAME\",\"DEVICE_SECRET\"");
                return;
            }
            if (at.Kind != AtLine.Form.Set)
            {
                Send("ERROR\r\n");
                return;
            }
            if (StateRefuses(true, false, false) || !GatewayArguments(at, out int mode, out string pid, out string dn))
            {
                return;
            }
            string secret = null;
            if ((mode == 0 && (!Text(at, 3, 44, out secret) || at.Args.Count != 4)) || (mode == 1 && at.Args.Count != 3))
            {
                Cme(204);
                return;
            }
            RunBusy(async token =>
            {
                string payload;
                if (mode == 0)
                {
                    int nonce = Random.Shared.Next(1, int.MaxValue);
                    long timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                    string signature = BindSignature(pid, dn, secret, nonce, timestamp);
                    payload = "{\"type\":\"bind\",\"payload\":{\"devices\":[{\"product_id\":\"" + pid + "\",\"device_name\":\"" + dn
                        + "\",\"signature\":\"" + signature + "\",\"random\":" + nonce + ",\"timestamp\":" + timestamp
                        + ",\"signmethod\":\"hmacsha1\",\"authtype\":\"psk\"}]}}";
                }
                else
                {
                    payload = "{\"type\":\"unbind\",\"payload\":{\"devices\":[{\"product_id\":\"" + pid + "\",\"device_name\":\"" + dn + "\"}]}}";
                }
                int result = await GatewayRequestAsync(mode == 0 ? "bind" : "unbind", pid, dn, payload, token);
                // The SDK negates the cloud's positive bind codes, then the module takes 809 (repeated bind) as success.
                if (result > 0)
                {
                    result = result == 809 ? 0 : -result;
                }
                if (result == 0 && mode == 1)
                {
                    lock (_sync)
                    {
                        _gatewaySessions.RemoveAll(s => s.ProductId == pid && s.DeviceName == dn);
                    }
                }
                return result == 0 ? "+TCGWBIND:OK" : "+TCGWBIND:FAIL," + result;
            });
        }

        private void GwOnline(AtLine at)
        {
            switch (at.Kind)
            {
                case AtLine.Form.Test: Lines("+TCGWONLINE:\"MODE\",\"PRODUCT_ID\",\"DEVICE_NAME\""); return;
                case AtLine.Form.Read:
                    // As the 2.x firmware prints it: product id and device name in one quoted field.
                    Lines(_gatewaySessions.Select(s => "+TCGWONLINE:\"" + s.ProductId + "," + s.DeviceName + "\"").ToArray());
                    return;
                case AtLine.Form.Set:
                    if (StateRefuses(true, false, false) || !GatewayArguments(at, out int mode, out string pid, out string dn))
                    {
                        return;
                    }
                    if (at.Args.Count != 3)
                    {
                        Cme(204);
                        return;
                    }
                    bool held = _gatewaySessions.Any(s => s.ProductId == pid && s.DeviceName == dn);
                    if (mode == 0 && held)
                    {
                        Send("OK\r\n+TCGWONLINE:FAIL,-224\r\n"); // the SDK: online already, nothing published
                        return;
                    }
                    if (mode == 1 && !held)
                    {
                        Send("OK\r\n+TCGWONLINE:FAIL,-222\r\n"); // no session
                        return;
                    }
                    RunBusy(async token =>
                    {
                        string type = mode == 0 ? "online" : "offline";
                        string payload = "{\"type\":\"" + type + "\",\"payload\":{\"devices\":[{\"product_id\":\"" + pid + "\",\"device_name\":\"" + dn + "\"}]}}";
                        int result = await GatewayRequestAsync(type, pid, dn, payload, token);
                        if (result == int.MinValue + 1)
                        {
                            result = -223; // no answer: session timeout
                        }
                        if (result == 0)
                        {
                            lock (_sync)
                            {
                                _gatewaySessions.RemoveAll(s => s.ProductId == pid && s.DeviceName == dn);
                                if (mode == 0)
                                {
                                    _gatewaySessions.Add((pid, dn));
                                }
                            }
                            Say("sub-device " + pid + "/" + dn + " " + type);
                        }
                        return result == 0 ? "+TCGWONLINE:OK" : "+TCGWONLINE:FAIL," + result;
                    });
                    return;
                default: Send("ERROR\r\n"); return;
            }
        }

        // Publishes one operation on $gateway/operation/<pid>/<dn> (QoS 0) and waits for its result; -2 (bind) when the
        // cloud does not answer in time, int.MinValue + 1 for online and offline (the caller names it).
        private async Task<int> GatewayRequestAsync(string type, string pid, string dn, string payload, CancellationToken token)
        {
            if (!_connected)
            {
                return -103;
            }
            if (!_gatewayConstructed)
            {
                await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter("$gateway/operation/result/" + GatewayTail, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
                _gatewayConstructed = true;
            }
            TaskCompletionSource<int> reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sync)
            {
                _gatewayReply = reply;
                _gatewayAwaitedType = type;
                _gatewayAwaitedClient = pid + "/" + dn;
            }
            await _mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$gateway/operation/" + GatewayTail)
                .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(), token);
            Task finished = await Task.WhenAny(reply.Task, Task.Delay(_options.GatewayTimeoutMs, token));
            lock (_sync)
            {
                _gatewayReply = null;
            }
            if (finished != reply.Task || reply.Task.Result == int.MinValue)
            {
                return type == "bind" || type == "unbind" ? -2 : int.MinValue + 1;
            }
            return reply.Task.Result;
        }

        // The module's client restores every handle it holds after its own reconnect: the gateway's result topic too.
        private async Task ResubscribeGatewayAsync(CancellationToken token)
        {
            if (_gatewayConstructed)
            {
                await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter("$gateway/operation/result/" + GatewayTail, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
            }
        }

        // $gateway/operation/result/<pid>/<dn>: {"type":..,"payload":{"devices":[{"product_id","device_name","result"}]}}.
        // The gateway's own handler takes it: it never reaches the UART.
        private bool TakeGatewayMessage(string topic, byte[] payload)
        {
            if (topic != "$gateway/operation/result/" + GatewayTail)
            {
                return false;
            }
            try
            {
                JsonObject message = JsonNode.Parse(payload).AsObject();
                string type = (string)message["type"];
                JsonObject device = message["payload"]["devices"].AsArray()[0].AsObject();
                string client = (string)device["product_id"] + "/" + (string)device["device_name"];
                int result = (int)device["result"];
                lock (_sync)
                {
                    if (_gatewayReply != null && type == _gatewayAwaitedType && client == _gatewayAwaitedClient)
                    {
                        _gatewayReply.TrySetResult(result);
                    }
                }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is InvalidOperationException || e is NullReferenceException
                || e is FormatException || e is ArgumentOutOfRangeException || e is IndexOutOfRangeException)
            {
                Say("gateway: an operation result it cannot read, ignored");
            }
            return true;
        }

        /// <summary>
        /// The explorer SDK's bind signature: HMAC-SHA1 keyed with the sub-device's secret over
        /// "&lt;pid&gt;&lt;dn&gt;;&lt;random&gt;;&lt;timestamp&gt;", as lowercase hex, then base64 of that hex text.
        /// </summary>
        public static string BindSignature(string pid, string dn, string secret, long nonce, long timestamp)
        {
            byte[] mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(pid + dn + ";" + nonce + ";" + timestamp));
            return Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac)));
        }
    }
}
