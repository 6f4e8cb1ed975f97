using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// IoT Explorer's side of the device services (Tencent's explorer C SDK, sdk_src/services; NOTES.md): the time on
    /// $sys/operation, the log level on $log/operation, device binding on $thing/up|down/service, and the device's
    /// diagnostics on its custom topic.
    /// </summary>
    public sealed partial class ExplorerCloud
    {
        private readonly ConcurrentQueue<JsonObject> _diagnostics = new ConcurrentQueue<JsonObject>();

        /// <summary>The cloud's clock, unix seconds (the host's, unless a test sets another).</summary>
        public Func<long> UnixSeconds { get; set; } = () => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        /// <summary>False: $sys/operation gets no answer (the device must retry, then give up until its period).</summary>
        public bool AnswerTime { get; set; } = true;

        /// <summary>The log level the console has set for the device (0 off to 4 debug).</summary>
        public int LogLevel { get; set; } = 3;

        /// <summary>Times the device asked for the time, the log level, an unbind.</summary>
        public int TimeRequests;
        public int LogLevelRequests;
        public int UnbindRequests;

        /// <summary>The device's diagnostics as they arrived.</summary>
        public JsonObject[] Diagnostics => _diagnostics.ToArray();

        /// <summary>The console unbinds the device from its user: unbind_device on $thing/down/service.</summary>
        public void Unbind() => SendTo("$thing/down/service" + _tail, new JsonObject { ["method"] = "unbind_device", ["clientToken"] = "unbind-" + Guid.NewGuid().ToString("N") });

        /// <summary>The console sets the log level: pushed on $log/operation/result.</summary>
        public void PushLogLevel(int level)
        {
            LogLevel = level;
            SendTo("$log/operation/result" + _tail, new JsonObject { ["type"] = "log_level_change", ["log_level"] = level });
        }

        /// <summary>The console asks for diagnostics now.</summary>
        public void AskDiagnostics() => SendTo(_tail.Substring(1) + "/diagnostics/get", new JsonObject { ["method"] = "get_diagnostics" });

        private async Task SubscribeServicesAsync()
        {
            foreach (string topic in new[] { "$sys/operation" + _tail, "$log/operation" + _tail, "$thing/up/service" + _tail, _tail.Substring(1) + "/diagnostics" })
            {
                await _client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            }
        }

        /// <summary>A message on a service topic: answered as the cloud does; true when it was one.</summary>
        private bool OnServiceMessage(string topic, string text)
        {
            bool sys = topic == "$sys/operation" + _tail;
            bool log = topic == "$log/operation" + _tail;
            bool service = topic == "$thing/up/service" + _tail;
            bool diagnostics = topic == _tail.Substring(1) + "/diagnostics";
            if (!sys && !log && !service && !diagnostics)
            {
                return false;
            }
            JsonObject message;
            try
            {
                message = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                message = null;
            }
            if (message == null)
            {
                Say("cloud: " + topic + ": not JSON, ignored");
                return true;
            }
            string Text(string key) => message[key] is JsonValue v && v.TryGetValue(out string s) ? s : null;
            if (sys)
            {
                System.Threading.Interlocked.Increment(ref TimeRequests);
                if (Text("type") == "get" && message["resource"] is JsonArray resource && resource.Count == 1 && (string)resource[0] == "time" && AnswerTime)
                {
                    long now = UnixSeconds();
                    SendTo("$sys/operation/result" + _tail, new JsonObject { ["type"] = "get", ["time"] = now, ["ntptime1"] = now * 1000, ["ntptime2"] = now * 1000 });
                }
            }
            else if (log)
            {
                System.Threading.Interlocked.Increment(ref LogLevelRequests);
                if (Text("type") == "get_log_level" && Text("clientToken") != null)
                {
                    SendTo("$log/operation/result" + _tail, new JsonObject { ["type"] = "get_log_level", ["clientToken"] = Text("clientToken"), ["log_level"] = LogLevel });
                }
            }
            else if (service)
            {
                string token = Text("clientToken");
                if (Text("method") == "unbind_device_request" && token != null)
                {
                    System.Threading.Interlocked.Increment(ref UnbindRequests);
                    bool mine = Text("productId") + "/" + Text("deviceName") == _tail.Substring(1);
                    SendTo("$thing/down/service" + _tail, new JsonObject
                    {
                        ["method"] = "unbind_device_reply", ["clientToken"] = token, ["code"] = mine ? 0 : InvalidParameter,
                        ["status"] = mine ? "success" : "productId or deviceName is not this device's",
                    });
                }
                else
                {
                    Say("cloud: " + Text("method") + " is not expected on $thing/up/service");
                }
            }
            else
            {
                _diagnostics.Enqueue(message);
            }
            return true;
        }

        private void SendTo(string topic, JsonObject message)
        {
            string payload = message.ToJsonString();
            _ = _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
    }
}
