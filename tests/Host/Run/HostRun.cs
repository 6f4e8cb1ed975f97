using System;
using System.IO;
using System.IO.Ports;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Ota;
using TcAtMcu.Simulator;

namespace TcAtMcu.Run
{
    /// <summary>
    /// One run of the firmware application on the host: its peers (broker, simulated module on an in-process UART
    /// or a pty pair, or a real module), the application (the smart lamp: its data template over ThingClient), the
    /// simulated IoT Explorer playing the console (a desired state waiting at start, then a control, an action and a
    /// control it must refuse), and what is shown of them.
    /// </summary>
    public sealed class HostRun : IAsyncDisposable
    {
        private readonly RunOptions _options;
        private readonly RunView _view;
        private EmbeddedBroker _broker;
        private ModuleSimulator _simulator;
        private SerialPort _simulatorPort;
        private PtyPair _pty;
        private IByteLink _link;
        private ExplorerCloud _cloud;
        private int _backoffs;
        private int _received;
        private string _storeFolder;
        private volatile string _deviceGone;
        private SubDeviceDemo _subDevices;

        public HostRun(RunOptions options)
        {
            _options = options;
            bool live = !options.Plain && LiveView.Possible();
            _view = new RunView(live ? null : Console.WriteLine);
        }

        public async Task<int> RunAsync(CancellationToken cancel)
        {
            using CancellationTokenSource lost = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            CancellationToken stop = lost.Token;
            RunOptions o = _options;
            IModuleReset reset = null; // no reset line: the application resets the module with AT+RST
            string where;
            // Every link opens at the module's boot rate; the lifecycle negotiates --baud after each boot (AT+UART_CUR).
            const int bootBaud = BaudNegotiation.ModuleDefaultBaud;
            if (o.Port != null)
            {
                _link = OpenSerial(o.Port, bootBaud);
                where = $"module on {o.Port}, {bootBaud} baud at boot, {o.Baud} negotiated (no reset line: AT+RST resets the module)";
            }
            else
            {
                if (o.BrokerHost == null)
                {
                    _broker = await StartDemoBrokerAsync();
                    o.BrokerHost = "127.0.0.1";
                    o.BrokerPort = _broker.Port;
                }
                _simulator = new ModuleSimulator(new SimulatorOptions
                {
                    BrokerHost = o.BrokerHost,
                    BrokerPort = o.BrokerPort,
                    RawPublish = !o.NoRawPublish,
                    FirmwareGeneration = o.ModuleFirmware,
                    BaudRate = o.PacedBaud > 0 ? bootBaud : 0,
                });
                _simulator.Log += text => { if (o.Verbose) _view.Event("module: " + text); };
                reset = new SimulatorReset(_simulator);
                string pace = (o.PacedBaud > 0 ? $"paced at {bootBaud} baud at boot" : "not paced (--no-pacing)") + $", {o.Baud} negotiated";
                if (o.Pty)
                {
                    _pty = PtyPair.Start();
                    _simulatorPort = new SerialPort(_pty.ModuleEnd, bootBaud);
                    _simulatorPort.Open();
                    _simulator.Start(_simulatorPort.BaseStream);
                    _link = OpenSerial(_pty.McuEnd, bootBaud);
                    where = $"simulated module on a socat pty pair, {pace} (firmware on {_pty.McuEnd})";
                }
                else
                {
                    var (mcu, moduleEnd) = UartPair.CreateInProcess();
                    _simulator.Start(moduleEnd);
                    StreamLink link = new StreamLink(mcu);
                    link.SetBaudRate(bootBaud); // the line garbles what one end sends at a rate the other does not run
                    _link = link;
                    where = $"simulated module on an in-process UART, {pace}";
                }
                if (o.PacedBaud > 0)
                {
                    _link = new PacedLink(_link, bootBaud);
                }
            }
            string brokerText = o.BrokerHost != null ? $", broker {o.BrokerHost}:{o.BrokerPort}" + (_broker != null ? " (embedded)" : "") : "";
            _view.Title = "TcAtMcu host run · " + (o.BrokerHost != null ? $"broker {o.BrokerHost}:{o.BrokerPort}" + (_broker != null ? " (embedded)" : "") : "module on " + o.Port);
            _view.Where = where + brokerText;
            _view.TopicSuffix = "/" + o.ProductId + "/" + o.DeviceName;
            _view.Event(where + brokerText);
            if (_broker != null && _broker.Port != RunOptions.DemoBrokerPort)
            {
                _view.Event($"port {RunOptions.DemoBrokerPort} was taken: push with --broker 127.0.0.1:{_broker.Port}");
            }

            WireTap tap = new WireTap(_link, o.DeviceSecret, o.ProductSecret);
            Conversation conversation = new Conversation(tap);
            if (o.Trace)
            {
                tap.Sent += line => _view.Event("MCU> " + line);
                tap.Received += line => _view.Event("MOD< " + line);
            }
            AppSettings settings = new AppSettings
            {
                ProductId = o.ProductId,
                DeviceName = o.DeviceName,
                DeviceSecret = o.DeviceSecret,
                ProductSecret = o.ProductSecret,
                TelemetryPeriodMs = o.TelemetryMs,
                BootWaitMs = _simulator != null ? 200 : 1500,
                // As DeviceSettings.cs reports it: the assembly's version, from git.
                FirmwareVersion = AssemblyVersionText.Of(typeof(HostRun).Assembly),
            };
            AtEngine engine = new AtEngine(tap, new AtEngineOptions());
            conversation.Timeouts = () => engine.Stats.Timeouts;
            TcModule module = new TcModule(engine);
            SystemClock clock = new SystemClock();
            StatusLed led = new StatusLed(new NoLed(), clock);

            // The product: the smart lamp's generated data template, its logic, and the flows on $thing topics.
            CloudRouter cloud = new CloudRouter(module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, new LampShow(lamp, logic, _view), clock, "ESP8266", 1024)
            {
                ReportPeriodMs = settings.TelemetryPeriodMs,
            };
            logic.Client = thing;
            cloud.Add(thing);
            // The device services, as the product entry registers them.
            CloudClock time = new CloudClock(clock);
            thing.Time = time;
            thing.Info = new ReportInfo("ESP8266") { Module = module };
            thing.Info.Label("board", "host");
            BindService binding = new BindService(clock);
            cloud.Add(binding);
            // --sub-devices N: the device as a gateway, each sub-device a smart lamp of its own (SubDeviceDemo). Its
            // sub-devices come before the optional services in the module's 10 subscriptions.
            // They come as a product declares them, in its settings, checked by the same GatewaySetup as on a board.
            settings.SubDevices = SubDeviceDemo.Settings(o.SubDevices);
            _subDevices = settings.SubDevices != null ? SubDeviceDemo.Declare(module, settings, cloud, clock, _view) : null;
            AddIfRoom(cloud, new TimeService(time, clock), "time");
            AddIfRoom(cloud, new LogLevelService(new FirmwareLog(new ViewLog(_view), FirmwareLog.Info)), "log level");
            AddIfRoom(cloud, new DiagnosticsService(module, clock, null) { ResetReason = "host run" }, "diagnostics");
            _view.Set(v => v.Lamp = LampShow.Describe(lamp));
            cloud.Tap = new MessageView(this);
            ConnectionLifecycle app = new ConnectionLifecycle(module, settings, reset, led, clock, cloud, null);
            binding.Handler = new FactoryResetOnUnbind(app);
            app.Binding = binding;
            OtaView ota = new OtaView(_view, conversation, () => app.Updater.Image.Version);
            // The device's flash for this run only: removed at the end, like the simulated module's memory.
            _storeFolder = Directory.CreateTempSubdirectory("tcatmcu-run-").FullName;
            string store = Path.Combine(_storeFolder, "firmware.bin");
            app.Updater = new OtaUpdater(module, new FileFirmwareSink(store, RunOptions.ModuleBufferBytes), 4096) { Progress = ota };
            _view.Set(v => v.FirmwareVersion = cloud.Version.Current);
            conversation.Wifi += state =>
            {
                _view.Set(v => v.Wifi = state);
                _view.Event("module: WiFi " + state);
            };
            conversation.MqttLink += line => _view.Event("module: " + line);
            conversation.OtaStatus += ota.OnModuleStatus;

            ConsoleDemo demo = null;
            if (o.BrokerHost != null)
            {
                using (Stream json = typeof(HostRun).Assembly.GetManifestResourceStream("smart-lamp.json"))
                {
                    _cloud = new ExplorerCloud(settings.ProductId, settings.DeviceName, new StreamReader(json).ReadToEnd());
                }
                _cloud.Received += (topic, payload) =>
                {
                    if (topic == thing.UpProperty.Text && IsReport(payload))
                    {
                        _view.TelemetryReceived(payload);
                    }
                    _view.Message(true, topic, payload, $"cloud received on {topic}: {payload}");
                };
                _cloud.Log += _view.Event;
                // Set in the console while the device was off: get_status_reply hands it over at start.
                _cloud.SetDesired("{\"power_switch\":1,\"color\":1}");
                await BrokerConnect.OrSayWhy(limit => _cloud.StartAsync(o.BrokerHost, o.BrokerPort, limit), o.BrokerHost, o.BrokerPort, "the simulated IoT Explorer");
                demo = new ConsoleDemo(_cloud, _view, stop);
                if (_subDevices != null)
                {
                    await _subDevices.StartCloudAsync(settings.ProductId, settings.DeviceName, o.BrokerHost, o.BrokerPort, stop);
                }
            }
            app.Observer = new StateView(this, led, conversation, ota, () => app.LastUpdate, cloud.Version, demo);
            app.Speed = new BaudNegotiation(module, (ILineSpeed)_link, o.Baud, false) { Observer = new BaudView(_view) };

            engine.Start(null);
            ManualResetEvent stopped = new ManualResetEvent(false); // not disposed: a thread stuck on a lost device may still wait on it
            using CancellationTokenRegistration registration = stop.Register(() => stopped.Set());
            // A serial device that goes away (adapter unplugged, socat ended) can block a write for ever: watch it.
            string watched = o.Port ?? _pty?.McuEnd;
            using Timer watch = new Timer(_ =>
            {
                if (watched != null && _deviceGone == null && (!File.Exists(watched) || (_pty != null && _pty.Ended)))
                {
                    _deviceGone = $"the serial device {watched} went away ({(_pty != null ? "socat ended" : "unplugged?")}); stopping.";
                    lost.Cancel();
                }
            }, null, 500, 500);
            Thread loop = new Thread(() =>
            {
                try
                {
                    app.Run(stopped);
                }
                catch (Exception) when (_deviceGone != null)
                {
                    // The device went away under a write; the user has been told.
                }
            }) { Name = "app", IsBackground = true };
            loop.Start();
            if (_view.IsPlain)
            {
                stopped.WaitOne();
            }
            else
            {
                string hint = "Ctrl+C stops" + (_broker != null && _broker.Port == RunOptions.DemoBrokerPort
                    ? " · push an update from another terminal: dotnet run --project tests/Host/Run -- push" : "");
                LiveView live = new LiveView(_view, () =>
                {
                    _view.Set(v =>
                    {
                        v.Mqtt = MqttText(module.State);
                        v.FirmwareVersion = cloud.Version.Current;
                        if (v.Wifi.Length == 0 || v.Wifi.StartsWith("no report", StringComparison.Ordinal) || v.Wifi.StartsWith("up (", StringComparison.Ordinal))
                        {
                            v.Wifi = module.State.Connected ? "up (MQTT is connected; no WIFI report)" : "no report from the module yet";
                        }
                    });
                    return Counters(cloud, thing, engine, tap);
                }, hint);
                live.Run(stopped);
            }
            if (_deviceGone != null)
            {
                Console.Error.WriteLine("tcatmcu-run: " + _deviceGone);
                // System.IO.Ports can block for ever closing a port whose device went away: end here.
                _pty?.Dispose();
                Directory.Delete(_storeFolder, true);
                Environment.Exit(1);
            }
            loop.Join();
            engine.Stop();

            _view.Event($"stopped: {app.Published} messages published, {_received} messages received, "
                + $"{thing.ControlsApplied} controls applied, {thing.ControlsRefused} refused, {thing.ActionsAnswered} actions answered, "
                + $"{engine.Stats.Lines} lines, {engine.Stats.Timeouts} timeouts, {engine.Stats.StrayLines} unmatched lines, {_backoffs} backoffs");
            if (!_view.IsPlain)
            {
                Console.WriteLine($"stopped: {app.Published} messages published, {_received} messages received, "
                    + $"{thing.ControlsApplied} controls applied, {thing.ControlsRefused} refused, {thing.ActionsAnswered} actions answered, {_backoffs} backoffs");
            }
            return o.RequireMessage && _received == 0 ? 1 : 0;
        }

        // A gateway's sub-devices take subscriptions the device's optional services would otherwise have: those that no
        // longer fit are left out, and the view says so.
        private void AddIfRoom(CloudRouter cloud, ICloudService service, string name)
        {
            try
            {
                cloud.Add(service);
            }
            catch (InvalidOperationException)
            {
                _view.Event($"the {name} service is left out: the module's 10 subscriptions hold the data template, the sub-devices and the services before it");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_cloud != null)
            {
                await _cloud.DisposeAsync();
            }
            if (_subDevices != null)
            {
                await _subDevices.DisposeAsync();
            }
            if (_simulator != null)
            {
                await _simulator.DisposeAsync();
            }
            if (_broker != null)
            {
                await _broker.DisposeAsync();
            }
            (_link as IDisposable)?.Dispose();
            _simulatorPort?.Dispose();
            _pty?.Dispose();
            if (_storeFolder != null && Directory.Exists(_storeFolder))
            {
                Directory.Delete(_storeFolder, true);
            }
        }

        /// <summary>
        /// The live view's counters, most telling first. "published" counts every message the module accepted from any
        /// service (the cloud router's count), with those it refused; "unmatched" the module's lines that answered no
        /// command and are no known report (boot noise, a late answer after a timeout).
        /// </summary>
        private string[] Counters(CloudRouter cloud, ThingClient thing, AtEngine engine, WireTap tap)
        {
            return new[]
            {
                $"published {cloud.Published}" + (cloud.PublishFailures > 0 ? $", {cloud.PublishFailures} refused" : ""),
                $"received {_received}",
                $"controls {thing.ControlsApplied} applied, {thing.ControlsRefused} refused",
                $"actions {thing.ActionsAnswered}",
                $"backoffs {_backoffs}",
                $"timeouts {engine.Stats.Timeouts}",
                $"unmatched lines {engine.Stats.StrayLines}",
                $"lines {engine.Stats.Lines}",
                $"UART out {tap.BytesSent:N0} B, in {tap.BytesReceived:N0} B",
            };
        }

        private static string MqttText(ModuleState state)
        {
            if (state.Connected)
            {
                return "connected";
            }
            if (state.Reconnecting)
            {
                return "module reconnecting";
            }
            return state.LastDisconnectCode != 0 ? $"not connected (last +TCMQTTDISCON,{state.LastDisconnectCode})" : "not connected";
        }

        /// <summary>The firmware's serial port, or a sentence that says what to do.</summary>
        private static IByteLink OpenSerial(string port, int baud)
        {
            if (!File.Exists(port))
            {
                throw new UserError($"there is no serial device {port}: plug in the USB-serial adapter and look for it with `ls /dev/ttyUSB* /dev/ttyACM*`, "
                    + "or use --pty to run against the simulated module.");
            }
            SerialPortLink serial = new SerialPortLink(port, baud, 8192, 20);
            try
            {
                serial.Open();
            }
            catch (UnauthorizedAccessException)
            {
                throw new UserError($"cannot open {port}: permission denied or in use; add yourself to its group "
                    + "(sudo usermod -aG dialout $USER, then log in again) or close the program that holds it.");
            }
            catch (IOException e)
            {
                throw new UserError($"cannot open {port} at {baud} baud ({e.Message.TrimEnd('.')}); check the device and the rate.");
            }
            return serial;
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

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }

        private sealed class SimulatorReset : IModuleReset
        {
            private readonly ModuleSimulator _simulator;

            public SimulatorReset(ModuleSimulator simulator) => _simulator = simulator;

            public void Pulse() => _simulator.Reboot();
        }

        // A property report (the period's or a control's), not get_status, report_info or clear_control.
        private static bool IsReport(string payload)
        {
            try
            {
                return System.Text.Json.Nodes.JsonNode.Parse(payload)?["method"]?.GetValue<string>() == "report";
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is InvalidOperationException)
            {
                return false;
            }
        }

        /// <summary>Messages the firmware received from the cloud, shown on their way to the lamp.</summary>
        /// <summary>The firmware's log lines (at the level the cloud set) as events.</summary>
        private sealed class ViewLog : ILogSink
        {
            private readonly RunView _view;

            public ViewLog(RunView view) => _view = view;

            public void Line(int level, string text) => _view.Event("firmware: " + text);
        }

        private sealed class MessageView : IReportHandler
        {
            private readonly HostRun _run;

            public MessageView(HostRun run)
            {
                _run = run;
            }

            public void OnReport(Report report)
            {
                Interlocked.Increment(ref _run._received);
                string topic = Encoding.UTF8.GetString(report.Buffer, report.TopicOffset, report.TopicLength);
                string payload = Encoding.UTF8.GetString(report.Buffer, report.PayloadOffset, report.PayloadLength);
                _run._view.Message(false, topic, payload, $"firmware received on {topic}: {payload}");
            }
        }

        /// <summary>The UART's rate after each negotiation, and why when it is not the one asked for.</summary>
        private sealed class BaudView : IBaudObserver
        {
            private readonly RunView _view;

            public BaudView(RunView view) => _view = view;

            public void OnBaudRate(int baud, int requested, BaudOutcome outcome, AtResult result) =>
                _view.Event($"UART: {baud} baud ({BaudNegotiation.Describe(outcome, requested, result)})");
        }

        /// <summary>State changes: shown with the LED; a backoff says why; an update says how it ended.</summary>
        private sealed class StateView : IStateObserver
        {
            private readonly HostRun _run;
            private readonly StatusLed _led;
            private readonly Conversation _conversation;
            private readonly OtaView _ota;
            private readonly Func<OtaOutcome> _lastUpdate;
            private readonly FirmwareVersion _version;
            private readonly ConsoleDemo _demo;
            private AppState _previous = AppState.Starting;

            public StateView(HostRun run, StatusLed led, Conversation conversation, OtaView ota, Func<OtaOutcome> lastUpdate, FirmwareVersion version, ConsoleDemo demo)
            {
                _demo = demo;
                _run = run;
                _led = led;
                _conversation = conversation;
                _ota = ota;
                _lastUpdate = lastUpdate;
                _version = version;
            }

            public void OnStateChanged(AppState state)
            {
                if (state == AppState.Backoff)
                {
                    _run._backoffs++;
                    string why = _conversation.LastFailure() ?? "the step did not succeed";
                    _run._view.Event($"backoff after {AppStateNames.Of(_previous)}: {why}");
                }
                if (_previous == AppState.Updating)
                {
                    _ota.UpdateEnded(_lastUpdate(), _version.Current);
                }
                _run._view.StateChanged(AppStateNames.Of(state), _led.Pattern.Name);
                if (state == AppState.Online)
                {
                    _demo?.Start();
                }
                _previous = state;
            }
        }
    }
}
