using System;

namespace TcAtMcu.Run
{
    /// <summary>Command-line options of the host run.</summary>
    public sealed class RunOptions
    {
        public const string Usage =
@"tcatmcu-run: the TcAtMcu firmware application on the host.
  (no --port)            simulated module + embedded MQTT broker + a cloud console client (the demo)
  --port DEV             drive a real module (USB serial adapter) or a pty instead of the simulator
  --baud N               baud rate with --port (115200)
  --broker HOST:PORT     the simulator's broker instead of the embedded one
  --trace                print the AT conversation (secrets masked)
  --verbose              print the simulated module's own log
  --seconds N            stop after N seconds (default: run until Ctrl+C)
  --telemetry-ms N       telemetry period (5000)
  --product-id, --device-name, --device-secret, --product-secret   the device identity
  --no-pubraw            the simulated module lacks AT+TCMQTTPUBRAW
  --require-message      exit 1 unless the firmware received at least one message
tcatmcu-run push [--version V] [--size N | --file F] [--broker HOST:PORT] [--product-id P --device-name D]
                         push a firmware update to the running demo (default: 200,000 random bytes as 1.1.0)";

        /// <summary>The demo's embedded broker listens here when it is free.</summary>
        public const int DemoBrokerPort = 18830;

        public string Port;
        public int Baud = 115200;
        public string BrokerHost;
        public int BrokerPort = 1883;
        public bool Trace;
        public bool Verbose;
        public int Seconds;
        public int TelemetryMs = 5000;
        public string ProductId = "DEMO000001";
        public string DeviceName = "dev01";
        public string DeviceSecret = "c2ltdWxhdGVkLWRldmljZS1zZWNyZXQ=";
        public string ProductSecret;
        public bool NoRawPublish;
        public bool RequireMessage;
        public bool Help;
        public bool Push;
        public string Version = "1.1.0";
        public int Size = 200000;
        public string File;

        public static RunOptions Parse(string[] args)
        {
            RunOptions o = new RunOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(a + " needs a value");
                switch (a)
                {
                    case "push": o.Push = true; break;
                    case "--version": o.Version = Next(); break;
                    case "--size": o.Size = int.Parse(Next()); break;
                    case "--file": o.File = Next(); break;
                    case "--port": o.Port = Next(); break;
                    case "--baud": o.Baud = int.Parse(Next()); break;
                    case "--broker":
                        string[] hp = Next().Split(':');
                        o.BrokerHost = hp[0];
                        o.BrokerPort = hp.Length > 1 ? int.Parse(hp[1]) : 1883;
                        break;
                    case "--trace": o.Trace = true; break;
                    case "--verbose": o.Verbose = true; break;
                    case "--seconds": o.Seconds = int.Parse(Next()); break;
                    case "--telemetry-ms": o.TelemetryMs = int.Parse(Next()); break;
                    case "--product-id": o.ProductId = Next(); break;
                    case "--device-name": o.DeviceName = Next(); break;
                    case "--device-secret": o.DeviceSecret = Next(); break;
                    case "--product-secret": o.ProductSecret = Next(); o.DeviceSecret = null; break;
                    case "--no-pubraw": o.NoRawPublish = true; break;
                    case "--require-message": o.RequireMessage = true; break;
                    case "-h":
                    case "--help": o.Help = true; break;
                    default: throw new ArgumentException("unknown option " + a);
                }
            }
            return o;
        }
    }
}
