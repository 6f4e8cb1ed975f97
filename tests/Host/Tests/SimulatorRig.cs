using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;
using TcAtMcu.Simulator;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The simulated module on an in-process UART with the embedded broker, driven byte by byte as an MCU would:
    /// what is sent is cut at odd places, what comes back is compared byte for byte.
    /// </summary>
    public sealed class SimulatorRig : IAsyncDisposable
    {
        public const string ProductId = "TRANSCRPT1";
        public const string DeviceName = "dev01";
        public const string DeviceSecret = "c2VjcmV0LXRyYW5zY3JpcHQtMDE=";

        private readonly List<byte> _received = new List<byte>();
        private readonly Random _cuts = new Random(13);
        private Stream _mcu;
        private Thread _reader;
        private IMqttClient _cloud;

        public EmbeddedBroker Broker { get; private set; }
        public ModuleSimulator Simulator { get; private set; }
        public SimulatorOptions Options { get; private set; }

        /// <summary>Every message the broker accepted, from any client.</summary>
        public ConcurrentQueue<(string Topic, byte[] Payload)> Published { get; } = new ConcurrentQueue<(string, byte[])>();

        /// <summary>The MCU's end of the UART: its rate and RTS/CTS (the line garbles bytes between ends at different rates).</summary>
        public IUartEnd McuEnd => (IUartEnd)_mcu;

        /// <summary>Bytes lost at the MCU's end (its FIFO full without flow control).</summary>
        public long McuOverruns => UartPair.Overruns(_mcu);

        /// <summary>The MCU stops reading the UART while set (a busy receiver).</summary>
        public volatile bool ReadingPaused;

        public static Task<SimulatorRig> StartAsync(Action<SimulatorOptions> configure = null) => StartAsync(configure, int.MaxValue);

        /// <param name="fifo">What each end's receiver holds unread (see <see cref="UartPair"/>).</param>
        public static async Task<SimulatorRig> StartAsync(Action<SimulatorOptions> configure, int fifo)
        {
            SimulatorRig rig = new SimulatorRig();
            rig.Broker = await EmbeddedBroker.StartAsync(0);
            rig.Broker.Published += (topic, payload) => rig.Published.Enqueue((topic, payload));
            rig.Options = new SimulatorOptions { BrokerPort = rig.Broker.Port };
            configure?.Invoke(rig.Options);
            rig.Simulator = new ModuleSimulator(rig.Options);
            var (mcu, module) = UartPair.CreateInProcess(fifo);
            rig._mcu = mcu;
            rig.Simulator.Start(module);
            rig._reader = new Thread(rig.ReadLoop) { IsBackground = true, Name = "transcript-rx" };
            rig._reader.Start();
            return rig;
        }

        private void ReadLoop()
        {
            byte[] buffer = new byte[4096];
            try
            {
                int n;
                while (true)
                {
                    while (ReadingPaused)
                    {
                        Thread.Sleep(5);
                    }
                    if ((n = _mcu.Read(buffer, 0, buffer.Length)) <= 0)
                    {
                        break;
                    }
                    lock (_received)
                    {
                        _received.AddRange(buffer.Take(n));
                        Monitor.PulseAll(_received);
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException)
            {
            }
        }

        /// <summary>Sends the bytes in two to five pieces cut at seeded random places, with a pause between them so the
        /// module reads them separately.</summary>
        public void Send(byte[] bytes)
        {
            int pieces = Math.Min(bytes.Length, 2 + _cuts.Next(4));
            List<int> cuts = Enumerable.Range(1, bytes.Length - 1).OrderBy(_ => _cuts.Next()).Take(pieces - 1).OrderBy(c => c).ToList();
            SendCut(bytes, cuts.ToArray());
        }

        /// <summary>Sends the bytes cut exactly at the given offsets.</summary>
        public void SendCut(byte[] bytes, params int[] cuts)
        {
            int from = 0;
            foreach (int cut in cuts.Append(bytes.Length))
            {
                if (cut > from)
                {
                    _mcu.Write(bytes, from, cut - from);
                    _mcu.Flush();
                    Thread.Sleep(15);
                }
                from = cut;
            }
        }

        /// <summary>The next bytes from the module are exactly these (extra bytes stay for the next Expect).</summary>
        public void Expect(byte[] expected, int timeoutMs = 5000)
        {
            byte[] got = Take(expected.Length, timeoutMs);
            Assert.True(expected.AsSpan().SequenceEqual(got), "expected " + Show(expected) + "\n     got " + Show(got) + Show(Pending()));
        }

        /// <summary>Sends a command and expects exactly that answer.</summary>
        public void Exchange(byte[] command, byte[] answer, int timeoutMs = 5000)
        {
            Send(command);
            Expect(answer, timeoutMs);
        }

        /// <summary>The next line from the module (with its CR LF).</summary>
        public byte[] Line(int timeoutMs = 5000)
        {
            DateTime end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            lock (_received)
            {
                while (true)
                {
                    for (int i = 1; i < _received.Count; i++)
                    {
                        if (_received[i] == '\n' && _received[i - 1] == '\r')
                        {
                            byte[] line = _received.Take(i + 1).ToArray();
                            _received.RemoveRange(0, i + 1);
                            return line;
                        }
                    }
                    int left = (int)(end - DateTime.UtcNow).TotalMilliseconds;
                    Assert.True(left > 0, "no line within " + timeoutMs + " ms; pending: " + Show(_received.ToArray()));
                    Monitor.Wait(_received, left);
                }
            }
        }

        /// <summary>Nothing at all comes from the module for that long.</summary>
        public void ExpectSilence(int ms)
        {
            Thread.Sleep(ms);
            Assert.True(Pending().Length == 0, "unexpected " + Show(Pending()));
        }

        public byte[] Pending()
        {
            lock (_received)
            {
                return _received.ToArray();
            }
        }

        private byte[] Take(int count, int timeoutMs)
        {
            DateTime end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            lock (_received)
            {
                while (_received.Count < count)
                {
                    int left = (int)(end - DateTime.UtcNow).TotalMilliseconds;
                    if (left <= 0)
                    {
                        break;
                    }
                    Monitor.Wait(_received, left);
                }
                int n = Math.Min(count, _received.Count);
                byte[] got = _received.Take(n).ToArray();
                _received.RemoveRange(0, n);
                return got;
            }
        }

        public static string Show(byte[] bytes)
        {
            StringBuilder b = new StringBuilder("\"");
            foreach (byte x in bytes)
            {
                b.Append(x switch
                {
                    (byte)'\r' => "\\r",
                    (byte)'\n' => "\\n",
                    (byte)'"' => "\\\"",
                    _ => x >= 0x20 && x < 0x7F ? ((char)x).ToString() : "\\x" + x.ToString("X2"),
                });
            }
            return b.Append('"').ToString();
        }

        public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        // ---- common sequences ----

        /// <summary>ATE0 (echoed: echo is on until it is off), then quiet.</summary>
        public void EchoOff() => Exchange("ATE0\r\n"u8.ToArray(), "ATE0\r\nOK\r\n"u8.ToArray());

        /// <summary>Echo off, identity, MQTT connection with a 1 s command timeout.</summary>
        public void Connect()
        {
            EchoOff();
            Exchange(Encoding.ASCII.GetBytes("AT+TCDEVINFOSET=1,\"" + ProductId + "\",\"" + DeviceName + "\",\"" + DeviceSecret + "\"\r\n"),
                "OK\r\n+TCDEVINFOSET:OK\r\n"u8.ToArray());
            Exchange("AT+TCMQTTCONN=1,1000,240,1,1\r\n"u8.ToArray(), "OK\r\n+TCMQTTCONN:OK\r\n"u8.ToArray());
        }

        /// <summary>A client of the broker standing for the cloud.</summary>
        public async Task CloudPublishAsync(string topic, byte[] payload)
        {
            if (_cloud == null)
            {
                _cloud = new MqttClientFactory().CreateMqttClient();
                await _cloud.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Broker.Port).WithClientId("cloud").Build());
            }
            await _cloud.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        public (string Topic, byte[] Payload) WaitPublished(Func<(string Topic, byte[] Payload), bool> match, int timeoutMs = 5000) =>
            Eventually.First(Published, match, timeoutMs, () => "not published; saw " + string.Join(", ", Published.Select(p => p.Topic)));

        public async ValueTask DisposeAsync()
        {
            if (_cloud != null)
            {
                await _cloud.DisconnectAsync();
                _cloud.Dispose();
            }
            await Simulator.DisposeAsync();
            _mcu.Dispose();
            await Broker.DisposeAsync();
        }
    }
}
