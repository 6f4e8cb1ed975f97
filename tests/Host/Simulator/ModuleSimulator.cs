using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// An ESP8266 running Tencent's TC AT firmware, seen from the MCU's side of the UART, as NOTES.md describes the
    /// real one: OK then a result line for network commands, reports between them, "busy p..." while its single AT
    /// task runs a command, raw +TCMQTTRCVPUB payloads, OK before +TCFWINFO, raw firmware data, the PUBL prompt and
    /// its escape cleaning. It is a real MQTT client of the broker it is given.
    /// Its own parser: it is the independent peer the firmware is tested against, never the firmware's code.
    /// </summary>
    public sealed partial class ModuleSimulator : IAsyncDisposable
    {
        private static readonly Encoding Wire = Encoding.Latin1;

        private readonly SimulatorOptions _options;
        private readonly object _sync = new object();
        private readonly BlockingCollection<byte[]> _output = new BlockingCollection<byte[]>();
        private readonly List<(string Topic, int Qos)> _subscriptions = new List<(string, int)>();
        private Random _random;
        private Stream _uart;
        private Thread _reader;
        private Thread _writer;
        private volatile bool _running;
        private ModuleFlash _flash;

        // RAM state, lost on reboot.
        private bool _echo;
        private volatile bool _busy;
        private IMqttClient _mqtt;
        private volatile bool _connected;
        private volatile bool _leaving;
        private int _commandTimeoutMs = 5000;
        private int _keepAliveS = 240;
        private bool _cleanSession = true;
        private bool _autoReconnect = true;
        private string _server;
        private bool _otaEnabled;
        private string _otaVersion = "";
        private bool _otaDownloading;
        private int _readOffset = -1;
        private CancellationTokenSource _background = new CancellationTokenSource();

        // PUBL / PUBRAW payload being received.
        private string _payloadCommand;
        private string _payloadTopic;
        private int _payloadQos;
        private int _payloadLength;
        private MemoryStream _payload;
        private long _payloadDeadline;

        public ModuleSimulator(SimulatorOptions options)
        {
            _options = options;
            _flash = ModuleFlash.Load(options.FlashFile);
            _echo = options.Echo;
            Faults.OnKill(() => _ = DropLinkAsync());
        }

        public SimulatorFaults Faults { get; } = new SimulatorFaults();

        public bool MqttConnected => _connected;

        /// <summary>What the module did, for humans; secrets never appear in it.</summary>
        public event Action<string> Log;

        /// <summary>Every command line received, with its parse (null when the AT core would answer ERROR); for tests.</summary>
        public event Action<string, AtLine> LineReceived;

        public void Start(Stream uart)
        {
            _uart = uart;
            _random = new Random(Faults.Seed);
            _running = true;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "module-rx" };
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = "module-tx" };
            _reader.Start();
            _writer.Start();
            _ = Task.Run(WatchPayloadTimeout);
        }

        /// <summary>As after a successful download: the image AT+TCFWINFO reports and AT+TCREADFWDATA reads.</summary>
        public void CacheFirmware(string version, byte[] image)
        {
            lock (_sync)
            {
                _flash.FirmwareVersion = version;
                _flash.Firmware = image;
                _flash.Save(_options.FlashFile);
            }
        }

        /// <summary>Power cycle: the broker link and everything in RAM go; the flash stays; "ready" when booted.</summary>
        public void Reboot()
        {
            _ = RebootAsync();
        }

        private async Task RebootAsync()
        {
            CancellationTokenSource old;
            lock (_sync)
            {
                old = _background;
                _background = new CancellationTokenSource();
                _subscriptions.Clear();
                _server = null;
                _otaEnabled = false;
                _otaDownloading = false;
                _readOffset = -1;
                _payloadCommand = null;
                _busy = false;
                _echo = _options.Echo;
                _flash = ModuleFlash.Load(_options.FlashFile) is { } f && _options.FlashFile != null ? f : _flash;
            }
            old.Cancel();
            await CloseMqttAsync();
            Say("rebooted");
            await Task.Delay(100);
            Send("\r\nready\r\n");
        }

        public async Task StopAsync()
        {
            _running = false;
            _background.Cancel();
            _output.CompleteAdding();
            await CloseMqttAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _mqtt?.Dispose();
        }

        private void Say(string text) => Log?.Invoke(text);

        // ---- UART ----

        private void Send(string text) => Send(Wire.GetBytes(text));

        private void Send(byte[] bytes)
        {
            if (!_output.IsAddingCompleted)
            {
                try
                {
                    _output.Add(bytes);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }

        private void WriteLoop()
        {
            Stopwatch clock = Stopwatch.StartNew();
            double nextFree = 0; // seconds on the clock when the line is free again
            try
            {
                foreach (byte[] chunk in _output.GetConsumingEnumerable())
                {
                    if (Faults.ResponseDelayMs > 0)
                    {
                        Thread.Sleep(Faults.ResponseDelayMs);
                    }
                    byte[] bytes = ApplyNoise(chunk);
                    if (_options.BaudRate <= 0)
                    {
                        _uart.Write(bytes, 0, bytes.Length);
                        _uart.Flush();
                        continue;
                    }
                    // 8N1: ten bit times a byte. Written in slices so the reader sees bytes as they would arrive.
                    double byteTime = 10.0 / _options.BaudRate;
                    nextFree = Math.Max(nextFree, clock.Elapsed.TotalSeconds);
                    for (int i = 0; i < bytes.Length; i += 64)
                    {
                        int n = Math.Min(64, bytes.Length - i);
                        nextFree += n * byteTime;
                        while (clock.Elapsed.TotalSeconds < nextFree)
                        {
                            double wait = nextFree - clock.Elapsed.TotalSeconds;
                            if (wait > 0.002)
                            {
                                Thread.Sleep(1);
                            }
                            else
                            {
                                Thread.SpinWait(50);
                            }
                        }
                        _uart.Write(bytes, i, n);
                        _uart.Flush();
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
            {
            }
        }

        private byte[] ApplyNoise(byte[] chunk)
        {
            if (Faults.DropByteProbability <= 0 && Faults.CorruptByteProbability <= 0)
            {
                return chunk;
            }
            List<byte> bytes = new List<byte>(chunk.Length);
            foreach (byte b in chunk)
            {
                if (_random.NextDouble() < Faults.DropByteProbability)
                {
                    continue;
                }
                bytes.Add(_random.NextDouble() < Faults.CorruptByteProbability ? (byte)_random.Next(256) : b);
            }
            return bytes.ToArray();
        }

        private void ReadLoop()
        {
            byte[] buffer = new byte[2048];
            List<byte> line = new List<byte>();
            try
            {
                while (_running)
                {
                    int n = _uart.Read(buffer, 0, buffer.Length);
                    if (n <= 0)
                    {
                        return;
                    }
                    for (int i = 0; i < n; i++)
                    {
                        if (_payloadCommand != null)
                        {
                            TakePayloadByte(buffer[i], i == n - 1);
                            continue;
                        }
                        byte b = buffer[i];
                        if (b == (byte)'\n')
                        {
                            if (line.Count > 0 && line[^1] == (byte)'\r')
                            {
                                line.RemoveAt(line.Count - 1);
                            }
                            OnLine(line.ToArray());
                            line.Clear();
                        }
                        else if (line.Count < 4096)
                        {
                            line.Add(b);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
            {
            }
        }

        private void OnLine(byte[] bytes)
        {
            string text = Wire.GetString(bytes);
            if (_echo)
            {
                Send(text + "\r\n");
            }
            if (text.Length == 0)
            {
                return;
            }
            if (bytes.Length + 2 > 256)
            {
                Send("ERROR\r\n");
                return;
            }
            if (Faults.BusyAnswers > 0)
            {
                Faults.BusyAnswers--;
                Send("busy p...\r\n");
                return;
            }
            if (_busy)
            {
                Send("busy p...\r\n");
                return;
            }
            AtLine at = AtLine.Parse(text);
            LineReceived?.Invoke(text, at);
            if (at == null)
            {
                Send("ERROR\r\n");
                return;
            }
            try
            {
                lock (_sync)
                {
                    Run(at);
                }
            }
            catch (Exception e)
            {
                Say("command failed: " + e.Message);
                Send("ERROR\r\n");
            }
        }

        /// <summary>Runs a network command on the module's AT task: OK now, the result line later, busy meanwhile.</summary>
        private void RunBusy(Func<CancellationToken, Task<string>> work)
        {
            _busy = true;
            Send("OK\r\n");
            CancellationToken token = _background.Token;
            _ = Task.Run(async () =>
            {
                string result;
                try
                {
                    result = await work(token);
                }
                catch (Exception e)
                {
                    Say("network command failed: " + e.Message);
                    result = null;
                }
                finally
                {
                    _busy = false;
                }
                if (result != null && !token.IsCancellationRequested)
                {
                    Send(result + "\r\n");
                }
            });
        }

        // ---- PUBL / PUBRAW payload ----

        private void TakePayloadByte(byte b, bool lastOfRead)
        {
            _payload.WriteByte(b);
            long have = _payload.Length;
            if (have == 5 && Wire.GetString(_payload.ToArray()) == "+++\r\n")
            {
                EndPayload("+CME ERROR:204", "payload aborted with +++");
                return;
            }
            // The real PUBL gives up when a UART read happens to end in CR LF before the length is reached.
            if (_payloadCommand == "TCMQTTPUBL" && lastOfRead && have >= 2 && have < _payloadLength + 2 && EndsWithCrLf())
            {
                EndPayload("+CME ERROR:204", "payload cut short by a read ending in CR LF");
                return;
            }
            if (have < _payloadLength + 2)
            {
                return;
            }
            if (!EndsWithCrLf())
            {
                EndPayload("+CME ERROR:204", "payload not followed by CR LF");
                return;
            }
            byte[] payload = new byte[_payloadLength];
            Array.Copy(_payload.GetBuffer(), payload, _payloadLength);
            string command = _payloadCommand;
            string topic = _payloadTopic;
            int qos = _payloadQos;
            _payloadCommand = null;
            if (command == "TCMQTTPUBL")
            {
                payload = CleanEscapes(payload);
            }
            lock (_sync)
            {
                RunBusy(async token => "+" + command + ":" + await PublishAsync(topic, qos, payload, token));
            }
        }

        private bool EndsWithCrLf()
        {
            byte[] b = _payload.GetBuffer();
            long n = _payload.Length;
            return b[n - 2] == '\r' && b[n - 1] == '\n';
        }

        private void EndPayload(string answer, string why)
        {
            _payloadCommand = null;
            Say(why);
            Send(answer + "\r\n");
        }

        // The module's "cleaning" of PUBL payloads: \" and \, become a space and the character (length kept).
        private static byte[] CleanEscapes(byte[] payload)
        {
            byte[] cleaned = (byte[])payload.Clone();
            for (int i = 0; i + 1 < cleaned.Length; i++)
            {
                if (cleaned[i] == '\\' && (cleaned[i + 1] == '"' || cleaned[i + 1] == ','))
                {
                    cleaned[i] = (byte)' ';
                    i++;
                }
            }
            return cleaned;
        }

        private async Task WatchPayloadTimeout()
        {
            while (_running)
            {
                await Task.Delay(100);
                if (_payloadCommand != null && Environment.TickCount64 > _payloadDeadline)
                {
                    EndPayload("+CME ERROR:204", "payload timeout");
                }
            }
        }

        // ---- MQTT ----

        private async Task<string> ConnectAsync(CancellationToken token)
        {
            await CloseMqttAsync();
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                OnMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
                return Task.CompletedTask;
            };
            client.DisconnectedAsync += e =>
            {
                if (e.ClientWasConnected && !_leaving && ReferenceEquals(client, _mqtt))
                {
                    OnLinkLost();
                }
                return Task.CompletedTask;
            };
            _mqtt = client;
            _leaving = false;
            try
            {
                using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(_commandTimeoutMs);
                await client.ConnectAsync(ClientOptions(), timeout.Token);
                _connected = true;
                Say("connected to " + (_server ?? _options.BrokerHost) + ":" + _options.BrokerPort + " as " + _flash.ProductId + _flash.DeviceName);
                return "OK";
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                Say("connect failed: " + e.Message);
                return "FAIL," + (e is OperationCanceledException ? "-111" : "-601");
            }
        }

        private MqttClientOptions ClientOptions() =>
            new MqttClientOptionsBuilder()
                .WithTcpServer(_server ?? _options.BrokerHost, _options.BrokerPort)
                .WithClientId(_flash.ProductId + _flash.DeviceName)
                .WithCleanSession(_cleanSession)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(_keepAliveS))
                .WithTimeout(TimeSpan.FromMilliseconds(_commandTimeoutMs))
                .Build();

        private async Task CloseMqttAsync()
        {
            IMqttClient client = _mqtt;
            _connected = false;
            _leaving = true;
            if (client == null)
            {
                return;
            }
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync();
                }
            }
            catch (Exception)
            {
            }
        }

        private async Task DropLinkAsync()
        {
            IMqttClient client = _mqtt;
            if (client != null && client.IsConnected)
            {
                Say("link dropped");
                _leaving = false;
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build());
            }
        }

        private void OnLinkLost()
        {
            _connected = false;
            Send("+TCMQTTDISCON,-103\r\n");
            if (!_autoReconnect)
            {
                lock (_sync)
                {
                    _subscriptions.Clear();
                }
                return;
            }
            CancellationToken token = _background.Token;
            _ = Task.Run(async () =>
            {
                long giveUp = Environment.TickCount64 + _options.ReconnectTimeoutMs;
                while (!token.IsCancellationRequested)
                {
                    Send("+TCMQTTRECONNECTING\r\n");
                    try
                    {
                        using CancellationTokenSource attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                        attempt.CancelAfter(1000);
                        await _mqtt.ConnectAsync(ClientOptions(), attempt.Token);
                        foreach (var (topic, qos) in SubscriptionsNow())
                        {
                            await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                                .WithTopicFilter(topic, (MqttQualityOfServiceLevel)qos).Build(), token);
                        }
                        _connected = true;
                        Send("+TCMQTTRECONNECTED\r\n");
                        return;
                    }
                    catch (Exception) when (!token.IsCancellationRequested)
                    {
                    }
                    if (Environment.TickCount64 > giveUp)
                    {
                        lock (_sync)
                        {
                            _subscriptions.Clear();
                        }
                        Send("+TCMQTTDISCON,-106\r\n");
                        return;
                    }
                    await Task.Delay(1000, token).ContinueWith(_ => { });
                }
            });
        }

        private List<(string, int)> SubscriptionsNow()
        {
            lock (_sync)
            {
                return new List<(string, int)>(_subscriptions);
            }
        }

        private void OnMessage(string topic, byte[] payload)
        {
            if (TakeOtaMessage(topic, payload))
            {
                return;
            }
            // The module's receive buffer is about 2 KB; larger messages never reach the UART.
            if (payload.Length > 2048)
            {
                Say("message over 2 KB dropped on " + topic);
                return;
            }
            Send(Wire.GetBytes("+TCMQTTRCVPUB:\"").Concat(Encoding.UTF8.GetBytes(topic)).Concat(Wire.GetBytes("\"," + payload.Length + ",\""))
                .Concat(payload).Concat(Wire.GetBytes("\"\r\n")).ToArray());
        }

        private async Task<string> PublishAsync(string topic, int qos, byte[] payload, CancellationToken token)
        {
            if (!_connected)
            {
                return "FAIL,-103";
            }
            try
            {
                using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(_commandTimeoutMs);
                await _mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).Build(), timeout.Token);
                return "OK";
            }
            catch (Exception) when (!token.IsCancellationRequested)
            {
                return "FAIL,202";
            }
        }

        private static int Bcc(string secret)
        {
            int result = 0;
            foreach (byte b in Encoding.UTF8.GetBytes(secret ?? ""))
            {
                result ^= b;
            }
            return result;
        }

        private static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));
    }
}
