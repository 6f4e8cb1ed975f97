using System;
using System.Buffers;
using System.Text;
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
        private readonly Action<string> _say;
        private int _controlsSent;

        public CloudConsole(string host, int port, AppSettings settings, Action<string> say)
        {
            _settings = settings;
            _say = say;
            _client = new MqttClientFactory().CreateMqttClient();
            _options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("cloud-console").Build();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                string payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
                _say($"cloud received on {e.ApplicationMessage.Topic}: {payload}");
                return Task.CompletedTask;
            };
        }

        public async Task StartAsync()
        {
            await _client.ConnectAsync(_options);
            await _client.SubscribeAsync(_settings.ReportTopic);
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
                _say($"cloud sends on {_settings.ControlTopic}: {control}");
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
