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
        private CancellationTokenSource _reconnecting;
        private volatile bool _booting;
        private WireTrace _trace;
        private Action<string> _traced;
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
        // RAM, as in the real firmware: 0 after boot, so a read before AT+TCFWINFO? starts at the beginning.
        private int _readOffset;
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
            _flash = LoadFlash();
            _echo = options.Echo;
            Faults.Attach(this);
        }

        public SimulatorFaults Faults { get; } = new SimulatorFaults();

        public bool MqttConnected => _connected;

        /// <summary>The station is on the access point and has its IP (WIFI GOT IP).</summary>
        public bool WifiConnected => _wifiGotIp;

        /// <summary>What the module did, for humans; secrets never appear in it.</summary>
        public event Action<string> Log;

        /// <summary>Every command line received, with its parse (null when the AT core would answer ERROR); for tests.</summary>
        public event Action<string, AtLine> LineReceived;

        /// <summary>The module's wire trace (see <see cref="WireTrace"/>): timestamped, both directions, secrets masked.</summary>
        public event Action<string> Traced
        {
            add
            {
                lock (_sync)
                {
                    _traced += value;
                    _trace ??= new WireTrace(line => _traced?.Invoke(line), Secrets);
                }
            }
            remove
            {
                lock (_sync)
                {
                    _traced -= value;
                }
            }
        }

        /// <summary>The lines Tencent's builds print for AT+GMR, before OK.</summary>
        public static readonly string[] VersionLines =
        {
            "AT version:2.1.0.0-dev(sim - Nov 24 2026 00:00:00)",
            "SDK version:v3.2-sim",
            "compile time:Nov 24 2026 00:00:00",
            "QCloud IoT AT version:QCloud_AT_ESP8266_v2.1.1_SIM",
        };

        /// <summary>AT+GMR of a firmware 1.x build: Espressif's lines and its "Bin version" line.</summary>
        public static readonly string[] VersionLinesV1 =
        {
            "AT version:1.6.2.0(Apr 13 2018 11:10:59)",
            "SDK version:2.2.1(6ab97e9)",
            "compile time:Nov 24 2026 00:00:00",
            "Bin version(Wroom 02):1.6.2",
        };

        /// <summary>What a reboot puts on the UART before "\r\nready\r\n": the boot ROM's 74880-baud text seen at
        /// 115200, a few bytes that are not UTF-8 (and no CR LF of their own).</summary>
        public static readonly byte[] BootGarbageBytes =
        {
            0x00, 0xE0, 0x8C, 0x9E, 0x1C, 0x72, 0x6C, 0xE2, 0x0E, 0x8C, 0x0C, 0x0C,
            0x7C, 0x82, 0x0C, 0x8C, 0xF2, 0x6E, 0xEC, 0x0C, 0x0E, 0x62, 0xFF, 0x6E,
        };

        public void Start(Stream uart)
        {
            _uart = uart;
            if (uart is IUartEnd end)
            {
                end.BaudRate = BaudRate;
            }
            _random = new Random(Faults.Seed);
            lock (_sync)
            {
                // Started as a module that booted long ago: on its stored access point already, nothing to say.
                if (StoredNetworkInReach())
                {
                    _wifiAssociated = true;
                    _wifiGotIp = true;
                }
            }
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
                _readOffset = 0;
            }
        }

        /// <summary>Power cycle: the broker link and everything in RAM go; the flash stays; boot garbage, then "ready",
        /// then the stored access point is joined again (WIFI CONNECTED, WIFI GOT IP).</summary>
        public void Reboot()
        {
            lock (_sync)
            {
                _booting = true;
                _payloadCommand = null;
            }
            _ = RebootAsync();
        }

        private ModuleFlash LoadFlash()
        {
            ModuleFlash flash = ModuleFlash.Load(_options.FlashFile);
            if (flash.WifiSsid == null && _options.WifiStored)
            {
                flash.WifiSsid = _options.AccessPointSsid;
                flash.WifiPassword = _options.AccessPointPassword;
            }
            return flash;
        }

        private async Task RebootAsync()
        {
            CancellationTokenSource old;
            lock (_sync)
            {
                old = _background;
                _background = new CancellationTokenSource();
                _subscriptions.Clear();
                ForgetGateway();
                _server = null;
                _otaEnabled = false;
                _otaDownloading = false;
                _readOffset = 0;
                _payloadCommand = null;
                _busy = false;
                _echo = _options.Echo;
                _wifiAssociated = false;
                _wifiGotIp = false;
                _stationWanted = true;
                if (_options.FlashFile != null)
                {
                    _flash = LoadFlash();
                }
            }
            old.Cancel();
            await CloseMqttAsync();
            Say("rebooted");
            OnBoot();
            if (_options.BootGarbage)
            {
                Send(BootGarbageBytes);
            }
            await Task.Delay(_options.BootDelayMs);
            CancellationToken token;
            lock (_sync)
            {
                _booting = false;
                token = _background.Token;
            }
            Send("\r\nready\r\n");
            _ = JoinStoredNetworkAsync(token);
        }

        public async Task StopAsync()
        {
            _running = false;
            _background.Cancel();
            _output.CompleteAdding();
            await CloseMqttAsync();
            _trace?.Flush();
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _mqtt?.Dispose();
        }

        private void Say(string text) => Log?.Invoke(text);

        private IEnumerable<string> Secrets()
        {
            ModuleFlash flash = _flash;
            return new[] { flash.DeviceSecret, flash.ProductSecret, flash.WifiPassword, _options.AccessPointPassword };
        }

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
                    if (ReferenceEquals(chunk, RateSwitch))
                    {
                        ApplyRateSwitch();
                        continue;
                    }
                    if (Faults.ResponseDelayMs > 0)
                    {
                        Thread.Sleep(Faults.ResponseDelayMs);
                    }
                    byte[] bytes = ApplyNoise(chunk);
                    if (_options.BaudRate <= 0)
                    {
                        WriteOut(bytes, 0, bytes.Length);
                        continue;
                    }
                    // 8N1: ten bit times a byte. Written in slices so the reader sees bytes as they would arrive.
                    double byteTime = 10.0 / BaudRate;
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
                        WriteOut(bytes, i, n);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
            {
            }
        }

        private void WriteOut(byte[] bytes, int offset, int count)
        {
            if (Faults.UartDead)
            {
                return;
            }
            _trace?.Sent(bytes, offset, count);
            _uart.Write(bytes, offset, count);
            _uart.Flush();
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

        // The AT core ends a command at CR LF only: a bare LF (Tencent's test tool puts them inside quoted JSON) is
        // part of the line. Input is lost while the module boots and while the UART is dead.
        private void ReadLoop()
        {
            byte[] buffer = new byte[2048];
            List<byte> line = new List<byte>();
            bool overlong = false;
            try
            {
                while (_running)
                {
                    int n = _uart.Read(buffer, 0, buffer.Length);
                    if (n <= 0)
                    {
                        return;
                    }
                    if (Faults.UartDead)
                    {
                        continue;
                    }
                    _trace?.Received(buffer, 0, n);
                    for (int i = 0; i < n; i++)
                    {
                        if (_booting)
                        {
                            line.Clear();
                            overlong = false;
                            continue;
                        }
                        if (_payloadCommand != null)
                        {
                            TakePayloadByte(buffer[i]);
                            if (_payloadCommand != null && i == n - 1)
                            {
                                EndOfPayloadRead();
                            }
                            continue;
                        }
                        byte b = buffer[i];
                        if (line.Count < MaxLineBytes)
                        {
                            line.Add(b);
                        }
                        else
                        {
                            overlong = true;
                            line[^1] = b; // keeps the last byte, so CR LF is still seen
                        }
                        if (b == (byte)'\n' && line.Count >= 2 && line[^2] == (byte)'\r')
                        {
                            line.RemoveRange(line.Count - 2, 2);
                            OnLine(line.ToArray(), overlong);
                            line.Clear();
                            overlong = false;
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is OperationCanceledException)
            {
            }
        }

        private const int MaxLineBytes = 4096;

        private void OnLine(byte[] bytes, bool overlong)
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
            if (overlong || bytes.Length + 2 > 256)
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

        /// <summary>Runs a network command on the module's AT task: OK now (unless the command already answered),
        /// the result line later, busy meanwhile.</summary>
        private void RunBusy(Func<CancellationToken, Task<string>> work, bool okFirst = true)
        {
            _busy = true;
            if (okFirst)
            {
                Send("OK\r\n");
            }
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

        // ---- PUBL / PUBRAW payload (NOTES.md "Publishing": exactly as the real firmware reads it) ----

        private void TakePayloadByte(byte b)
        {
            _payload.WriteByte(b);
            long have = _payload.Length;
            // About 20 s between reads; once the length is reached, about a second for the CR LF.
            _payloadDeadline = Environment.TickCount64 + (have >= _payloadLength ? 1000 : _options.PayloadTimeoutMs);
            if (have == Faults.RebootAfterPayloadBytes)
            {
                Faults.RebootAfterPayloadBytes = -1;
                Say("rebooting in the middle of a payload (fault)");
                Reboot();
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
                CleanEscapes(payload);
            }
            lock (_sync)
            {
                // No OK after the payload: the result line alone.
                RunBusy(async token => "+" + command + ":" + await PublishAsync(topic, qos, payload, token), okFirst: false);
            }
        }

        // What the real firmware checks after each UART read of a payload still short of its length: a read that
        // ends in CR LF, or "+++" CR LF anywhere before a NUL, ends the payload state with an error.
        private void EndOfPayloadRead()
        {
            long have = _payload.Length;
            if (have >= _payloadLength)
            {
                return;
            }
            if (have >= 2 && EndsWithCrLf())
            {
                EndPayload("+CME ERROR:204", "payload cut short by a read ending in CR LF");
                return;
            }
            byte[] b = _payload.GetBuffer();
            int end = Array.IndexOf(b, (byte)0, 0, (int)have);
            if (end < 0)
            {
                end = (int)have;
            }
            for (int i = 0; i + 5 <= end; i++)
            {
                if (b[i] == '+' && b[i + 1] == '+' && b[i + 2] == '+' && b[i + 3] == '\r' && b[i + 4] == '\n')
                {
                    EndPayload("+CME ERROR:204", "payload aborted with +++");
                    return;
                }
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

        /// <summary>
        /// The real PUBL's "cleaning" (length kept): the backslash of each \" and \, becomes a space; counting the \"
        /// from the start, every second one is swapped so its space comes after the quote. It stops at a NUL byte.
        /// </summary>
        public static void CleanEscapes(byte[] payload)
        {
            int quotes = 0;
            int i = 0;
            while (i < payload.Length - 1 && payload[i] != 0)
            {
                if (payload[i] == '\\' && (payload[i + 1] == '"' || payload[i + 1] == ','))
                {
                    payload[i] = (byte)' ';
                    if (payload[i + 1] == '"' && ++quotes % 2 == 0)
                    {
                        payload[i] = (byte)'"';
                        payload[i + 1] = (byte)' ';
                    }
                    i += 2;
                }
                else
                {
                    i++;
                }
            }
        }

        private async Task WatchPayloadTimeout()
        {
            while (_running)
            {
                await Task.Delay(100);
                lock (_sync)
                {
                    if (_payloadCommand != null && Environment.TickCount64 > _payloadDeadline)
                    {
                        EndPayload("+CME ERROR:204", "payload timeout");
                    }
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
            string refused = RefusalNow();
            if (refused != null)
            {
                await Task.Delay(50, token);
                Say("connect failed: " + refused);
                return "FAIL," + refused;
            }
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
            StopReconnecting();
            ForgetGateway(); // the module's gateway lives in its MQTT task
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

        // Why a connection attempt fails before reaching the broker: no WiFi (-602: the host name cannot be
        // resolved without a network), or the broker refusing (the fault's code); null when it may go ahead.
        private string RefusalNow()
        {
            if (!_wifiGotIp)
            {
                return "-602";
            }
            return Faults.BrokerRefuses ? Faults.BrokerRefusalCode.ToString() : null;
        }

        internal void DropMqttLink() => _ = DropLinkAsync();

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
            CancellationTokenSource reconnecting;
            lock (_sync)
            {
                _reconnecting?.Cancel();
                reconnecting = _reconnecting = CancellationTokenSource.CreateLinkedTokenSource(_background.Token);
            }
            CancellationToken token = reconnecting.Token;
            _ = Task.Run(async () =>
            {
                long giveUp = Environment.TickCount64 + _options.ReconnectTimeoutMs;
                try
                {
                    while (!token.IsCancellationRequested)
                    {
                        Send("+TCMQTTRECONNECTING\r\n");
                        try
                        {
                            if (RefusalNow() is { } refused)
                            {
                                throw new IOException("reconnect refused: " + refused);
                            }
                            using CancellationTokenSource attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                            attempt.CancelAfter(1000);
                            await _mqtt.ConnectAsync(ClientOptions(), attempt.Token);
                            foreach (var (topic, qos) in SubscriptionsNow())
                            {
                                await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                                    .WithTopicFilter(topic, (MqttQualityOfServiceLevel)qos).Build(), token);
                            }
                            if (_otaEnabled)
                            {
                                // Its own OTA topic too: the real module's client restores every subscription it holds.
                                await _mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                                    .WithTopicFilter("$ota/update/" + _flash.ProductId + "/" + _flash.DeviceName, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
                            }
                            await ResubscribeGatewayAsync(token);
                            if (token.IsCancellationRequested)
                            {
                                await _mqtt.DisconnectAsync();
                                return;
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
                            ForgetGateway();
                            Send("+TCMQTTDISCON,-106\r\n");
                            return;
                        }
                        await Task.Delay(1000, token).ContinueWith(_ => { });
                    }
                }
                finally
                {
                    lock (_sync)
                    {
                        if (_reconnecting == reconnecting)
                        {
                            _reconnecting = null;
                        }
                    }
                    reconnecting.Dispose();
                }
            });
        }

        /// <summary>The module's MQTT task runs: connected, or reconnecting by itself (+TCMQTTRECONNECTING).</summary>
        public bool MqttReconnecting => _reconnecting != null;

        // Ends the module's own reconnection (AT+TCMQTTDISCONN, AT+TCMQTTCONN, reboot).
        private void StopReconnecting()
        {
            lock (_sync)
            {
                _reconnecting?.Cancel();
                _reconnecting = null;
            }
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
            WaitForBeacon();
            if (TakeOtaMessage(topic, payload) || TakeGatewayMessage(topic, payload))
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
            if (Faults.PublishDenied(topic))
            {
                // The cloud drops what the device may not publish: QoS 0 never knows, QoS 1 waits for a PUBACK in vain.
                Say("publish on a denied topic dropped: " + topic);
                if (qos == 0)
                {
                    return "OK";
                }
                await Task.Delay(_commandTimeoutMs, token);
                return "FAIL,202";
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
