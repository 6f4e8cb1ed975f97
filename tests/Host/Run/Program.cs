using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Simulator;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The firmware application on Linux. By default: an embedded MQTT broker, the simulated module on an
    /// in-process UART, the application against it, and a "cloud console" MQTT client that watches the telemetry
    /// and sends the device one control message. With --port, the application drives a real module (or a pty).
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            RunOptions options;
            try
            {
                options = RunOptions.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(RunOptions.Usage);
                return 2;
            }
            if (options.Help)
            {
                Console.WriteLine(RunOptions.Usage);
                return 0;
            }
            if (options.Push)
            {
                return await PushAsync(options);
            }

            long started = Environment.TickCount64;
            void Say(string text) => Console.WriteLine($"[{(Environment.TickCount64 - started) / 1000.0,7:F3}s] {text}");

            using CancellationTokenSource stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            if (options.Seconds > 0)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
            }

            EmbeddedBroker broker = null;
            ModuleSimulator simulator = null;
            IByteLink link;
            IModuleReset reset;
            if (options.Port == null)
            {
                if (options.BrokerHost == null)
                {
                    broker = await StartDemoBrokerAsync();
                    options.BrokerHost = "127.0.0.1";
                    options.BrokerPort = broker.Port;
                    Say($"embedded MQTT broker on 127.0.0.1:{broker.Port}");
                }
                simulator = new ModuleSimulator(new SimulatorOptions
                {
                    BrokerHost = options.BrokerHost,
                    BrokerPort = options.BrokerPort,
                    RawPublish = !options.NoRawPublish,
                });
                simulator.Log += text => { if (options.Verbose) Say("module: " + text); };
                var (mcu, module) = UartPair.CreateInProcess();
                simulator.Start(module);
                link = new StreamLink(mcu);
                reset = new SimulatorReset(simulator);
                Say($"simulated TC AT module on an in-process UART, broker {options.BrokerHost}:{options.BrokerPort}");
            }
            else
            {
                SerialPortLink serial = new SerialPortLink(options.Port, options.Baud, 8192, 20);
                serial.Open();
                link = serial;
                reset = null;
                Say($"module on {options.Port} at {options.Baud} baud (no reset line: AT+RST resets the module)");
            }
            if (options.Trace)
            {
                link = new TracingLink(link, Say, options.DeviceSecret, options.ProductSecret);
            }

            AppSettings settings = new AppSettings
            {
                ProductId = options.ProductId,
                DeviceName = options.DeviceName,
                DeviceSecret = options.DeviceSecret,
                ProductSecret = options.ProductSecret,
                TelemetryPeriodMs = options.TelemetryMs,
                BootWaitMs = simulator != null ? 200 : 1500,
            };

            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tcModule = new TcModule(engine);
            SystemClock clock = new SystemClock();
            StatusLed led = new StatusLed(new NoLed(), clock);
            MessagePrinter messages = new MessagePrinter(Say);
            ConnectionLifecycle app = new ConnectionLifecycle(tcModule, settings, reset, led, clock, new UptimeTelemetry(), messages, null);
            CloudConsole console = options.BrokerHost != null ? new CloudConsole(options.BrokerHost, options.BrokerPort, settings, Say) : null;
            app.Observer = new StatePrinter(Say, led, console);
            string store = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcatmcu-firmware-" + options.DeviceName + ".bin");
            app.Updater = new OtaUpdater(tcModule, new FileFirmwareSink(store, 716800), 4096) { Progress = new ProgressPrinter(Say) };
            if (console != null)
            {
                await console.StartAsync();
            }

            engine.Start(null);
            using ManualResetEvent stopped = new ManualResetEvent(false);
            stop.Token.Register(() => stopped.Set());
            Thread loop = new Thread(() => app.Run(stopped)) { Name = "app" };
            loop.Start();
            loop.Join();
            engine.Stop();

            Say($"stopped: {app.Published} telemetry reports published, {messages.Count} messages received, "
                + $"{engine.Stats.Lines} lines, {engine.Stats.Timeouts} timeouts, {engine.Stats.StrayLines} stray lines");
            if (console != null)
            {
                await console.DisposeAsync();
            }
            if (simulator != null)
            {
                await simulator.DisposeAsync();
            }
            if (broker != null)
            {
                await broker.DisposeAsync();
            }
            (link as IDisposable)?.Dispose();
            return options.RequireMessage && messages.Count == 0 ? 1 : 0;
        }

        /// <summary>The demo's broker on a known port, so `push` from another terminal finds it; any free one if taken.</summary>
        private static async Task<EmbeddedBroker> StartDemoBrokerAsync()
        {
            try
            {
                return await EmbeddedBroker.StartAsync(RunOptions.DemoBrokerPort);
            }
            catch (Exception)
            {
                return await EmbeddedBroker.StartAsync(0);
            }
        }

        /// <summary>`push`: the operator pushes a firmware update to the device running in the demo.</summary>
        private static async Task<int> PushAsync(RunOptions options)
        {
            void Say(string text) => Console.WriteLine(text);
            byte[] image = options.File != null ? System.IO.File.ReadAllBytes(options.File) : new byte[options.Size];
            if (options.File == null)
            {
                new Random(options.Size).NextBytes(image);
            }
            await using OtaPush push = new OtaPush(options.ProductId, options.DeviceName, Say);
            await push.StartAsync(options.BrokerHost ?? "127.0.0.1", options.BrokerHost == null ? RunOptions.DemoBrokerPort : options.BrokerPort);
            await push.PushAsync(options.Version, image);
            Task finished = await Task.WhenAny(push.Downloaded, Task.Delay(TimeSpan.FromSeconds(120)));
            if (finished != push.Downloaded || push.Downloaded.Result != "done")
            {
                Say("the module did not download the image");
                return 1;
            }
            finished = await Task.WhenAny(push.NewVersionReported, Task.Delay(TimeSpan.FromSeconds(120)));
            if (finished != push.NewVersionReported)
            {
                Say("the device did not report version " + options.Version);
                return 1;
            }
            Say("device runs " + options.Version);
            return 0;
        }

        private sealed class ProgressPrinter : IOtaProgress
        {
            private readonly Action<string> _say;
            private int _lastTenth = -1;

            public ProgressPrinter(Action<string> say) => _say = say;

            public void OnProgress(int bytes, int total, long elapsedMs)
            {
                int tenth = (int)(bytes * 10L / total);
                if (tenth != _lastTenth)
                {
                    _lastTenth = tenth;
                    _say($"firmware read {bytes}/{total} bytes ({bytes * 100L / total}%), {bytes * 1000L / Math.Max(1, elapsedMs)} B/s");
                }
            }
        }

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }

        private sealed class SimulatorReset : IModuleReset
        {
            private readonly ModuleSimulator _simulator;

            public SimulatorReset(ModuleSimulator simulator)
            {
                _simulator = simulator;
            }

            public void Pulse()
            {
                _simulator.Reboot();
            }
        }

        private sealed class MessagePrinter : IReportHandler
        {
            private readonly Action<string> _say;

            public MessagePrinter(Action<string> say)
            {
                _say = say;
            }

            public int Count;

            public void OnReport(Report report)
            {
                Count++;
                string topic = Encoding.UTF8.GetString(report.Buffer, 0, report.TopicLength);
                string payload = Encoding.UTF8.GetString(report.Buffer, report.PayloadOffset, report.PayloadLength);
                _say($"firmware received on {topic}: {payload}");
            }
        }

        private sealed class StatePrinter : IStateObserver
        {
            private readonly Action<string> _say;
            private readonly StatusLed _led;
            private readonly CloudConsole _console;

            public StatePrinter(Action<string> say, StatusLed led, CloudConsole console)
            {
                _say = say;
                _led = led;
                _console = console;
            }

            public void OnStateChanged(AppState state)
            {
                _say($"state: {AppStateNames.Of(state)}, LED {_led.Pattern.Name}");
                if (state == AppState.Online && _console != null)
                {
                    _console.SendControlSoon();
                }
            }
        }
    }
}
