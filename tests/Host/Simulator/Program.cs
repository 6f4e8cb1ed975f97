using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO.Ports;

namespace TcAtMcu.Simulator
{
    /// <summary>
    /// The simulated module on a serial device: a pty from socat for a program on this machine, or a USB-serial
    /// adapter wired to a board. `tcat-module-sim --help` lists the options.
    /// </summary>
    public static class Program
    {
        public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

        /// <summary>The whole program; exit code 0 when stopped, 2 for a mistake on the command line or a port it cannot open.</summary>
        public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop)
        {
            Option<string> port = new Option<string>("--port", "-p")
            {
                Description = "Serial device to serve, e.g. /tmp/tcat-module (one end of `socat pty,raw,echo=0,link=/tmp/tcat-module pty,raw,echo=0,link=/tmp/tcat-mcu`) or /dev/ttyUSB0",
                Required = true,
                HelpName = "DEVICE",
            };
            port.Validators.Add(r =>
            {
                if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
                {
                    r.AddError("--port needs a serial device, e.g. /dev/ttyUSB0 or the module end of a socat pty pair (/tmp/tcat-module).");
                }
            });
            Option<int> baud = new Option<int>("--baud")
            {
                Description = "Baud rate of the serial device (8N1)",
                DefaultValueFactory = _ => 115200,
                CustomParser = r => IntInRange(r, "--baud", 300, 4000000),
                HelpName = "N",
            };
            Option<bool> pace = new Option<bool>("--pace") { Description = "Send no faster than the baud rate allows (a pty carries bytes at once; a real UART does not)" };
            Option<string> broker = new Option<string>("--broker")
            {
                Description = "MQTT broker the module connects to",
                DefaultValueFactory = _ => "127.0.0.1:1883",
                HelpName = "HOST:PORT",
            };
            broker.Validators.Add(r =>
            {
                string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "127.0.0.1:1883";
                if (!TryParseHostPort(text, out _, out _))
                {
                    r.AddError($"--broker takes HOST:PORT with a port from 1 to 65535, not '{text}'.");
                }
            });
            Option<bool> embedded = new Option<bool>("--embedded-broker") { Description = "Start an MQTT broker in this process on the --broker port (nothing to install)" };
            Option<string> flash = new Option<string>("--flash") { Description = "JSON file standing for the module's flash (identity, WiFi, cached firmware); kept across runs", HelpName = "FILE" };
            Option<string> trace = new Option<string>("--trace") { Description = "Write the module's wire trace (timestamped, both directions, secrets masked) to FILE, or - for standard output", HelpName = "FILE" };
            Option<bool> noEcho = new Option<bool>("--no-echo") { Description = "Start with echo off (the real module echoes commands until ATE0)" };
            Option<bool> noGarbage = new Option<bool>("--no-boot-garbage") { Description = "No boot ROM bytes before \"ready\" after a reboot" };
            Option<bool> noRaw = new Option<bool>("--no-pubraw") { Description = "Firmware 1.x: answer ERROR to AT+TCMQTTPUBRAW, as many 1.x builds do (2.x always has it)" };
            Option<int> firmware = new Option<int>("--firmware")
            {
                Description = "Tencent AT firmware generation: 2 (V3.2.1: region, host names, open soft AP, PUBRAW, gateway commands; what modules ship with) or 1 (V3.1.2)",
                DefaultValueFactory = _ => 2,
                CustomParser = r => IntInRange(r, "--firmware", 1, 2),
                HelpName = "1|2",
            };
            Option<bool> hex = new Option<bool>("--hex-fw") { Description = "Send +TCREADFWDATA data as hex digits (the spec) instead of raw bytes (the real module)" };
            Option<string> ssid = new Option<string>("--ssid") { Description = "SSID of the simulated access point", DefaultValueFactory = _ => new SimulatorOptions().AccessPointSsid, HelpName = "NAME" };
            ssid.Validators.Add(r => Bytes(r, r.GetValueOrDefault<string>(), 1, 32, "--ssid"));
            Option<string> wifiPassword = new Option<string>("--wifi-password") { Description = "Password of the simulated access point", DefaultValueFactory = _ => new SimulatorOptions().AccessPointPassword, HelpName = "PASSWORD" };
            wifiPassword.Validators.Add(r => Bytes(r, r.GetValueOrDefault<string>(), 0, 64, "--wifi-password"));
            Option<bool> noWifi = new Option<bool>("--no-wifi") { Description = "The flash holds no access point: no WiFi until the MCU sends AT+CWJAP" };
            Option<string[]> denySub = new Option<string[]>("--deny-subscribe") { Description = "A topic the device may not subscribe (+TCMQTTSUB:FAIL,-108); repeat for more", HelpName = "TOPIC" };
            Option<string[]> denyPub = new Option<string[]>("--deny-publish") { Description = "A topic the device may not publish (QoS 1: +TCMQTTPUB:FAIL,202; QoS 0 dropped); repeat for more", HelpName = "TOPIC" };
            Option<int> reconnect = new Option<int>("--reconnect-timeout")
            {
                Description = "Seconds the module keeps reconnecting before +TCMQTTDISCON,-106",
                DefaultValueFactory = _ => 30,
                CustomParser = r => IntInRange(r, "--reconnect-timeout", 1, 3600),
                HelpName = "SECONDS",
            };
            Option<bool> verbose = new Option<bool>("--verbose", "-v") { Description = "Print what the module does (secrets never appear)" };

            RootCommand root = new RootCommand("A simulated ESP8266 with Tencent's TC AT firmware on a serial device, connected to an MQTT broker.")
            {
                port, baud, pace, broker, embedded, flash, trace, noEcho, noGarbage, noRaw, firmware, hex, ssid, wifiPassword, noWifi, denySub, denyPub, reconnect, verbose,
            };

            ParseResult parse = root.Parse(args);
            bool helpAsked = args.Any(a => a == "--help" || a == "-h" || a == "-?");
            if (parse.Errors.Count > 0 && !helpAsked)
            {
                error.WriteLine(Sentence(parse.Errors[0].Message) + " See --help.");
                return 2;
            }
            if (helpAsked || parse.Action is not null && parse.CommandResult.Command != root)
            {
                return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop);
            }

            string flashRefusal = ModuleFlash.Refusal(parse.GetValue(flash));
            if (flashRefusal != null)
            {
                error.WriteLine(flashRefusal);
                return 2;
            }
            TryParseHostPort(parse.GetValue(broker), out string brokerHost, out int brokerPort);
            SimulatorOptions options = new SimulatorOptions
            {
                BrokerHost = brokerHost,
                BrokerPort = brokerPort,
                FlashFile = parse.GetValue(flash),
                RawPublish = !parse.GetValue(noRaw),
                FirmwareGeneration = parse.GetValue(firmware),
                HexFirmwareData = parse.GetValue(hex),
                Echo = !parse.GetValue(noEcho),
                BootGarbage = !parse.GetValue(noGarbage),
                BaudRate = parse.GetValue(pace) ? parse.GetValue(baud) : 0,
                AccessPointSsid = parse.GetValue(ssid),
                AccessPointPassword = parse.GetValue(wifiPassword),
                WifiStored = !parse.GetValue(noWifi),
                ReconnectTimeoutMs = parse.GetValue(reconnect) * 1000,
            };
            return await ServeAsync(parse.GetValue(port), parse.GetValue(baud), options, parse.GetValue(embedded), parse.GetValue(trace),
                parse.GetValue(denySub) ?? Array.Empty<string>(), parse.GetValue(denyPub) ?? Array.Empty<string>(), parse.GetValue(verbose),
                output, error, stop);
        }

        private static async Task<int> ServeAsync(string portName, int baud, SimulatorOptions options, bool embedded, string tracePath,
            string[] denySubscribe, string[] denyPublish, bool verbose, TextWriter output, TextWriter error, CancellationToken stop)
        {
            using SerialPort serial = new SerialPort(portName, baud);
            string refusal = OpenPort(serial, portName);
            if (refusal != null)
            {
                error.WriteLine(refusal);
                return 2;
            }

            EmbeddedBroker broker = null;
            if (embedded)
            {
                try
                {
                    broker = await EmbeddedBroker.StartAsync(options.BrokerPort);
                }
                catch (Exception e)
                {
                    error.WriteLine($"The embedded broker cannot listen on 127.0.0.1:{options.BrokerPort} ({e.Message.TrimEnd('.')}): choose a free port with --broker 127.0.0.1:PORT.");
                    return 2;
                }
                output.WriteLine("embedded broker on 127.0.0.1:" + broker.Port);
            }

            TextWriter traceFile = null;
            await using ModuleSimulator module = new ModuleSimulator(options);
            if (tracePath != null)
            {
                try
                {
                    traceFile = tracePath == "-" ? output : TextWriter.Synchronized(new StreamWriter(tracePath, append: true) { AutoFlush = true });
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    error.WriteLine($"The trace file {tracePath} cannot be written ({e.Message.TrimEnd('.')}): choose another path.");
                    return 2;
                }
                module.Traced += line => traceFile.WriteLine(line);
            }
            foreach (string topic in denySubscribe)
            {
                module.Faults.DenySubscribe(topic);
            }
            foreach (string topic in denyPublish)
            {
                module.Faults.DenyPublish(topic);
            }
            if (verbose)
            {
                module.Log += text => output.WriteLine("module: " + text);
            }
            module.Start(serial.BaseStream);
            output.WriteLine($"simulated TC AT module on {portName}, broker {options.BrokerHost}:{options.BrokerPort}; Ctrl+C stops it");

            using CancellationTokenSource quit = CancellationTokenSource.CreateLinkedTokenSource(stop);
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; quit.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                await Task.Delay(Timeout.Infinite, quit.Token);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            await module.StopAsync();
            if (traceFile != null && traceFile != output)
            {
                traceFile.Dispose();
            }
            if (broker != null)
            {
                await broker.DisposeAsync();
            }
            return 0;
        }

        // Null when open; else the sentence that says what to do.
        private static string OpenPort(SerialPort serial, string portName)
        {
            const string PtyHint = "create a pty pair first with `socat pty,raw,echo=0,link=/tmp/tcat-module pty,raw,echo=0,link=/tmp/tcat-mcu` and pass --port /tmp/tcat-module";
            if (Directory.Exists(portName))
            {
                return $"{portName} is a folder, not a serial device: pass a tty, e.g. /dev/ttyUSB0, or {PtyHint}.";
            }
            if (!File.Exists(portName))
            {
                return $"{portName} does not exist: plug in the USB-serial adapter, or {PtyHint}.";
            }
            try
            {
                serial.Open();
                return null;
            }
            catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is ArgumentException || e is InvalidOperationException)
            {
                try
                {
                    using FileStream probe = new FileStream(portName, FileMode.Open, FileAccess.ReadWrite);
                }
                catch (UnauthorizedAccessException)
                {
                    return $"Permission denied on {portName}: add yourself to its group (e.g. `sudo usermod -aG dialout $USER`, then log in again) or run with access to it.";
                }
                catch (IOException)
                {
                }
                return $"{portName} is not a serial device: pass a tty, e.g. /dev/ttyUSB0, or {PtyHint}.";
            }
        }

        private static bool TryParseHostPort(string text, out string host, out int port)
        {
            int colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text.Substring(0, colon);
            port = 1883;
            return host.Length > 0 && (colon < 0 || (int.TryParse(text.Substring(colon + 1), out port) && port >= 1 && port <= 65535));
        }

        private static int IntInRange(ArgumentResult result, string name, int min, int max)
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, out int value) || value < min || value > max)
            {
                result.AddError($"{name} takes a whole number from {min} to {max}, not '{text}'.");
                return min;
            }
            return value;
        }

        // The module's limits are bytes of UTF-8 (an SSID is at most 32 bytes), not characters.
        private static void Bytes(OptionResult result, string value, int min, int max, string name)
        {
            int length = value == null ? 0 : System.Text.Encoding.UTF8.GetByteCount(value);
            if (length < min || length > max)
            {
                result.AddError($"{name} takes {min} to {max} bytes of UTF-8, not {length}.");
            }
        }

        private static string Sentence(string message)
        {
            message = message.Trim();
            return message.EndsWith('.') ? message : message + ".";
        }
    }
}
