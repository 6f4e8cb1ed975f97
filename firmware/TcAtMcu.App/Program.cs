using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using TcAtMcu.Application;
using TcAtMcu.Boards;
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
            // Without a reset line the application resets the module with AT+RST.
            IModuleReset reset = Board.ModuleResetPin >= 0 ? new GpioModuleReset(gpio, Board.ModuleResetPin) : null;
            ButtonGestures gestures = new ButtonGestures();
            if (Board.ButtonPin >= 0)
            {
                new GpioButton(gpio, Board.ButtonPin, Board.ButtonActiveLow, gestures, clock);
            }
            StatusLed status = new StatusLed(led, clock);
            status.Start();

            ConnectionLifecycle app = new ConnectionLifecycle(module, DeviceSettings.Create(), reset, status, clock,
                new UptimeTelemetry(), new ControlMessages(), Board.ButtonPin >= 0 ? gestures : null);
            app.Observer = new StateLog();
            engine.Start(null);
            app.Run(Quit);
            engine.Stop(); // Run disconnected MQTT before returning
        }

        /// <summary>Set it (e.g. before a planned power-down) to stop cleanly: MQTT is disconnected, then Main returns.</summary>
        public static readonly ManualResetEvent Quit = new ManualResetEvent(false);

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
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
