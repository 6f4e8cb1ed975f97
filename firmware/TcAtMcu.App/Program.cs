using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.Boards;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Module;

namespace TcAtMcu.App
{
    /// <summary>
    /// The device program: wires the board (UART, LED, reset line, button) to the application and runs it.
    /// </summary>
    public class Program
    {
        public static void Main()
        {
            Board.ConfigurePins();
            Debug.WriteLine("TcAtMcu on " + Board.Name + ", module on " + Board.ModuleUart);

            SystemClock clock = new SystemClock();
            SerialPortLink uart = new SerialPortLink(Board.ModuleUart, Board.ModuleBaudRate, 8192, 20);
            uart.Open();
            AtEngine engine = new AtEngine(uart, new AtEngineOptions());
            TcModule module = new TcModule(engine);

            GpioController gpio = new GpioController();
            ILed led = Board.StatusLedPin >= 0 ? new GpioLed(gpio, Board.StatusLedPin, Board.StatusLedActiveHigh) : (ILed)new NoLed();
            IModuleReset reset = Board.ModuleResetPin >= 0 ? new GpioModuleReset(gpio, Board.ModuleResetPin) : (IModuleReset)new NoReset();
            ButtonGestures gestures = new ButtonGestures();
            if (Board.ButtonPin >= 0)
            {
                new GpioButton(gpio, Board.ButtonPin, Board.ButtonActiveLow, gestures, clock);
            }
            StatusLed status = new StatusLed(led, clock);
            status.Start();

            // The product: its data template (generated from Product/smart-lamp.json) and its behaviour.
            AppSettings settings = DeviceSettings.Create();
            ThingTopics topics = new ThingTopics(settings.ProductId, settings.DeviceName);
            settings.ExtraTopics = new string[] { topics.DownEvent, topics.DownAction };
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, logic, new ModulePublisher(module, topics), topics, clock,
                "ESP8266", settings.FirmwareVersion, 512);
            logic.Client = thing;

            ConnectionLifecycle app = new ConnectionLifecycle(module, settings, reset, status, clock,
                thing, thing, Board.ButtonPin >= 0 ? gestures : null);
            app.OnlineListener = thing;
            app.Observer = new StateLog();
            engine.Start(null);
            app.Run(new ManualResetEvent(false));
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

        private sealed class StateLog : IStateObserver
        {
            public void OnStateChanged(AppState state)
            {
                Debug.WriteLine("state: " + AppStateNames.Of(state));
            }
        }
    }
}
