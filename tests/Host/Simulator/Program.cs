using System.IO.Ports;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// The simulated module on a serial device (a pty from socat, or a USB-serial adapter wired to an MCU):
    /// tcat-module-sim --port /tmp/tcat-module [--broker HOST:PORT | --embedded-broker] [--flash FILE] [--no-pubraw] [--hex-fw] [--baud N]
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string port = null;
            SimulatorOptions options = new SimulatorOptions();
            bool embedded = false;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--port": port = args[++i]; break;
                    case "--broker":
                        string[] hp = args[++i].Split(':');
                        options.BrokerHost = hp[0];
                        options.BrokerPort = hp.Length > 1 ? int.Parse(hp[1]) : 1883;
                        break;
                    case "--embedded-broker": embedded = true; break;
                    case "--flash": options.FlashFile = args[++i]; break;
                    case "--no-pubraw": options.RawPublish = false; break;
                    case "--hex-fw": options.HexFirmwareData = true; break;
                    case "--baud": options.BaudRate = int.Parse(args[++i]); break;
                    default:
                        Console.Error.WriteLine("unknown option " + args[i]);
                        return 2;
                }
            }
            if (port == null)
            {
                Console.Error.WriteLine("usage: tcat-module-sim --port DEVICE [--broker HOST:PORT | --embedded-broker] [--flash FILE] [--no-pubraw] [--hex-fw] [--baud N]");
                return 2;
            }
            EmbeddedBroker broker = null;
            if (embedded)
            {
                broker = await EmbeddedBroker.StartAsync(options.BrokerPort);
                Console.WriteLine("embedded broker on 127.0.0.1:" + broker.Port);
            }
            using SerialPort serial = new SerialPort(port, options.BaudRate > 0 ? options.BaudRate : 115200);
            serial.Open();
            await using ModuleSimulator module = new ModuleSimulator(options);
            module.Log += text => Console.WriteLine("module: " + text);
            module.Start(serial.BaseStream);
            Console.WriteLine("simulated TC AT module on " + port + "; Ctrl+C stops it");
            using ManualResetEventSlim stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
            stop.Wait();
            if (broker != null)
            {
                await broker.DisposeAsync();
            }
            return 0;
        }
    }
}
