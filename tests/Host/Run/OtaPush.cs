using System;
using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace TcAtMcu.Run
{
    /// <summary>
    /// Plays Tencent's OTA service on a local broker: serves a firmware image over HTTP (Range requests included)
    /// and pushes update_firmware on $ota/update/&lt;pid&gt;/&lt;dn&gt;, then follows the device's reports on $ota/report.
    /// </summary>
    public sealed class OtaPush : IAsyncDisposable
    {
        private readonly HttpListener _http = new HttpListener();
        private readonly IMqttClient _mqtt;
        private readonly string _productId;
        private readonly string _deviceName;
        private readonly Action<string> _say;
        private byte[] _image;
        private readonly TaskCompletionSource<string> _done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<string> _versionReported = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        private string _expectedVersion;

        public OtaPush(string productId, string deviceName, Action<string> say)
        {
            _productId = productId;
            _deviceName = deviceName;
            _say = say;
            _mqtt = new MqttClientFactory().CreateMqttClient();
            _mqtt.ApplicationMessageReceivedAsync += e =>
            {
                OnReport(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
                return Task.CompletedTask;
            };
        }

        /// <summary>Completes when the device first reports on the OTA topic (it is there and took the push).</summary>
        public Task Answered => _answered.Task;

        /// <summary>Completes with "done" or "fail" when the module has downloaded (and checked) the image.</summary>
        public Task<string> Downloaded => _done.Task;

        /// <summary>Completes with the version the device reports once it runs (has installed) the new image.</summary>
        public Task<string> NewVersionReported => _versionReported.Task;

        public string Url { get; private set; }

        /// <summary>The reason of the last report_progress "fail" (result_msg, or its result_code).</summary>
        public string FailureReason { get; private set; }

        public async Task StartAsync(string brokerHost, int brokerPort)
        {
            int port = FreePort();
            Url = "http://127.0.0.1:" + port + "/firmware.bin";
            _http.Prefixes.Add("http://127.0.0.1:" + port + "/");
            _http.Start();
            _ = Task.Run(Serve);
            MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer(brokerHost, brokerPort).WithClientId("ota-console-" + port).Build();
            await BrokerConnect.OrSayWhy(cancel => _mqtt.ConnectAsync(options, cancel), brokerHost, brokerPort, "push");
            await _mqtt.SubscribeAsync("$ota/report/" + _productId + "/" + _deviceName, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        /// <summary>Publishes update_firmware; md5 overrides the image's real MD5 (to push a corrupted one).</summary>
        public async Task PushAsync(string version, byte[] image, string md5 = null)
        {
            _image = image;
            _expectedVersion = version;
            md5 ??= Convert.ToHexStringLower(MD5.HashData(image));
            string json = "{\"type\":\"update_firmware\",\"version\":\"" + version + "\",\"url\":\"" + Url + "\",\"md5sum\":\"" + md5
                + "\",\"file_size\":" + image.Length + "}";
            _say($"cloud pushes firmware {version}: {image.Length} bytes, md5 {md5}");
            await _mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$ota/update/" + _productId + "/" + _deviceName)
                .WithPayload(json).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        private void OnReport(string json)
        {
            _answered.TrySetResult();
            if (json.Contains("\"report_progress\""))
            {
                string state = Between(json, "\"state\":\"", "\"");
                string message = Between(json, "\"result_msg\":\"", "\"");
                _say($"cloud: update {state} {Between(json, "\"percent\":\"", "\"")}%" + (message.Length > 0 ? ": " + message : ""));
                if (state == "fail")
                {
                    FailureReason = message.Length > 0 ? message : "result_code " + Between(json, "\"result_code\":\"", "\"");
                }
                if (state == "done" || state == "fail")
                {
                    _done.TrySetResult(state);
                }
            }
            else if (json.Contains("\"report_version\""))
            {
                string version = Between(json, "\"version\":\"", "\"");
                _say("cloud: device reports version " + version);
                if (version == _expectedVersion)
                {
                    _versionReported.TrySetResult(version);
                }
            }
        }

        private async Task Serve()
        {
            while (_http.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _http.GetContextAsync();
                }
                catch (Exception)
                {
                    return;
                }
                byte[] image = _image ?? Array.Empty<byte>();
                int from = 0;
                int to = image.Length - 1;
                string range = context.Request.Headers["Range"];
                if (range != null && range.StartsWith("bytes="))
                {
                    string[] parts = range.Substring(6).Split('-');
                    from = int.Parse(parts[0]);
                    if (parts.Length > 1 && parts[1].Length > 0)
                    {
                        to = Math.Min(to, int.Parse(parts[1]));
                    }
                    context.Response.StatusCode = 206;
                }
                int count = Math.Max(0, to - from + 1);
                context.Response.ContentLength64 = count;
                try
                {
                    await context.Response.OutputStream.WriteAsync(image.AsMemory(from, count));
                }
                catch (Exception)
                {
                }
                context.Response.Close();
            }
        }

        private static string Between(string text, string start, string end)
        {
            int a = text.IndexOf(start, StringComparison.Ordinal);
            if (a < 0)
            {
                return "";
            }
            a += start.Length;
            int b = text.IndexOf(end, a, StringComparison.Ordinal);
            return b < 0 ? "" : text.Substring(a, b - a);
        }

        private static int FreePort()
        {
            TcpListener l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Close();
            if (_mqtt.IsConnected)
            {
                await _mqtt.DisconnectAsync();
            }
            _mqtt.Dispose();
        }
    }
}
