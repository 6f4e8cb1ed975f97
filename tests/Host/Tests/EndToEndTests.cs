using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The firmware's module API against the simulated module over a UART, the module against a real broker,
    /// and an independent MQTT client watching what reaches the broker.
    /// </summary>
    public sealed class EndToEnd : IAsyncDisposable
    {
        public const string ProductId = "E2ETEST001";
        public const string DeviceName = "dev01";
        public const string Secret = "ZTJlLXRlc3Qtc2VjcmV0LXZhbHVl";

        private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _observed = new ConcurrentQueue<(string, byte[])>();
        private readonly ConcurrentQueue<string> _received = new ConcurrentQueue<string>();
        private IMqttClient _observer;

        public EmbeddedBroker Broker { get; private set; }
        public int BrokerPort { get; private set; }
        public ModuleSimulator Simulator { get; private set; }
        public AtEngine Engine { get; private set; }
        public TcModule Module { get; private set; }
        public StreamLink Link { get; private set; }

        public static async Task<EndToEnd> StartAsync(SimulatorOptions options = null, int brokerPort = 0)
        {
            EndToEnd e = new EndToEnd();
            e.Broker = await EmbeddedBroker.StartAsync(brokerPort);
            e.BrokerPort = e.Broker.Port;
            options ??= new SimulatorOptions();
            options.BrokerHost = "127.0.0.1";
            options.BrokerPort = e.BrokerPort;
            e.Simulator = new ModuleSimulator(options);
            var (mcu, module) = UartPair.CreateInProcess();
            e.Simulator.Start(module);
            e.Link = new StreamLink(mcu);
            e.Engine = new AtEngine(e.Link, new AtEngineOptions());
            e.Module = new TcModule(e.Engine);
            e.Module.Events = new Collector(e._received);
            e.Engine.Start(e.Module);
            await e.ObserveAsync();
            return e;
        }

        private sealed class Collector : IReportHandler
        {
            private readonly ConcurrentQueue<string> _into;

            public Collector(ConcurrentQueue<string> into) => _into = into;

            public void OnReport(Report r) => _into.Enqueue(r.Kind == ReportKind.MessageReceived
                ? Encoding.Latin1.GetString(r.Buffer, r.TopicOffset, r.TopicLength) + " " + Encoding.Latin1.GetString(r.Buffer, r.PayloadOffset, r.PayloadLength)
                : ReportNames.Of(r.Kind) + " " + r.Code);
        }

        private async Task ObserveAsync()
        {
            _observer = new MqttClientFactory().CreateMqttClient();
            _observer.ApplicationMessageReceivedAsync += m =>
            {
                _observed.Enqueue((m.ApplicationMessage.Topic, m.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
            await _observer.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", BrokerPort).WithClientId("observer").Build());
            await _observer.SubscribeAsync("up/#", MqttQualityOfServiceLevel.AtLeastOnce);
        }

        public void SetUpAndConnect()
        {
            Assert.True(Module.Probe().IsOk, "module answers AT");
            Assert.True(Module.SetDeviceInfo(ProductId, DeviceName, Secret).IsOk, "device info");
            Assert.True(Module.Connect(new MqttSettings()).IsOk, "connect");
        }

        public Task PublishFromCloudAsync(string topic, byte[] payload) =>
            _observer.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        public (string Topic, byte[] Payload) WaitObserved(Func<(string Topic, byte[] Payload), bool> match, int timeoutMs = 5000) =>
            Eventually.First(_observed, match, timeoutMs, () => "not observed on the broker; saw: " + string.Join(", ", _observed.Select(o => o.Topic)));

        public IReadOnlyCollection<string> Received => _received.ToArray();

        public string WaitReceived(Func<string, bool> match, int timeoutMs = 5000) =>
            Eventually.First(_received, match, timeoutMs, () => "not received by the firmware; got: " + string.Join(" | ", _received));

        public async ValueTask DisposeAsync()
        {
            Engine?.Stop();
            if (_observer != null)
            {
                try { await _observer.DisconnectAsync(); } catch (Exception) { }
                _observer.Dispose();
            }
            if (Simulator != null) await Simulator.DisposeAsync();
            if (Broker != null) await Broker.DisposeAsync();
            Link?.Dispose();
        }
    }

    [Collection("end to end")]
    public class EndToEndTests
    {
        [Fact]
        public async Task PublishQos0AndQos1ReachTheBroker()
        {
            await using EndToEnd e = await EndToEnd.StartAsync();
            e.SetUpAndConnect();
            Assert.True(e.Module.Publish("up/q0", 0, "{\"method\":\"report\",\"params\":{\"a\":0}}").IsOk);
            Assert.True(e.Module.Publish("up/q1", 1, "{\"method\":\"report\",\"params\":{\"a\":1}}").IsOk);
            Assert.Equal("{\"method\":\"report\",\"params\":{\"a\":0}}", Encoding.UTF8.GetString(e.WaitObserved(m => m.Topic == "up/q0").Payload));
            Assert.Equal("{\"method\":\"report\",\"params\":{\"a\":1}}", Encoding.UTF8.GetString(e.WaitObserved(m => m.Topic == "up/q1").Payload));
        }

        [Fact]
        public async Task LongPayloadWithQuotesCommasCrLfArrivesByteExact()
        {
            await using EndToEnd e = await EndToEnd.StartAsync();
            e.SetUpAndConnect();
            byte[] payload = new byte[2048];
            string pattern = "{\"k\":\"a,b\\\"c\"}\r\n";
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)pattern[i % pattern.Length];
            }
            AtResult r = e.Module.Publish("up/long", 1, payload, 0, payload.Length);
            Assert.True(r.IsOk, ResultText.Describe(r, false, false));
            Assert.Equal(payload, e.WaitObserved(m => m.Topic == "up/long").Payload);
        }

        [Fact]
        public async Task SubscribedMessagesReachTheFirmwareAndTheEleventhSubscriptionIsRefused()
        {
            await using EndToEnd e = await EndToEnd.StartAsync();
            e.SetUpAndConnect();
            for (int i = 0; i < 10; i++)
            {
                Assert.True(e.Module.Subscribe("down/" + i, i % 2).IsOk, "subscription " + i);
            }
            Assert.Equal(AtStatus.Refused, e.Module.Subscribe("down/10", 0).Status);
            await e.PublishFromCloudAsync("down/3", Encoding.UTF8.GetBytes("{\"a\":\"x, \\\"y\\\"\"}\r\nline 2"));
            Assert.Equal("down/3 {\"a\":\"x, \\\"y\\\"\"}\r\nline 2", e.WaitReceived(s => s.StartsWith("down/3 ")));

            Assert.True(e.Module.Unsubscribe("down/3").IsOk);
            await e.PublishFromCloudAsync("down/3", Encoding.UTF8.GetBytes("after"));
            await e.PublishFromCloudAsync("down/4", Encoding.UTF8.GetBytes("still"));
            e.WaitReceived(s => s == "down/4 still");
            Assert.DoesNotContain("down/3 after", e.Received);
        }

        [Fact]
        public async Task FaultsBusyAnswersAndAKilledLinkAreSurvived()
        {
            await using EndToEnd e = await EndToEnd.StartAsync();
            e.SetUpAndConnect();
            e.Simulator.Faults.BusyAnswers = 2;
            Assert.True(e.Module.ReadState().IsOk, "retried through two busy answers");
            Assert.Equal(2, e.Engine.Stats.BusyRetries);

            Assert.True(e.Module.Subscribe("down/k", 0).IsOk);
            e.Simulator.Faults.KillMqttConnection();
            e.WaitReceived(s => s == "TCMQTTDISCON -103");
            e.WaitReceived(s => s.StartsWith("TCMQTTRECONNECTED"), 10000);
            await e.PublishFromCloudAsync("down/k", Encoding.UTF8.GetBytes("still subscribed"));
            e.WaitReceived(s => s == "down/k still subscribed");
        }

        [Fact]
        public async Task BrokerRestartReconnectsAndSubscriptionsStillDeliver()
        {
            await using EndToEnd e = await EndToEnd.StartAsync();
            e.SetUpAndConnect();
            Assert.True(e.Module.Subscribe("down/x", 1).IsOk);
            int port = e.BrokerPort;
            await e.Broker.StopAsync();
            e.WaitReceived(s => s.StartsWith("TCMQTTDISCON"));
            e.WaitReceived(s => s.StartsWith("TCMQTTRECONNECTING"));
            await using EmbeddedBroker again = await EmbeddedBroker.StartAsync(port);
            e.WaitReceived(s => s.StartsWith("TCMQTTRECONNECTED"), 15000);
            Assert.True(e.Module.VerifySubscriptions(new Subscriptions()).IsOk);
            Assert.True(e.Module.State.Connected);

            // The restored subscription delivers again.
            using IMqttClient cloud = new MqttClientFactory().CreateMqttClient();
            await cloud.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("cloud-after-restart").Build(), TestContext.Current.CancellationToken);
            await cloud.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("down/x").WithPayload("after restart")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);
            e.WaitReceived(s => s == "down/x after restart");
        }
    }
}
