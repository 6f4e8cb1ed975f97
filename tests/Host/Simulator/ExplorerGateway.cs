using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// IoT Explorer's side of a gateway: the sub-devices created in the console (product, name, secret), which of them
    /// this gateway has bound and which are online. It answers the module's operations on
    /// $gateway/operation/&lt;pid&gt;/&lt;dn&gt; on $gateway/operation/result/&lt;pid&gt;/&lt;dn&gt;, as the explorer SDK expects:
    /// bind (signature checked: 803; unknown device 802; bound to another gateway 806; bound here already 809),
    /// unbind (0 even when not bound), online (-1 when not bound), offline. Each sub-device's data template is an
    /// <see cref="ExplorerCloud"/> of its own, which hears the sub-device only while it is online.
    /// </summary>
    public sealed class ExplorerGateway : IAsyncDisposable
    {
        private readonly string _tail;
        private readonly IMqttClient _client;
        private readonly ConcurrentDictionary<string, string> _secrets = new ConcurrentDictionary<string, string>();
        private readonly ConcurrentDictionary<string, bool> _bound = new ConcurrentDictionary<string, bool>();
        private readonly ConcurrentDictionary<string, bool> _boundElsewhere = new ConcurrentDictionary<string, bool>();
        private readonly ConcurrentDictionary<string, bool> _online = new ConcurrentDictionary<string, bool>();

        public ExplorerGateway(string productId, string deviceName)
        {
            _tail = productId + "/" + deviceName;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                OnOperation(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
        }

        /// <summary>What the cloud did: "bind P/D 0", "online P/D -1"...</summary>
        public event Action<string> Log;

        /// <summary>A sub-device went online (true) or offline (false): product/name.</summary>
        public event Action<string, bool> OnlineChanged;

        /// <summary>False: operations get no answer (the module times out).</summary>
        public bool Answering { get; set; } = true;

        public async Task StartAsync(string host, int port, CancellationToken cancel = default)
        {
            await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port)
                .WithClientId("iot-explorer-gateway-" + _tail.Replace('/', '-')).Build(), cancel);
            await _client.SubscribeAsync("$gateway/operation/" + _tail, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        /// <summary>A device created in the console under a product that may be bound to a gateway.</summary>
        public void AddSubDevice(string productId, string deviceName, string secret) => _secrets[Key(productId, deviceName)] = secret;

        /// <summary>The device is bound to another gateway: binding it here fails with 806.</summary>
        public void BindElsewhere(string productId, string deviceName) => _boundElsewhere[Key(productId, deviceName)] = true;

        /// <summary>Unbinds it from the console: offline at once, and an online fails with -1 until it is bound again.</summary>
        public void UnbindFromConsole(string productId, string deviceName)
        {
            string key = Key(productId, deviceName);
            _bound.TryRemove(key, out _);
            SetOnline(key, false);
        }

        /// <summary>The gateway went away (its MQTT session ended): its sub-devices are offline with it.</summary>
        public void GatewayLost()
        {
            foreach (string key in _online.Keys.ToArray())
            {
                SetOnline(key, false);
            }
        }

        public bool IsBound(string productId, string deviceName) => _bound.ContainsKey(Key(productId, deviceName));

        public bool IsOnline(string productId, string deviceName) => _online.TryGetValue(Key(productId, deviceName), out bool on) && on;

        private static string Key(string productId, string deviceName) => productId + "/" + deviceName;

        private void SetOnline(string key, bool online)
        {
            bool was = _online.TryGetValue(key, out bool on) && on;
            _online[key] = online;
            if (was != online)
            {
                OnlineChanged?.Invoke(key, online);
            }
        }

        private void OnOperation(byte[] payload)
        {
            string type;
            string productId;
            string deviceName;
            JsonObject device;
            try
            {
                JsonObject message = JsonNode.Parse(payload).AsObject();
                type = (string)message["type"];
                device = message["payload"]["devices"].AsArray()[0].AsObject();
                productId = (string)device["product_id"];
                deviceName = (string)device["device_name"];
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is InvalidOperationException || e is NullReferenceException
                || e is ArgumentOutOfRangeException || e is FormatException)
            {
                Log?.Invoke("gateway cloud: an operation it cannot read, ignored");
                return;
            }
            if (productId == null || deviceName == null)
            {
                return;
            }
            string key = Key(productId, deviceName);
            int result;
            switch (type)
            {
                case "bind":
                    result = Bind(key, productId, deviceName, device);
                    break;
                case "unbind":
                    _bound.TryRemove(key, out _);
                    SetOnline(key, false);
                    result = 0;
                    break;
                case "online":
                    result = _bound.ContainsKey(key) ? 0 : -1;
                    if (result == 0)
                    {
                        SetOnline(key, true);
                    }
                    break;
                case "offline":
                    SetOnline(key, false);
                    result = 0;
                    break;
                default:
                    Log?.Invoke("gateway cloud: operation " + type + " is not known");
                    return;
            }
            Log?.Invoke(type + " " + key + " " + result);
            if (!Answering)
            {
                return;
            }
            string answer = "{\"type\":\"" + type + "\",\"payload\":{\"devices\":[{\"product_id\":\"" + productId + "\",\"device_name\":\"" + deviceName
                + "\",\"result\":" + result + "}]}}";
            _ = _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$gateway/operation/result/" + _tail)
                .WithPayload(Encoding.UTF8.GetBytes(answer)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        private int Bind(string key, string productId, string deviceName, JsonObject device)
        {
            if (!_secrets.TryGetValue(key, out string secret))
            {
                return 802;
            }
            if (_boundElsewhere.ContainsKey(key))
            {
                return 806;
            }
            string signature = (string)device["signature"];
            long nonce = (long)device["random"];
            long timestamp = (long)device["timestamp"];
            if ((string)device["signmethod"] != "hmacsha1")
            {
                return 804;
            }
            if (signature != ModuleSimulator.BindSignature(productId, deviceName, secret, nonce, timestamp))
            {
                return 803;
            }
            return _bound.TryAdd(key, true) ? 0 : 809;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
            _client.Dispose();
        }
    }
}
