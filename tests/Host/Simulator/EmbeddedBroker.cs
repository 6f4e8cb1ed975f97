using System.Net;
using System.Net.Sockets;
using System.Buffers;
using MQTTnet.Server;

namespace TcAtMcu.Simulator
{
    /// <summary>An MQTT broker in the process (MQTTnet.Server) on 127.0.0.1, so nothing needs installing.</summary>
    public sealed class EmbeddedBroker : IAsyncDisposable
    {
        private readonly MqttServer _server;

        private EmbeddedBroker(MqttServer server, int port)
        {
            _server = server;
            Port = port;
        }

        public int Port { get; }

        /// <summary>Every message the broker accepted from a client: an observer independent of all clients.</summary>
        public event Action<string, byte[]> Published;

        /// <param name="port">0 picks a free port.</param>
        public static async Task<EmbeddedBroker> StartAsync(int port)
        {
            if (port == 0)
            {
                TcpListener probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }
            MqttServerOptions options = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointPort(port)
                .Build();
            MqttServer server = new MqttServerFactory().CreateMqttServer(options);
            EmbeddedBroker broker = new EmbeddedBroker(server, port);
            server.InterceptingPublishAsync += e =>
            {
                broker.Published?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            await server.StartAsync();
            return broker;
        }

        public Task StopAsync() => _server.StopAsync();

        public async ValueTask DisposeAsync()
        {
            if (_server.IsStarted)
            {
                await _server.StopAsync();
            }
            _server.Dispose();
        }
    }
}
