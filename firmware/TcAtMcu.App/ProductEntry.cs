using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.Boards;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Gateway;
using TcAtMcu.Link;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Services;

namespace TcAtMcu.App
{
    /// <summary>
    /// The product application's entry: wires the board (UART, LED, reset line, button) to the application and runs it.
    /// The boot program (firmware/TcAtMcu.Boot) finds this public static Run(IHealthReporter) by reflection in an OTA
    /// package and passes its health reporter: the application reports healthy once Online (module answering, MQTT
    /// connected and subscribed), and only then reports its own version with AT+TCOTASET. An OTA package it receives is
    /// stored in <see cref="Board.OtaStore"/> and run on trial by the boot program after a restart.
    /// </summary>
    public static class ProductEntry
    {
        /// <summary>Set it (e.g. before a planned power-down) to stop cleanly: MQTT is disconnected, then Run returns.</summary>
        public static readonly ManualResetEvent Quit = new ManualResetEvent(false);

        public static void Run(IHealthReporter health)
        {
            Board.ConfigurePins();
            Debug.WriteLine("TcAtMcu on " + Board.Name + ", module on " + Board.ModuleUart);

            SystemClock clock = new SystemClock();
            // Opened at the module's boot rate; the lifecycle negotiates the board's after each boot. The buffers are
            // sized for the board's rate (UartBudget).
            SerialPortLink uart = new SerialPortLink(Board.ModuleUart, BaudNegotiation.ModuleDefaultBaud,
                UartBudget.ReceiveBuffer(Board.ModuleBaudRate), 20, Board.ModuleFlowControl);
            uart.Open();
            AtEngineOptions options = new AtEngineOptions();
            options.ReceiveChunk = UartBudget.ReadChunk(Board.ModuleBaudRate);
            AtEngine engine = new AtEngine(uart, options);
            TcModule module = new TcModule(engine);

            GpioController gpio = new GpioController();
            ILed led = Board.StatusLedPin >= 0 ? new GpioLed(gpio, Board.StatusLedPin, Board.StatusLedActiveHigh) : (ILed)new NoLed();
            // Without a reset line the application resets the module with AT+RST.
            IModuleReset reset = Board.ModuleResetPin >= 0 ? new GpioModuleReset(gpio, Board.ModuleResetPin) : null;
            ButtonGestures gestures = new ButtonGestures();
            if (Board.ButtonPin >= 0)
            {
                new GpioButton(gpio, Board.ButtonPin, Board.ButtonActiveLow, gestures, clock);
            }
            StatusLed status = new StatusLed(led, clock);
            status.Start();

            AppSettings settings = DeviceSettings.Create();
            string identityProblem = IdentityCheck.Problem(settings);
            if (identityProblem != null)
            {
                Halt(identityProblem, status, health, uart);
                return;
            }
            if (health != null)
            {
                settings.FirmwareVersion = health.ReportedVersion;
            }
            // The firmware's own log lines, at the level the cloud sets ($log/operation).
            FirmwareLog firmwareLog = new FirmwareLog(new DebugLog(), FirmwareLog.Info);
            // The cloud side: one router, one line per service (7 of the module's 10 subscriptions). The product:
            // its data template (generated from Product/smart-lamp.json) and its behaviour.
            CloudRouter cloud = new CloudRouter(module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            CloudClock time = new CloudClock(clock);
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, logic, clock, "ESP8266", 512);
            thing.ReportPeriodMs = settings.TelemetryPeriodMs;
            thing.Time = time;
            thing.Info = new ReportInfo("ESP8266");
            thing.Info.Module = module;
            thing.Info.Label("board", Board.Name);
            thing.Info.Label("product", "smart lamp");
            logic.Client = thing;
            cloud.Add(thing);
            cloud.Add(new TimeService(time, clock));
            cloud.Add(new LogLevelService(firmwareLog));
            BindService binding = new BindService(clock);
            cloud.Add(binding);
            DiagnosticsService diagnostics = new DiagnosticsService(module, clock, new FreeMemory());
            diagnostics.ResetReason = health != null && health.ReportedVersion != health.Version ? "ota trial" : "start";
            cloud.Add(diagnostics);
            // A gateway: the sub-devices of DeviceSettings, each a smart lamp, checked against the subscriptions left.
            try
            {
                GatewaySetup.Add(module, settings, cloud, new LampSubDevices(clock, settings.TelemetryPeriodMs));
            }
            catch (System.Exception e)
            {
                Halt(e.Message, status, health, uart);
                return;
            }

            ConnectionLifecycle app = new ConnectionLifecycle(module, settings, reset, status, clock,
                cloud, Board.ButtonPin >= 0 ? gestures : null);
            // Unbound (by the console, or the button held 10 s): the module's identity cleared, provisioning again.
            binding.Handler = new FactoryResetOnUnbind(app);
            app.Binding = binding;
            StateLog log = new StateLog(firmwareLog);
            app.Observer = new HealthObserver(health, cloud.Version, log);
            app.Speed = new BaudNegotiation(module, uart, Board.ModuleBaudRate, Board.ModuleFlowControl);
            app.Speed.Observer = log;
            // Without the boot program nothing would run a stored package: OTA packages need it.
            PackageFileSink store = health != null ? OpenStore() : null;
            if (store != null)
            {
                OtaUpdater updater = new OtaUpdater(module, store, 4096);
                updater.ReportTopic = cloud.Topics.Of("$ota/report");
                app.Updater = updater;
                app.AfterInstall = health;
            }
            engine.Start(null);
            app.Run(health != null ? health.Stop : Quit); // Run disconnects MQTT before it returns
            engine.Stop();
            uart.Dispose();
        }

        // Nothing is sent to the module with settings that cannot work: one message, the error LED, until stopped.
        private static void Halt(string problem, StatusLed status, IHealthReporter health, SerialPortLink uart)
        {
            status.Show(LedPattern.ErrorFlash);
            Debug.WriteLine("TcAtMcu does not start: " + problem);
            (health != null ? health.Stop : Quit).WaitOne();
            status.Stop();
            uart.Dispose();
        }

        // No storage (no SD card, an unformatted partition): the application runs on without installing updates.
        private static PackageFileSink OpenStore()
        {
            try
            {
                return new PackageFileSink(new FilePackageStorage(Board.OtaStore), Board.OtaCapacity);
            }
            catch (System.Exception e)
            {
                Debug.WriteLine("no OTA store at " + Board.OtaStore + ": " + e.Message);
                return null;
            }
        }

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }

        private sealed class StateLog : IStateObserver, IBaudObserver
        {
            private readonly FirmwareLog _log;

            public StateLog(FirmwareLog log)
            {
                _log = log;
            }

            public void OnStateChanged(AppState state)
            {
                if (_log.Enabled(FirmwareLog.Info))
                {
                    _log.Write(FirmwareLog.Info, "state: " + AppStateNames.Of(state));
                }
            }

            public void OnBaudRate(int baud, int requested, BaudOutcome outcome, AtResult result)
            {
                if (_log.Enabled(FirmwareLog.Info))
                {
                    _log.Write(FirmwareLog.Info, "uart: " + baud + " baud, " + BaudNegotiation.Describe(outcome, requested, result));
                }
            }
        }
    }
}
