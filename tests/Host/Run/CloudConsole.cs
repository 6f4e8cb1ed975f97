using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using TcAtMcu.Application;

namespace TcAtMcu.Run
{
    /// <summary>
    /// Plays the cloud's side on the broker: prints the device's telemetry as it arrives and, once the device is
    /// online, sends it one data template control message.
    /// </summary>
    public sealed class CloudConsole : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly MqttClientOptions _options;
        private readonly AppSettings _settings;
        private readonly string _host;
        private readonly int _port;
        private int _controlsSent;

        public CloudConsole(string host, int port, AppSettings settings)
        {
            _settings = settings;
            _host = host;
            _port = port;
            _client = new MqttClientFactory().CreateMqttClient();
            _options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("cloud-console-" + Environment.ProcessId).Build();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                string payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
                Received?.Invoke(e.ApplicationMessage.Topic, payload);
                return Task.CompletedTask;
            };
        }

        /// <summary>A message from the device arrived at the cloud (topic, payload).</summary>
        public event Action<string, string> Received;

        /// <summary>The cloud is about to send the device a message (topic, payload).</summary>
        public event Action<string, string> Sending;

        public async Task StartAsync()
        {
            await ConnectOrSayWhy(_client, _options, _host, _port, "the cloud console");
            await _client.SubscribeAsync(_settings.ReportTopic);
        }

        /// <summary>Connects, or throws a <see cref="UserError"/> that says what to do: a broker that is not there is the user's to fix.</summary>
        public static async Task ConnectOrSayWhy(IMqttClient client, MqttClientOptions options, string host, int port, string who)
        {
            try
            {
                using CancellationTokenSource limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.ConnectAsync(options, limit.Token);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException || e is System.Net.Sockets.SocketException || e is OperationCanceledException)
            {
                string why = e is OperationCanceledException ? "no answer within 10 s" : e.GetBaseException().Message.TrimEnd('.');
                throw new UserError($"{who} cannot reach an MQTT broker at {host}:{port} ({why}); start it, or give the right --broker host:port.");
            }
        }

        /// <summary>The first time the device is online: one control message, a moment later.</summary>
        public void SendControlSoon()
        {
            if (_controlsSent++ > 0)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                await Task.Delay(1500);
                string control = "{\"method\":\"control\",\"clientToken\":\"console-1\",\"params\":{\"power_switch\":1,\"note\":\"hello, \\\"device\\\"\"}}";
                Sending?.Invoke(_settings.ControlTopic, control);
                await _client.PublishStringAsync(_settings.ControlTopic, control, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
            });
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
