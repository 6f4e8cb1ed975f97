using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace TcAtMcu.Run
{
    /// <summary>What the host run was asked to do, checked: every value here is within its range.</summary>
    public sealed class RunOptions
    {
        /// <summary>The demo's embedded broker listens here when it is free, so `push` finds it.</summary>
        public const int DemoBrokerPort = 18830;

        /// <summary>The simulated module's OTA buffer (AT+TCFWINFO's last field); it refuses bigger images.</summary>
        public const int ModuleBufferBytes = 716800;

        public static readonly int[] StandardBauds = { 9600, 19200, 38400, 57600, 74880, 115200, 230400, 460800, 921600 };

        public string Port;
        public bool Pty;
        public int Baud = 115200;
        public bool NoPacing;
        public string BrokerHost;
        public int BrokerPort = 1883;
        public bool Trace;
        public bool Verbose;
        public bool Plain;
        public int Seconds;
        public int TelemetryMs = 5000;
        public string ProductId = "DEMO000001";
        public string DeviceName = "dev01";
        public string DeviceSecret = "c2ltdWxhdGVkLWRldmljZS1zZWNyZXQ=";
        public string ProductSecret;
        public bool NoRawPublish;
        public bool RequireMessage;
        /// <summary>The simulated module's Tencent AT firmware: 2 (V3.2.1, the default) or 1 (V3.1.2).</summary>
        public int ModuleFirmware = 2;
        /// <summary>Sub-devices behind the device as a gateway (V3.2.1), each a smart lamp with its own console.</summary>
        public int SubDevices;

        /// <summary>
        /// Sub-devices that fit: each one's data template takes 3 of the module's 10 subscriptions, and so does the
        /// gateway's own.
        /// </summary>
        public const int MaxSubDevices = 2;

        // push
        public string Version = "1.1.0";
        public int Size = 200000;
        public string File;
        public bool WrongMd5;

        /// <summary>The in-process or pty UART is paced at the baud rate (8N1: baud / 10 bytes a second).</summary>
        public int PacedBaud => NoPacing || Port != null ? 0 : Baud;
    }

    /// <summary>A mistake the user can fix: printed as one sentence, exit code 2, never a stack trace.</summary>
    public sealed class UserError : Exception
    {
        public UserError(string message) : base(message)
        {
        }
    }

    /// <summary>The command line (System.CommandLine): the run, and `push`; typed options with their ranges.</summary>
    public static class CommandLine
    {
        public static RootCommand Build(Func<RunOptions, System.Threading.Tasks.Task<int>> run, Func<RunOptions, System.Threading.Tasks.Task<int>> push)
        {
            Option<string> port = new Option<string>("--port") { Description = "Drive a real module on this serial device (a USB-serial adapter) instead of the simulated one", HelpName = "device" };
            Option<bool> pty = new Option<bool>("--pty") { Description = "Serial mode in one command: the simulated module on a socat pty pair, the firmware on the other end" };
            Option<int> baud = IntOption("--baud", "Baud rate, a standard one: the serial port's with --port, the pace of the simulated UART otherwise", 115200, 0, 0, "rate");
            baud.Validators.Add(r =>
            {
                int value = r.GetValueOrDefault<int>();
                if (r.Errors.Any() || RunOptions.StandardBauds.Contains(value))
                {
                    return;
                }
                r.AddError($"--baud {value} is not a standard rate; use one of {string.Join(", ", RunOptions.StandardBauds)}.");
            });
            Option<bool> noPacing = new Option<bool>("--no-pacing") { Description = "The simulated UART carries bytes as fast as the host can (no baud-rate timing)" };
            Option<(string, int)?> broker = BrokerOption("The MQTT broker the simulated module and the simulated IoT Explorer use, instead of the embedded one");
            Option<bool> trace = new Option<bool>("--trace") { Description = "Print the AT conversation (secrets masked)" };
            Option<bool> verbose = new Option<bool>("--verbose") { Description = "Print the simulated module's own log" };
            Option<bool> plain = new Option<bool>("--plain") { Description = "Plain lines instead of the live view (the default when the output is not a terminal)" };
            Option<int> seconds = IntOption("--seconds", "Stop after this many seconds (default: run until Ctrl+C)", 0, 1, 7 * 24 * 3600, "n");
            Option<int> telemetryMs = IntOption("--telemetry-ms", "Telemetry period in milliseconds", 5000, 200, 24 * 3600 * 1000, "ms");
            Option<string> productId = IdentityOption("--product-id", "The device's product ID", "DEMO000001", TcAtMcu.Module.TcLimits.ProductIdMax);
            Option<string> deviceName = IdentityOption("--device-name", "The device's name", "dev01", TcAtMcu.Module.TcLimits.DeviceNameMax);
            Option<string> deviceSecret = SecretOption("--device-secret", "The device secret (base64, as the console shows it)", TcAtMcu.Module.TcLimits.DeviceSecretMax);
            Option<string> productSecret = SecretOption("--product-secret", "Register dynamically with the product secret instead of a device secret", TcAtMcu.Module.TcLimits.ProductSecretMax);
            Option<bool> noPubRaw = new Option<bool>("--no-pubraw") { Description = "With --firmware 1: the simulated module lacks AT+TCMQTTPUBRAW, as many 1.x builds do" };
            Option<int> firmware = IntOption("--firmware", "The simulated module's Tencent AT firmware: 2 (command set V3.2.1, what modules ship with) or 1 (V3.1.2)", 2, 1, 2, "1|2");
            Option<int> subDevices = IntOption("--sub-devices", "Start as a gateway with this many sub-devices (smart lamps, each with its own console; needs --firmware 2); each takes 3 of the module's 10 subscriptions", 0, 0, RunOptions.MaxSubDevices, "n");
            Option<bool> requireMessage = new Option<bool>("--require-message") { Description = "Exit 1 unless the firmware received at least one message" };

            RootCommand root = new RootCommand(
                "tcatmcu-run: the TcAtMcu firmware application on this machine. Without --port: the simulated TC AT module, "
                + "an embedded MQTT broker on 127.0.0.1:" + RunOptions.DemoBrokerPort + " and the simulated IoT Explorer, whose console drives the smart lamp (a desired state, a control, an action, a refused control).");
            foreach (Option o in new Option[] { port, pty, baud, noPacing, broker, trace, verbose, plain, seconds, telemetryMs, productId, deviceName, deviceSecret, productSecret, noPubRaw, firmware, subDevices, requireMessage })
            {
                root.Options.Add(o);
            }
            root.Validators.Add(r =>
            {
                if (r.GetResult(port) != null && r.GetResult(pty) != null)
                {
                    r.AddError("--port and --pty exclude each other: --port drives a real module, --pty the simulated one on a pty pair.");
                }
                else if (r.GetResult(port) != null && r.GetResult(noPacing) != null)
                {
                    r.AddError("--no-pacing is for the simulated UART; a real serial port runs at its baud rate.");
                }
                else if (r.GetResult(deviceSecret) != null && r.GetResult(productSecret) != null)
                {
                    r.AddError("give --device-secret or --product-secret, not both.");
                }
                else if (TokenValue(r.GetResult(subDevices)) > 0 && TokenValue(r.GetResult(firmware)) == 1)
                {
                    r.AddError("--sub-devices needs --firmware 2: a 1.x module (V3.1.2) has no gateway commands.");
                }
            });
            root.SetAction(result =>
            {
                RunOptions o = new RunOptions
                {
                    Port = result.GetValue(port),
                    Pty = result.GetValue(pty),
                    Baud = result.GetValue(baud),
                    NoPacing = result.GetValue(noPacing),
                    Trace = result.GetValue(trace),
                    Verbose = result.GetValue(verbose),
                    Plain = result.GetValue(plain),
                    Seconds = result.GetValue(seconds),
                    TelemetryMs = result.GetValue(telemetryMs),
                    ProductId = result.GetValue(productId),
                    DeviceName = result.GetValue(deviceName),
                    NoRawPublish = result.GetValue(noPubRaw),
                    ModuleFirmware = result.GetValue(firmware),
                    SubDevices = result.GetValue(subDevices),
                    RequireMessage = result.GetValue(requireMessage),
                };
                SetBroker(o, result.GetValue(broker));
                o.ProductSecret = result.GetValue(productSecret);
                o.DeviceSecret = result.GetValue(deviceSecret) ?? (o.ProductSecret == null ? o.DeviceSecret : null);
                return run(o);
            });

            Option<string> version = new Option<string>("--version")
            {
                Description = "Version of the image",
                DefaultValueFactory = _ => "1.1.0",
                HelpName = "version",
            };
            version.Validators.Add(r =>
            {
                string v = r.GetValueOrDefault<string>() ?? "";
                if (v.Length < 1 || v.Length > 32 || !v.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_'))
                {
                    r.AddError($"--version '{v}' must be 1 to 32 letters, digits, dots, dashes or underscores (as 1.1.0).");
                }
            });
            Option<int> size = IntOption("--size", $"Size of a random image in bytes, 1 to {RunOptions.ModuleBufferBytes} (the simulated module's buffer; it refuses bigger images)",
                200000, 1, RunOptions.ModuleBufferBytes, "bytes");
            Option<FileInfo> file = new Option<FileInfo>("--file") { Description = "Push this file as the image instead of random bytes", HelpName = "path" };
            file.Validators.Add(r =>
            {
                FileInfo f = r.GetValueOrDefault<FileInfo>();
                if (f == null || r.Errors.Any())
                {
                    return;
                }
                if (!f.Exists)
                {
                    r.AddError($"--file {f.FullName}: no such file.");
                }
                else if (f.Length < 1 || f.Length > RunOptions.ModuleBufferBytes)
                {
                    r.AddError($"--file {f.FullName} has {f.Length} bytes; an image is 1 to {RunOptions.ModuleBufferBytes} bytes (the module's buffer).");
                }
            });
            Option<bool> wrongMd5 = new Option<bool>("--wrong-md5") { Description = "Announce a wrong MD5 with the image, to see how a failed update looks" };
            Option<(string, int)?> pushBroker = BrokerOption($"The broker the demo uses, if not its embedded one on 127.0.0.1:{RunOptions.DemoBrokerPort}");
            Option<string> pushProductId = IdentityOption("--product-id", "The device's product ID", "DEMO000001", TcAtMcu.Module.TcLimits.ProductIdMax);
            Option<string> pushDeviceName = IdentityOption("--device-name", "The device's name", "dev01", TcAtMcu.Module.TcLimits.DeviceNameMax);
            Command pushCommand = new Command("push", "Push a firmware update, as Tencent's OTA service would, to the device of a running demo (start the demo first, in another terminal)");
            foreach (Option o in new Option[] { version, size, file, wrongMd5, pushBroker, pushProductId, pushDeviceName })
            {
                pushCommand.Options.Add(o);
            }
            pushCommand.Validators.Add(r =>
            {
                if (r.GetResult(size) != null && r.GetResult(file) != null)
                {
                    r.AddError("give --size or --file, not both.");
                }
            });
            pushCommand.SetAction(result =>
            {
                RunOptions o = new RunOptions
                {
                    Version = result.GetValue(version),
                    Size = result.GetValue(size),
                    File = result.GetValue(file)?.FullName,
                    WrongMd5 = result.GetValue(wrongMd5),
                    ProductId = result.GetValue(pushProductId),
                    DeviceName = result.GetValue(pushDeviceName),
                    BrokerHost = "127.0.0.1",
                    BrokerPort = RunOptions.DemoBrokerPort,
                };
                SetBroker(o, result.GetValue(pushBroker));
                return push(o);
            });
            root.Subcommands.Add(pushCommand);
            return root;
        }

        private static void SetBroker(RunOptions o, (string Host, int Port)? broker)
        {
            if (broker != null)
            {
                o.BrokerHost = broker.Value.Host;
                o.BrokerPort = broker.Value.Port;
            }
        }

        /// <summary>An integer option with its range in the parser, so a bad value is one sentence, not an exception.</summary>
        // The whole number the option was given as, read from its token (its value may be an error being reported); -1 if none.
        private static int TokenValue(OptionResult result) =>
            result != null && result.Tokens.Count > 0 && int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int value) ? value : -1;

        private static Option<int> IntOption(string name, string description, int defaultValue, int min, int max, string helpName)
        {
            Option<int> option = new Option<int>(name)
            {
                Description = description,
                HelpName = helpName,
                CustomParser = r =>
                {
                    string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                    if (!int.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value))
                    {
                        r.AddError(min < max ? $"{name} takes a whole number from {min} to {max}, not '{token}'." : $"{name} takes a whole number, not '{token}'.");
                        return defaultValue;
                    }
                    if (min < max && (value < min || value > max))
                    {
                        r.AddError($"{name} {value} is out of range: {min} to {max}.");
                    }
                    return value;
                },
            };
            if (defaultValue != 0)
            {
                option.DefaultValueFactory = _ => defaultValue;
            }
            return option;
        }

        private static Option<string> IdentityOption(string name, string description, string defaultValue, int max)
        {
            Option<string> option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "name" };
            option.Validators.Add(r =>
            {
                string v = r.GetValueOrDefault<string>() ?? "";
                // What the module's AT+TCDEVINFOSET takes (TcLimits): no quotes, commas or control characters.
                if (v.Length < 1 || v.Length > max || v.Any(c => c <= ' ' || c > '~' || c == '"' || c == ',' || c == '\\' || c == '/' || c == '+' || c == '#'))
                {
                    r.AddError($"{name} '{v}' must be 1 to {max} printable ASCII characters without spaces, quotes, commas, slashes, + or #.");
                }
            });
            return option;
        }

        /// <summary>A secret within the module's limit (TcLimits); the value is never echoed.</summary>
        private static Option<string> SecretOption(string name, string description, int max)
        {
            Option<string> option = new Option<string>(name) { Description = description, HelpName = "secret" };
            option.Validators.Add(r =>
            {
                string v = r.GetValueOrDefault<string>() ?? "";
                if (v.Length < 1 || v.Length > max || v.Any(c => c <= ' ' || c > '~' || c == '"' || c == ','))
                {
                    string got = v.Length < 1 || v.Length > max ? $"it has {v.Length}" : "it holds a space, quote, comma or non-ASCII character";
                    r.AddError($"{name} must be 1 to {max} printable ASCII characters without spaces, quotes or commas; {got}.");
                }
            });
            return option;
        }

        private static Option<(string, int)?> BrokerOption(string description)
        {
            return new Option<(string, int)?>("--broker")
            {
                Description = description + " (host:port; the port defaults to 1883)",
                HelpName = "host:port",
                CustomParser = r =>
                {
                    string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                    int colon = token.LastIndexOf(':');
                    string host = colon < 0 ? token : token.Substring(0, colon);
                    int port = 1883;
                    if (host.Length == 0 || host.Any(char.IsWhiteSpace)
                        || (colon >= 0 && (!int.TryParse(token.AsSpan(colon + 1), out port) || port < 1 || port > 65535)))
                    {
                        r.AddError($"--broker '{token}' must be host:port with a port from 1 to 65535 (as 127.0.0.1:1883).");
                        return null;
                    }
                    return (host, port);
                },
            };
        }
    }
}
