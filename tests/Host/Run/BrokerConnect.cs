using System;
using System.Threading;
using System.Threading.Tasks;

namespace TcAtMcu.Run
{
    /// <summary>Connecting to the MQTT broker on the user's behalf: a broker that is not there is theirs to fix.</summary>
    public static class BrokerConnect
    {
        /// <summary>Runs connect (given 10 s), or throws a <see cref="UserError"/> that says what to do.</summary>
        public static async Task OrSayWhy(Func<CancellationToken, Task> connect, string host, int port, string who)
        {
            try
            {
                using CancellationTokenSource limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await connect(limit.Token);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException || e is System.Net.Sockets.SocketException || e is OperationCanceledException)
            {
                string why = e is OperationCanceledException ? "no answer within 10 s" : e.GetBaseException().Message.TrimEnd('.');
                throw new UserError($"{who} cannot reach an MQTT broker at {host}:{port} ({why}); start it, or give the right --broker host:port.");
            }
        }
    }
}
