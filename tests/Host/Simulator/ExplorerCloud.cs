using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using TcAtMcu.TemplateGen;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// Plays Tencent IoT Explorer's data template service for one device, as an MQTT client on the broker the
    /// simulated module uses. It checks what the device sends against the product's template (the console's JSON
    /// export) and answers as the cloud does: report_reply, report_info_reply, get_status_reply with the last
    /// reported state and the desired state ("control") set while the device was away, clear_control_reply,
    /// event_reply; code 406 with a status text for unknown members, wrong types and values out of range. It
    /// sends controls and actions as the console does and hands back the device's replies.
    /// </summary>
    public sealed partial class ExplorerCloud : IAsyncDisposable
    {
        public const int InvalidParameter = 406;

        private readonly TemplateModel _template;
        private readonly string _tail;
        private readonly IMqttClient _client;
        private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _waiting = new ConcurrentDictionary<string, TaskCompletionSource<JsonObject>>();
        private readonly ConcurrentQueue<JsonObject> _fromDevice = new ConcurrentQueue<JsonObject>();
        private readonly object _sync = new object();
        private readonly JsonObject _reported = new JsonObject();
        private JsonObject _desired = new JsonObject();
        private int _tokens;

        public ExplorerCloud(string productId, string deviceName, string templateJson)
        {
            _template = TemplateModel.Parse(templateJson);
            _tail = "/" + productId + "/" + deviceName;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
        }

        /// <summary>A message from the device arrived (topic, payload).</summary>
        public event Action<string, string> Received;

        /// <summary>What the cloud makes of a message it cannot use, one line each.</summary>
        public event Action<string> Log;

        /// <summary>A sub-device's cloud hears it only while the gateway holds it online (<see cref="ExplorerGateway"/>); null: always.</summary>
        public Func<bool> Hears { get; set; }

        /// <summary>False: event_post gets no event_reply (the device must time out).</summary>
        public bool AnswerEvents { get; set; } = true;

        /// <summary>The device's last reported state, as the cloud keeps it.</summary>
        public JsonObject Reported
        {
            get { lock (_sync) return (JsonObject)_reported.DeepClone(); }
        }

        /// <summary>Every valid message the device sent, in order.</summary>
        public IReadOnlyCollection<JsonObject> FromDevice => _fromDevice.ToArray();

        public async Task StartAsync(string host, int port, CancellationToken cancel = default)
        {
            await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port)
                .WithClientId("iot-explorer" + _tail.Replace('/', '-')).Build(), cancel);
            foreach (string kind in new[] { "property", "event", "action" })
            {
                await _client.SubscribeAsync("$thing/up/" + kind + _tail, MqttQualityOfServiceLevel.AtLeastOnce);
            }
            await SubscribeServicesAsync();
        }

        /// <summary>The desired state the next get_status_reply carries in "control", until the device clears it.</summary>
        public void SetDesired(string parametersJson)
        {
            lock (_sync)
            {
                _desired = JsonNode.Parse(parametersJson).AsObject();
            }
        }

        /// <summary>Sends a control as the console does and waits for the device's control_reply.</summary>
        public Task<JsonObject> ControlAsync(string parametersJson, TimeSpan timeout)
        {
            string token = "clientToken-" + Interlocked.Increment(ref _tokens).ToString(CultureInfo.InvariantCulture);
            string payload = "{\"method\":\"control\",\"clientToken\":\"" + token + "\",\"params\":" + parametersJson + "}";
            return SendAndWaitAsync("$thing/down/property" + _tail, token, payload, timeout);
        }

        /// <summary>Calls an action and waits for the device's action_reply.</summary>
        public Task<JsonObject> ActionAsync(string actionId, string parametersJson, TimeSpan timeout)
        {
            string token = "action-" + Interlocked.Increment(ref _tokens).ToString(CultureInfo.InvariantCulture);
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            string payload = "{\"method\":\"action\",\"clientToken\":\"" + token + "\",\"actionId\":\"" + actionId
                + "\",\"timestamp\":" + now + ",\"params\":" + parametersJson + "}";
            return SendAndWaitAsync("$thing/down/action" + _tail, token, payload, timeout);
        }

        /// <summary>Any payload on a $thing/down topic ("property", "event" or "action"), as is.</summary>
        public Task SendRawAsync(string kind, byte[] payload) =>
            _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$thing/down/" + kind + _tail).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        /// <summary>Waits until the device sent a message the predicate accepts.</summary>
        public async Task<JsonObject> WaitFromDeviceAsync(Func<JsonObject, bool> match, TimeSpan timeout)
        {
            DateTime end = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < end)
            {
                JsonObject hit = _fromDevice.FirstOrDefault(match);
                if (hit != null)
                {
                    return hit;
                }
                await Task.Delay(20);
            }
            throw new TimeoutException("the device did not send it; it sent: " + string.Join(" | ", _fromDevice.Select(m => m.ToJsonString())));
        }

        private async Task<JsonObject> SendAndWaitAsync(string topic, string token, string payload, TimeSpan timeout)
        {
            TaskCompletionSource<JsonObject> reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[token] = reply;
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Task finished = await Task.WhenAny(reply.Task, Task.Delay(timeout));
            _waiting.TryRemove(token, out _);
            if (finished != reply.Task)
            {
                throw new TimeoutException("no reply to " + token);
            }
            return reply.Task.Result;
        }

        private void OnMessage(string topic, byte[] payload)
        {
            if (Hears != null && !Hears())
            {
                Say("cloud: " + topic + " from a sub-device that is not online, dropped");
                return;
            }
            string text = Encoding.UTF8.GetString(payload);
            Received?.Invoke(topic, text);
            if (OnServiceMessage(topic, text))
            {
                return;
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
            string method = message?["method"] is JsonValue m && m.TryGetValue(out string s) ? s : null;
            string token = message?["clientToken"] is JsonValue t && t.TryGetValue(out string ts) ? ts : null;
            if (message == null || method == null || token == null)
            {
                Say("cloud: not a data template message, ignored");
                return;
            }
            _fromDevice.Enqueue(message);
            string kind = topic.StartsWith("$thing/up/property/", StringComparison.Ordinal) ? "property"
                : topic.StartsWith("$thing/up/event/", StringComparison.Ordinal) ? "event" : "action";
            switch (kind + " " + method)
            {
                case "property report":
                    {
                        string error = CheckProperties(message["params"] as JsonObject);
                        if (error == null)
                        {
                            lock (_sync)
                            {
                                foreach (var member in (JsonObject)message["params"])
                                {
                                    _reported[member.Key] = member.Value?.DeepClone();
                                }
                            }
                        }
                        Reply("property", "report_reply", token, error);
                        break;
                    }
                case "property report_info":
                    Reply("property", "report_info_reply", token, message["params"] is JsonObject ? null : "params missing");
                    break;
                case "property get_status":
                    {
                        JsonObject data = new JsonObject();
                        lock (_sync)
                        {
                            data["reported"] = _reported.DeepClone();
                            if (_desired.Count > 0)
                            {
                                data["control"] = _desired.DeepClone();
                            }
                        }
                        Send("property", new JsonObject
                        {
                            ["method"] = "get_status_reply", ["clientToken"] = token, ["code"] = 0, ["status"] = "success", ["data"] = data,
                        });
                        break;
                    }
                case "property clear_control":
                    lock (_sync)
                    {
                        _desired = new JsonObject();
                    }
                    Reply("property", "clear_control_reply", token, null);
                    break;
                case "event event_post":
                    if (AnswerEvents)
                    {
                        JsonObject reply = ReplyObject("event_reply", token, CheckEvent(message));
                        reply["data"] = new JsonObject();
                        Send("event", reply);
                    }
                    break;
                case "event events_post":
                    if (AnswerEvents)
                    {
                        OnEventsPost(message, token);
                    }
                    break;
                case "property control_reply":
                case "action action_reply":
                    if (_waiting.TryGetValue(token, out TaskCompletionSource<JsonObject> waiter))
                    {
                        waiter.TrySetResult(message);
                    }
                    break;
                default:
                    Say($"cloud: method {method} is not expected on $thing/up/{kind}");
                    break;
            }
        }

        private string CheckProperties(JsonObject parameters)
        {
            if (parameters == null)
            {
                return "params missing";
            }
            foreach (var member in parameters)
            {
                ValueSpec spec = _template.Properties.FirstOrDefault(p => p.Id == member.Key);
                if (spec == null)
                {
                    return "Not find PropertySchema";
                }
                string error = CheckValue(spec, member.Value);
                if (error != null)
                {
                    return error;
                }
            }
            return null;
        }

        // One event of event_post, or one element of events_post's "events".
        private string CheckEvent(JsonObject message)
        {
            string id = message["eventId"] is JsonValue v && v.TryGetValue(out string s) ? s : null;
            EventSpec spec = _template.Events.FirstOrDefault(e => e.Id == id);
            if (spec == null)
            {
                return "Not find EventSchema";
            }
            if (message["params"] is not JsonObject parameters || parameters.Count != spec.Params.Count)
            {
                return "Param count not match";
            }
            foreach (var member in parameters)
            {
                ValueSpec param = spec.Params.FirstOrDefault(p => p.Id == member.Key);
                string error = param == null ? "Param count not match" : CheckValue(param, member.Value);
                if (error != null)
                {
                    return error;
                }
            }
            return null;
        }

        // The cloud's wording for a value that does not fit: "<id> value <v> out of range:[min,max]".
        private static string CheckValue(ValueSpec spec, JsonNode value)
        {
            JsonValue scalar = value as JsonValue;
            switch (spec.Kind)
            {
                case ValueKind.Bool:
                case ValueKind.Int:
                case ValueKind.Enum:
                case ValueKind.Timestamp:
                    if (scalar == null || scalar.GetValueKind() != JsonValueKind.Number || !long.TryParse(scalar.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
                    {
                        return $"{spec.Id} value {value?.ToJsonString() ?? "null"} is not an integer";
                    }
                    long min = spec.Kind == ValueKind.Bool ? 0 : spec.Kind == ValueKind.Timestamp ? 0 : spec.Min;
                    long max = spec.Kind == ValueKind.Bool ? 1 : spec.Kind == ValueKind.Timestamp ? long.MaxValue : spec.Max;
                    bool fits = spec.Kind == ValueKind.Enum ? spec.Choices.Any(c => c.Key == n) : n >= min && n <= max;
                    return fits ? null : $"{spec.Id} value {n} out of range:[{min},{max}]";
                case ValueKind.Float:
                    if (scalar == null || scalar.GetValueKind() != JsonValueKind.Number)
                    {
                        return $"{spec.Id} value {value?.ToJsonString() ?? "null"} is not a number";
                    }
                    double d = scalar.GetValue<double>();
                    return d >= spec.FloatMin && d <= spec.FloatMax ? null : $"{spec.Id} value {d.ToString(CultureInfo.InvariantCulture)} out of range:[{spec.FloatMin.ToString(CultureInfo.InvariantCulture)},{spec.FloatMax.ToString(CultureInfo.InvariantCulture)}]";
                case ValueKind.StringEnum:
                    if (scalar == null || scalar.GetValueKind() != JsonValueKind.String)
                    {
                        return $"{spec.Id} is not a string";
                    }
                    return spec.Keys.Contains(scalar.GetValue<string>()) ? null : $"{spec.Id} value {scalar.ToJsonString()} is not one of its keys";
                case ValueKind.String:
                    if (scalar == null || scalar.GetValueKind() != JsonValueKind.String)
                    {
                        return $"{spec.Id} is not a string";
                    }
                    return Encoding.UTF8.GetByteCount(scalar.GetValue<string>()) <= spec.MaxLength ? null : $"{spec.Id} is longer than {spec.MaxLength}";
                case ValueKind.Array:
                    return CheckArray(spec, value);
                default:
                    if (value is not JsonObject fields)
                    {
                        return $"{spec.Id} is not a struct";
                    }
                    foreach (var field in fields)
                    {
                        ValueSpec f = spec.Fields.FirstOrDefault(x => x.Id == field.Key);
                        string error = f == null ? $"{spec.Id}.{field.Key} is not a field" : CheckValue(f, field.Value);
                        if (error != null)
                        {
                            return error;
                        }
                    }
                    return null;
            }
        }

        private void Reply(string kind, string method, string token, string error) => Send(kind, ReplyObject(method, token, error));

        private static JsonObject ReplyObject(string method, string token, string error) => new JsonObject
        {
            ["method"] = method, ["clientToken"] = token, ["code"] = error == null ? 0 : InvalidParameter, ["status"] = error ?? "success",
        };

        private void Send(string kind, JsonObject message)
        {
            string topic = "$thing/down/" + kind + _tail;
            string payload = message.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _ = _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        private void Say(string text) => Log?.Invoke(text);

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
