using System;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Run;
using TcAtMcu.Simulator;
using TcAtMcu.Tests.Support;
using Xunit;
using static TcAtMcu.Tests.Host.SimulatorRig;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The simulated module's UART speed and power, byte for byte: AT+UART_CUR's OK at the old rate and everything after
    /// at the new one, "ready" back at the default, RTS/CTS stopping the sender while the receiver does not read, the
    /// sleep modes and deep sleep with its timed wake.
    /// </summary>
    [Collection("simulator transcripts")]
    public class SimulatorLinkTests
    {
        private static readonly byte[] Ready = "\r\nready\r\n"u8.ToArray();
        private static readonly byte[] WifiUp = "WIFI CONNECTED\r\nWIFI GOT IP\r\n"u8.ToArray();

        private static byte[] Garbled(byte[] bytes) => bytes.Select(UartPair.Garble).ToArray();

        [Fact]
        public async Task UartCurAnswersOkAtTheOldRateThenRunsAtTheNewOne()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => o.BaudRate = 115200);
            rig.McuEnd.BaudRate = 115200;
            rig.EchoOff();
            rig.Exchange("AT+UART_CUR=921600,8,1,0,0\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            Assert.True(SpinWait.SpinUntil(() => rig.Simulator.BaudRate == 921600, 2000));

            // The MCU still at 115200: the module hears noise (no line end), and its answer to the next line says so.
            rig.Send("AT\r\n"u8.ToArray());
            rig.ExpectSilence(100);
            rig.McuEnd.BaudRate = 921600;
            rig.Exchange("AT\r\n"u8.ToArray(), "ERROR\r\n"u8.ToArray());
            rig.Exchange("AT\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            rig.Exchange("AT+UART_CUR?\r\n"u8.ToArray(), "+UART_CUR:921600,8,1,0,0\r\nOK\r\n"u8.ToArray());
        }

        [Fact]
        public async Task PacingFollowsTheRateAfterTheOk()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => o.BaudRate = 115200);
            byte[] image = RandomNumberGenerator.GetBytes(8192);
            rig.Simulator.CacheFirmware("2.0.0", image);
            rig.McuEnd.BaudRate = 115200;
            rig.EchoOff();
            rig.Exchange("AT+TCFWINFO?\r\n"u8.ToArray(), Encoding.ASCII.GetBytes("OK\r\n+TCFWINFO:\"2.0.0\",8192,\"" + Convert.ToHexStringLower(MD5.HashData(image)) + "\",716800\r\n"));
            double slow = TimeChunk(rig, image, 0);
            rig.Exchange("AT+UART_CUR=921600,8,1,0,0\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            Assert.True(SpinWait.SpinUntil(() => rig.Simulator.BaudRate == 921600, 2000));
            rig.McuEnd.BaudRate = 921600;
            double fast = TimeChunk(rig, image, 4096);
            // 4,096 data bytes and their 25 framing bytes cannot pass 115200 8N1 faster than the line carries them.
            Assert.True(slow >= 4096 / 11520.0 * 0.95, "4 KB at 115200 in " + slow + " s");
            Assert.True(fast < slow / 2, "4 KB at 921600 in " + fast + " s, at 115200 in " + slow + " s");
        }

        private static double TimeChunk(SimulatorRig rig, byte[] image, int offset)
        {
            rig.Send("AT+TCREADFWDATA=4096\r\n"u8.ToArray());
            rig.Expect("OK\r\n+TCREADFWDATA:4096,"u8.ToArray());
            Stopwatch watch = Stopwatch.StartNew();
            rig.Expect(image.Skip(offset).Take(4096).Concat("\r\n"u8.ToArray()).ToArray());
            return watch.Elapsed.TotalSeconds;
        }

        [Fact]
        public async Task ReadyReturnsTheModuleToItsDefaultRate()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => o.BaudRate = 0);
            rig.McuEnd.BaudRate = 115200;
            rig.EchoOff();
            rig.Exchange("AT+UART_CUR=460800,8,1,0,0\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            rig.McuEnd.BaudRate = 460800;
            Thread.Sleep(20);
            rig.Exchange("AT\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());

            // A reboot: its boot output and "ready" are at 115200, noise to an MCU still at 460800.
            rig.Simulator.Reboot();
            rig.Expect(Garbled(Concat(ModuleSimulator.BootGarbageBytes, Ready, WifiUp)));
            Assert.Equal(115200, rig.Simulator.BaudRate);
            rig.McuEnd.BaudRate = 115200;
            rig.Exchange("AT\r\n"u8.ToArray(), "AT\r\nOK\r\n"u8.ToArray());
        }

        [Fact]
        public async Task RefusalsOfTheRateAndOfFlowControl()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => { o.MaxBaud = 460800; o.SwappedUart = true; });
            rig.EchoOff();
            rig.Exchange("AT+UART_CUR=921600,8,1,0,0\r\n"u8.ToArray(), "ERROR\r\n"u8.ToArray());
            rig.Exchange("AT+UART_CUR=460800,8,1,0,3\r\n"u8.ToArray(), "ERROR\r\n"u8.ToArray());
            rig.Exchange("AT+UART_CUR=460800,8,1\r\n"u8.ToArray(), "ERROR\r\n"u8.ToArray());
            Assert.Equal(115200, rig.Simulator.BaudRate);
        }

        [Fact]
        public async Task FlowControlStopsTheSenderWhileTheReceiverDoesNotRead()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(null, 256);
            byte[] image = RandomNumberGenerator.GetBytes(4096);
            rig.Simulator.CacheFirmware("2.0.0", image);
            rig.EchoOff();
            rig.McuEnd.FlowControl = true;
            rig.Exchange("AT+UART_CUR=115200,8,1,0,3\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            Assert.True(SpinWait.SpinUntil(() => rig.Simulator.FlowControl, 2000));
            rig.Exchange("AT+TCFWINFO?\r\n"u8.ToArray(), Encoding.ASCII.GetBytes("OK\r\n+TCFWINFO:\"2.0.0\",4096,\"" + Convert.ToHexStringLower(MD5.HashData(image)) + "\",716800\r\n"));

            PauseReading(rig);
            rig.Send("AT+TCREADFWDATA=4096\r\n"u8.ToArray());
            Thread.Sleep(400);
            Assert.Equal("OK\r\n"u8.ToArray(), rig.Pending());
            rig.ReadingPaused = false;
            rig.Expect(Concat("OK\r\nOK\r\n+TCREADFWDATA:4096,"u8.ToArray(), image, "\r\n"u8.ToArray()));
            Assert.Equal(0, rig.McuOverruns);
        }

        // The rig's reader is blocked in a read when the pause is set: an AT's OK ends that read, then it stops reading.
        private static void PauseReading(SimulatorRig rig)
        {
            rig.ReadingPaused = true;
            rig.Send("AT\r\n"u8.ToArray());
            Assert.True(SpinWait.SpinUntil(() => rig.Pending().Length == 4, 2000));
            Thread.Sleep(50);
        }

        [Fact]
        public async Task WithoutFlowControlABusyReceiverLosesBytes()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(null, 256);
            byte[] image = RandomNumberGenerator.GetBytes(4096);
            rig.Simulator.CacheFirmware("2.0.0", image);
            rig.EchoOff();
            rig.Exchange("AT+TCFWINFO?\r\n"u8.ToArray(), Encoding.ASCII.GetBytes("OK\r\n+TCFWINFO:\"2.0.0\",4096,\"" + Convert.ToHexStringLower(MD5.HashData(image)) + "\",716800\r\n"));
            PauseReading(rig);
            rig.Send("AT+TCREADFWDATA=4096\r\n"u8.ToArray());
            Thread.Sleep(400);
            rig.ReadingPaused = false;
            Thread.Sleep(200);
            Assert.Equal(Concat("OK\r\nOK\r\n+TCREADFWDATA:4096,"u8.ToArray(), image).Take(4 + 256).ToArray(), rig.Pending());
            Assert.Equal(4096 + 25 - 256, rig.McuOverruns);
        }

        [Fact]
        public async Task SleepModeIsASettingTheBootReturnsToModemSleep()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            rig.EchoOff();
            rig.Exchange("AT+SLEEP?\r\n"u8.ToArray(), "+SLEEP:2\r\nOK\r\n"u8.ToArray());
            rig.Exchange("AT+SLEEP=1\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            rig.Exchange("AT+SLEEP?\r\n"u8.ToArray(), "+SLEEP:1\r\nOK\r\n"u8.ToArray());
            rig.Exchange("AT+SLEEP=0\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            rig.Exchange("AT+SLEEP=3\r\n"u8.ToArray(), "ERROR\r\n"u8.ToArray());
            rig.Exchange("AT+SLEEP?\r\n"u8.ToArray(), "+SLEEP:0\r\nOK\r\n"u8.ToArray());
            rig.Simulator.Reboot();
            rig.Expect(Concat(ModuleSimulator.BootGarbageBytes, Ready, WifiUp));
            rig.EchoOff();
            rig.Exchange("AT+SLEEP?\r\n"u8.ToArray(), "+SLEEP:2\r\nOK\r\n"u8.ToArray());
        }

        [Fact]
        public async Task InModemSleepAMessageWaitsForTheNextBeacon()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => o.BeaconIntervalMs = 300);
            rig.Connect();
            string topic = "$thing/down/property/" + ProductId + "/" + DeviceName;
            rig.Exchange(Encoding.ASCII.GetBytes("AT+TCMQTTSUB=\"" + topic + "\",0\r\n"), "OK\r\n+TCMQTTSUB:OK\r\n"u8.ToArray());
            byte[] expected = Encoding.ASCII.GetBytes("+TCMQTTRCVPUB:\"" + topic + "\",5,\"hello\"\r\n");
            rig.Exchange("AT+SLEEP=2\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            await rig.CloudPublishAsync(topic, "hello"u8.ToArray());
            rig.Expect(expected);
            rig.Exchange("AT+SLEEP=0\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            await rig.CloudPublishAsync(topic, "hello"u8.ToArray());
            rig.Expect(expected);
        }

        [Fact]
        public async Task DeepSleepLosesTheConnectionIgnoresTheUartAndWakesOnItsTimer()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            rig.Connect();
            Stopwatch watch = Stopwatch.StartNew();
            rig.Exchange("AT+GSLP=600\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            Assert.True(SpinWait.SpinUntil(() => !rig.Simulator.MqttConnected, 2000), "MQTT gone");
            rig.Send("AT\r\n"u8.ToArray());
            rig.ExpectSilence(200);
            rig.Expect(Concat(ModuleSimulator.BootGarbageBytes, Ready, WifiUp), 5000);
            Assert.True(watch.ElapsedMilliseconds >= 600, "woke after " + watch.ElapsedMilliseconds + " ms");
            Assert.Equal(1, rig.Simulator.DeepSleeps);
            Assert.InRange(rig.Simulator.DeepSleepMs, 550, 5000);
            rig.Exchange("AT\r\n"u8.ToArray(), "AT\r\nOK\r\n"u8.ToArray());
            rig.Exchange("AT+TCMQTTSTATE?\r\n"u8.ToArray(), "AT+TCMQTTSTATE?\r\n+TCMQTTSTATE:0\r\nOK\r\n"u8.ToArray());
        }

        [Fact]
        public async Task WithoutTheTimedWakeOnlyAResetWakesIt()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => o.TimedWake = false);
            rig.EchoOff();
            rig.Exchange("AT+GSLP=100\r\n"u8.ToArray(), "OK\r\n"u8.ToArray());
            rig.ExpectSilence(400);
            Assert.True(rig.Simulator.DeepSleeping);
            rig.Simulator.Reboot();
            rig.Expect(Concat(ModuleSimulator.BootGarbageBytes, Ready, WifiUp));
            Assert.False(rig.Simulator.DeepSleeping);
        }
    }

    /// <summary>
    /// The firmware's rate negotiation against the simulated module on a line that garbles bytes between ends at
    /// different rates: negotiated after each boot, back to the default on a reboot the MCU does not hear, including a
    /// reboot in the middle of the rate change; a refusal runs at the default.
    /// </summary>
    [Collection("end to end")]
    public class BaudNegotiationEndToEndTests
    {
        private sealed class Log : IBaudObserver
        {
            public readonly System.Collections.Concurrent.ConcurrentQueue<string> Lines = new System.Collections.Concurrent.ConcurrentQueue<string>();

            public void OnBaudRate(int baud, int requested, BaudOutcome outcome, AtResult result) => Lines.Enqueue(outcome + "@" + baud);
        }

        private static async Task RunAsync(Action<SimulatorOptions> configure, Action<ModuleSimulator, ConnectionLifecycle, Log, StreamLink> body)
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            SimulatorOptions options = new SimulatorOptions { BrokerPort = broker.Port };
            configure?.Invoke(options);
            await using ModuleSimulator simulator = new ModuleSimulator(options);
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            link.SetBaudRate(115200);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            tc.LocalTimeoutMs = 500;
            AppSettings settings = new AppSettings
            {
                ProductId = "E2EBAUD001", DeviceName = "dev01", DeviceSecret = "YmF1ZHJhdGU=", TelemetryPeriodMs = 300, BootWaitMs = 200,
                BackoffMinMs = 200, BackoffMaxMs = 1000,
            };
            CloudRouter cloud = new CloudRouter(tc, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(new SystemClock(), settings.TelemetryPeriodMs));
            ConnectionLifecycle app = new ConnectionLifecycle(tc, settings, new SimulatedDevice.ModuleReset(simulator.Reboot),
                new StatusLed(new RecordingLed(), new SystemClock()), new SystemClock(), cloud, null);
            Log log = new Log();
            app.Speed = new BaudNegotiation(tc, link, 921600, false) { Observer = log };
            engine.Start(null);
            using ManualResetEvent stop = new ManualResetEvent(false);
            Thread loop = new Thread(() => app.Run(stop));
            loop.Start();
            try
            {
                body(simulator, app, log, link);
            }
            finally
            {
                stop.Set();
                loop.Join();
                engine.Stop();
            }
        }

        private static void AssertOnlineAt(int baud, ModuleSimulator simulator, ConnectionLifecycle app, StreamLink link, int published)
        {
            Assert.True(SpinWait.SpinUntil(() => app.State == AppState.Online && app.Published >= published, 20000),
                AppStateNames.Of(app.State) + ", published " + app.Published);
            Assert.Equal(baud, link.BaudRate);
            Assert.Equal(baud, simulator.BaudRate);
        }

        [Fact]
        public async Task NegotiatedAfterEveryBootIncludingOneTheMcuDidNotHear()
        {
            await RunAsync(null, (simulator, app, log, link) =>
            {
                AssertOnlineAt(921600, simulator, app, link, 1);
                // Its "ready" is noise at 921600: the firmware finds the module silent, asks at 115200, negotiates again.
                simulator.Reboot();
                Assert.True(SpinWait.SpinUntil(() => log.Lines.Count >= 2, 30000), string.Join(", ", log.Lines));
                AssertOnlineAt(921600, simulator, app, link, app.Published + 1);
                Assert.Equal(new[] { "Negotiated@921600", "Negotiated@921600" }, log.Lines.ToArray());
            });
        }

        [Fact]
        public async Task ARebootInTheMiddleOfTheRateChange()
        {
            int rebooted = 0;
            await RunAsync(null, (simulator, app, log, link) =>
            {
                // The first AT+UART_CUR: its OK goes out, then the module reboots before the MCU confirms the new rate.
                simulator.LineReceived += (line, at) =>
                {
                    if (line.StartsWith("AT+UART_CUR", StringComparison.Ordinal) && Interlocked.Exchange(ref rebooted, 1) == 0)
                    {
                        _ = Task.Run(async () => { await Task.Delay(5); simulator.Reboot(); });
                    }
                };
                AssertOnlineAt(921600, simulator, app, link, 1);
                Assert.Equal(1, rebooted);
                Assert.Contains("Negotiated@921600", log.Lines);
            });
        }

        [Fact]
        public async Task ARefusedRateRunsAtTheDefaultAndSaysWhy()
        {
            await RunAsync(o => o.MaxBaud = 460800, (simulator, app, log, link) =>
            {
                AssertOnlineAt(115200, simulator, app, link, 1);
                Assert.Equal(new[] { "Refused@115200" }, log.Lines.ToArray());
            });
        }
    }
}
