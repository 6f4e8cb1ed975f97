using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The firmware application on Linux. By default: an embedded MQTT broker, the simulated module on an
    /// in-process UART paced at the baud rate, the application (the smart lamp) against it, and the simulated IoT
    /// Explorer, which answers the device and plays the console. --pty puts the simulated module on a socat pty
    /// pair; --port drives a real module. `push` sends the running demo a firmware update.
    /// </summary>
    public static class Program
    {
        private const string Name = "tcatmcu-run";

        public static async Task<int> Main(string[] args)
        {
            RootCommand root = CommandLine.Build(RunAsync, PushAsync);
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                Console.Error.WriteLine($"{Name}: {OneLine(parsed.Errors[0].Message)} See {Name} --help.");
                return 2;
            }
            try
            {
                return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
            }
            catch (UserError e)
            {
                Console.Error.WriteLine($"{Name}: {OneLine(e.Message)}");
                return 2;
            }
        }

        private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ").Trim();

        private static async Task<int> RunAsync(RunOptions options)
        {
            using CancellationTokenSource stop = new CancellationTokenSource();
            ConsoleCancelEventHandler cancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += cancel;
            try
            {
                if (options.Seconds > 0)
                {
                    stop.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
                }
                await using HostRun run = new HostRun(options);
                return await run.RunAsync(stop.Token);
            }
            finally
            {
                Console.CancelKeyPress -= cancel;
            }
        }

        /// <summary>`push`: the operator pushes a firmware update to the device running in the demo.</summary>
        private static async Task<int> PushAsync(RunOptions options)
        {
            byte[] image;
            if (options.File != null)
            {
                try
                {
                    image = File.ReadAllBytes(options.File);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new UserError($"cannot read --file {options.File} ({e.Message.TrimEnd('.')}).");
                }
            }
            else
            {
                image = new byte[options.Size];
                new Random(options.Size).NextBytes(image);
            }
            await using OtaPush push = new OtaPush(options.ProductId, options.DeviceName, Console.WriteLine);
            try
            {
                await push.StartAsync(options.BrokerHost, options.BrokerPort);
            }
            catch (UserError) when (options.BrokerPort == RunOptions.DemoBrokerPort && options.BrokerHost == "127.0.0.1")
            {
                throw new UserError($"no demo is running (nothing answers on 127.0.0.1:{RunOptions.DemoBrokerPort}): start it first in another terminal with "
                    + "`dotnet run --project tests/Host/Run`, or give the --broker it printed.");
            }
            await push.PushAsync(options.Version, image, options.WrongMd5 ? "00000000000000000000000000000000" : null);
            if (await Task.WhenAny(push.Answered, Task.Delay(TimeSpan.FromSeconds(20))) != push.Answered)
            {
                throw new UserError($"device {options.ProductId}/{options.DeviceName} did not answer the push within 20 s: is the demo online, "
                    + "and are --product-id and --device-name the demo's?");
            }
            Task finished = await Task.WhenAny(push.Downloaded, Task.Delay(TimeSpan.FromSeconds(60 + image.Length / 2000)));
            if (finished != push.Downloaded)
            {
                Console.Error.WriteLine($"{Name}: the module did not finish downloading the image; see the demo's output for why.");
                return 1;
            }
            if (push.Downloaded.Result != "done")
            {
                Console.Error.WriteLine($"{Name}: the module failed the download: {push.FailureReason}; the image must match the MD5 announced with it and fit {RunOptions.ModuleBufferBytes} bytes.");
                return 1;
            }
            Console.WriteLine("the module holds the image; the device now reads it over its UART, verifies and installs it");
            finished = await Task.WhenAny(push.NewVersionReported, Task.Delay(TimeSpan.FromSeconds(60 + image.Length / 2000)));
            if (finished != push.NewVersionReported)
            {
                Console.Error.WriteLine($"{Name}: the device did not report version {options.Version}; the demo's OTA row (or its line \"OTA failed:\") says why.");
                return 1;
            }
            Console.WriteLine("device runs " + options.Version);
            return 0;
        }
    }
}
