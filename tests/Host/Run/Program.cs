using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
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
    /// in-process UART, the application (the smart lamp: its data template over ThingClient) against it, and the
    /// simulated IoT Explorer, which answers the device and plays the console: a desired state waiting at start,
    /// then a control, an action and a control it must refuse. With --port, the application drives a real module.
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
                reset = new NoReset();
                Say($"module on {options.Port} at {options.Baud} baud (no reset line: the module is not reset)");
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

            // The product: the smart lamp's generated data template, its logic, and the flows on $thing topics.
            ThingTopics topics = new ThingTopics(settings.ProductId, settings.DeviceName);
            settings.ExtraTopics = new[] { topics.DownEvent, topics.DownAction };
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, new LampShow(lamp, logic, Say), new ModulePublisher(tcModule, topics), topics,
                clock, "ESP8266", settings.FirmwareVersion, 1024);
            logic.Client = thing;
            MessagePrinter messages = new MessagePrinter(Say, thing, options.Verbose);
            ConnectionLifecycle app = new ConnectionLifecycle(tcModule, settings, reset, led, clock, thing, messages, null);
            app.OnlineListener = thing;

            ExplorerCloud cloud = null;
            if (options.BrokerHost != null)
            {
                using System.IO.Stream json = typeof(Program).Assembly.GetManifestResourceStream("smart-lamp.json");
                cloud = new ExplorerCloud(settings.ProductId, settings.DeviceName, new System.IO.StreamReader(json).ReadToEnd());
                cloud.Log += Say;
                // Set in the console while the device was off: get_status_reply hands it over at start.
                cloud.SetDesired("{\"power_switch\":1,\"color\":1}");
            }
            ConsoleDemo demo = new ConsoleDemo(cloud, Say);
            app.Observer = new StatePrinter(Say, led, demo);
            string store = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcatmcu-firmware-" + options.DeviceName + ".bin");
            app.Updater = new OtaUpdater(tcModule, new FileFirmwareSink(store, 716800), 4096) { Progress = new ProgressPrinter(Say) };
            if (cloud != null)
            {
                await cloud.StartAsync(options.BrokerHost, options.BrokerPort);
            }

            engine.Start(null);
            using ManualResetEvent stopped = new ManualResetEvent(false);
            stop.Token.Register(() => stopped.Set());
            Thread loop = new Thread(() => app.Run(stopped)) { Name = "app" };
            loop.Start();
            loop.Join();
            engine.Stop();

            Say($"stopped: {app.Published} periodic reports published, {messages.Count} messages received, "
                + $"{thing.ControlsApplied} controls applied, {thing.ControlsRefused} refused, {thing.ActionsAnswered} actions answered, "
                + $"{engine.Stats.Lines} lines, {engine.Stats.Timeouts} timeouts, {engine.Stats.StrayLines} stray lines");
            if (cloud != null)
            {
                await cloud.DisposeAsync();
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

        private sealed class NoReset : IModuleReset
        {
            public void Pulse()
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

        /// <summary>Counts the messages the firmware receives (and prints them with --verbose) on their way to the lamp.</summary>
        private sealed class MessagePrinter : IReportHandler
        {
            private readonly Action<string> _say;
            private readonly IReportHandler _next;
            private readonly bool _verbose;

            public MessagePrinter(Action<string> say, IReportHandler next, bool verbose)
            {
                _say = say;
                _next = next;
                _verbose = verbose;
            }

            public int Count;

            public void OnReport(Report report)
            {
                Count++;
                if (_verbose)
                {
                    string topic = Encoding.UTF8.GetString(report.Buffer, 0, report.TopicLength);
                    string payload = Encoding.UTF8.GetString(report.Buffer, report.PayloadOffset, report.PayloadLength);
                    _say($"firmware received on {topic}: {payload}");
                }
                _next.OnReport(report);
            }
        }

        /// <summary>The lamp's logic, with what the lamp does printed: the properties changing live.</summary>
        private sealed class LampShow : IThingHandler
        {
            private readonly SmartLamp _lamp;
            private readonly LampLogic _logic;
            private readonly Action<string> _say;

            public LampShow(SmartLamp lamp, LampLogic logic, Action<string> say)
            {
                _lamp = lamp;
                _logic = logic;
                _say = say;
            }

            public void OnControl()
            {
                _say($"lamp: {(_lamp.PowerSwitch ? "on" : "off")}, brightness {_lamp.Brightness}%, {_lamp.Color}, name \"{_lamp.Name}\"");
                _logic.OnControl();
            }

            public int OnAction(TemplateAction action)
            {
                int code = _logic.OnAction(action);
                _say($"lamp: action {Encoding.ASCII.GetString(action.Id)} done, code {code}");
                return code;
            }

            public void OnEventReply(TemplateEvent templateEvent, int code)
            {
                _logic.OnEventReply(templateEvent, code);
                _say($"lamp: event {Encoding.ASCII.GetString(templateEvent.Id)} " + (code == ThingCodes.NoReply ? "got no reply" : "answered " + code));
            }
        }

        /// <summary>What the console's user does once the device is online: a control, an action, a control out of range.</summary>
        private sealed class ConsoleDemo
        {
            private readonly ExplorerCloud _cloud;
            private readonly Action<string> _say;
            private int _started;

            public ConsoleDemo(ExplorerCloud cloud, Action<string> say)
            {
                _cloud = cloud;
                _say = say;
            }

            public void Start()
            {
                if (_cloud == null || Interlocked.Exchange(ref _started, 1) == 1)
                {
                    return;
                }
                _ = Task.Run(async () =>
                {
                    try
                    {
                        TimeSpan wait = TimeSpan.FromSeconds(10);
                        await Task.Delay(1500);
                        await _cloud.ControlAsync("{\"power_switch\":1,\"brightness\":80,\"color\":2,\"name\":\"客厅 \\\"north\\\"\"}", wait);
                        await Task.Delay(1000);
                        await _cloud.ActionAsync("blink", "{\"times\":3}", wait);
                        await Task.Delay(1000);
                        await _cloud.ControlAsync("{\"brightness\":150}", wait);
                        await Task.Delay(500);
                        _say("cloud: reported state " + _cloud.Reported.ToJsonString(new System.Text.Json.JsonSerializerOptions
                            { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                    }
                    catch (Exception e) when (e is TimeoutException || e is InvalidOperationException || e is OperationCanceledException)
                    {
                        _say("cloud: " + e.Message);
                    }
                });
            }
        }

        private sealed class StatePrinter : IStateObserver
        {
            private readonly Action<string> _say;
            private readonly StatusLed _led;
            private readonly ConsoleDemo _demo;

            public StatePrinter(Action<string> say, StatusLed led, ConsoleDemo demo)
            {
                _say = say;
                _led = led;
                _demo = demo;
            }

            public void OnStateChanged(AppState state)
            {
                _say($"state: {AppStateNames.Of(state)}, LED {_led.Pattern.Name}");
                if (state == AppState.Online)
                {
                    _demo.Start();
                }
            }
        }
    }
}
