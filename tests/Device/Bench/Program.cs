using System;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Text;

namespace TcAtMcu.Bench
{
    /// <summary>
    /// The firmware's hot paths on nanoCLR, the interpreter the firmware ships on: time and managed allocation per
    /// received message, per command round trip and per OTA chunk, and the same for a natural string parser.
    /// Run by `dotnet run --project tests/Host/DeviceRun -- bench` (it builds this with the firmware).
    /// Uses the engine's public API only: construction, Receive, DispatchReports, and TcModule's calls.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            Console.WriteLine("TcAtMcu interpreter benchmark on nanoCLR (per item: microseconds (best of 3), managed bytes allocated)");
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Console.WriteLine("benchmark failed: " + e.GetType().FullName + " " + e.Message);
            }
            Console.WriteLine("end of benchmark");
        }

        private static void Run()
        {
            Allocation.Calibrate();
            Measure("received message, 262 bytes: AtEngine.Receive + DispatchReports", 10000, new ReceiveItem());
            Measure("received message, 262 bytes in 64-byte reads (UART-sized): Receive + DispatchReports", 10000, new FragmentedReceiveItem());
            Measure("the same through a string parser (IndexOf LF, UTF8.GetString, Split, int.Parse)", 2000, new StringParserItem());
            Measure("command round trip: TcModule.ReadState (AT+TCMQTTSTATE?)", 10000, new ReadStateItem());
            Measure("command round trip: TcModule.Publish QoS 1, 90-byte payload, byte[] topic", 10000, new PublishItem());
            Measure("OTA chunk, 4096 bytes: TcModule.ReadFirmwareData", 5000, new FirmwareChunkItem());
            Measure("OTA chunk, 4096 bytes: Md5.Update", 5000, new Md5Item());
            Measure("sub-device control on a gateway: routed to its ThingClient, applied, control_reply and report published", 20000, new SubDeviceControlItem());
            OnlineFootprint.Print(0);
            OnlineFootprint.Print(2);
        }

        private static void Measure(string name, int iterations, Item item)
        {
            item.Once();
            item.Once();
            double microseconds = Timing.PerItem(item, iterations);
            string allocated = Allocation.PerItem(item, iterations);
            string check = item.Check();
            Console.WriteLine(name + ": " + microseconds.ToString("F1") + " us, " + allocated + (check == null ? "" : " [check failed: " + check + "]"));
        }
    }

    /// <summary>One unit of work of a measurement.</summary>
    internal abstract class Item
    {
        public abstract void Once();

        /// <summary>null when the work did what it should (counted what it received); else what went wrong.</summary>
        public virtual string Check()
        {
            return null;
        }
    }

    internal static class Timing
    {
        /// <summary>Best of three passes (the machine is shared).</summary>
        public static double PerItem(Item item, int iterations)
        {
            long best = long.MaxValue;
            for (int pass = 0; pass < 3; pass++)
            {
                nanoFramework.Runtime.Native.GC.Run(true);
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < iterations; i++)
                {
                    item.Once();
                }
                long ticks = DateTime.UtcNow.Ticks - start;
                best = ticks < best ? ticks : best;
            }
            return best / 10.0 / iterations;
        }
    }

    /// <summary>
    /// Managed allocation with nanoFramework's own GC API. GC.Run returns the free bytes after a collection, so garbage
    /// is invisible to a before/after difference; instead the heap is filled with ballast until only a little stays
    /// free, and the collections the loop forces are counted (a weakly referenced object dies at each). Each forced
    /// collection stands for the bytes a calibration loop of 256-byte arrays allocates per collection (64 KB free).
    /// A loop that forces none with 8 KB free over N items allocated under 8 KB / N per item.
    /// </summary>
    internal static class Allocation
    {
        private const int Wide = 64 * 1024;
        private const int Narrow = 8 * 1024;
        private static object[] s_ballast;
        private static uint s_free;
        private static double s_bytesPerCollection;

        public static void Calibrate()
        {
            CalibrationItem item = new CalibrationItem();
            int collections = Collections(item, 20000, Wide);
            s_bytesPerCollection = collections == 0 ? 0 : 20000.0 * CalibrationItem.Size / collections;
            Console.WriteLine("allocation probe: one forced collection with " + s_free + " bytes free = " + s_bytesPerCollection.ToString("F0")
                + " bytes (calibrated with 256-byte arrays)");
        }

        public static string PerItem(Item item, int iterations)
        {
            int collections = Collections(item, iterations, Wide);
            if (collections > 0)
            {
                return "about " + (collections * s_bytesPerCollection / iterations).ToString("F0") + " bytes allocated (" + collections
                    + " forced collections in " + iterations + " items)";
            }
            collections = Collections(item, iterations, Narrow);
            if (collections > 0)
            {
                return "a few bytes allocated (" + collections + " forced collections in " + iterations + " items with " + s_free + " bytes free)";
            }
            return "0 bytes allocated (no collection in " + iterations + " items with " + s_free + " bytes free: under "
                + (s_free / (double)iterations).ToString("F1") + " bytes per item)";
        }

        private static int Collections(Item item, int iterations, int headroom)
        {
            FillHeap(headroom);
            WeakReference sentinel = new WeakReference(new object());
            int collections = 0;
            for (int i = 0; i < iterations; i++)
            {
                item.Once();
                if (!sentinel.IsAlive)
                {
                    collections++;
                    sentinel = new WeakReference(new object());
                }
            }
            s_ballast = null;
            nanoFramework.Runtime.Native.GC.Run(true);
            return collections;
        }

        /// <summary>Holds all of the heap but about 'headroom' bytes in arrays the GC cannot free.</summary>
        private static void FillHeap(int headroom)
        {
            s_ballast = null;
            uint free = nanoFramework.Runtime.Native.GC.Run(true);
            object[] ballast = new object[8192];
            int count = 0;
            int size = 65536;
            while (size >= 64 && count < ballast.Length)
            {
                if (free < headroom + 2 * size)
                {
                    size /= 4;
                    continue;
                }
                try
                {
                    ballast[count] = new byte[size];
                    count++;
                }
                catch (OutOfMemoryException)
                {
                    size /= 4;
                }
                free = nanoFramework.Runtime.Native.GC.Run(true);
            }
            s_ballast = ballast;
            s_free = nanoFramework.Runtime.Native.GC.Run(true);
        }

        private sealed class CalibrationItem : Item
        {
            public const int Size = 256;
            private byte[] _last;

            public override void Once()
            {
                _last = new byte[Size];
            }
        }
    }

    /// <summary>Recorded wire data: 262-byte +TCMQTTRCVPUB lines, the replies of the scripted module.</summary>
    internal static class Wire
    {
        public static readonly byte[] Topic = Utf8.Bytes("$thing/down/property/CTQS08Y5LG/Dev01");

        /// <summary>A 200-byte data-template control message.</summary>
        public static byte[] Payload()
        {
            byte[] json = Utf8.Bytes("{\"method\":\"control\",\"clientToken\":\"clientToken-1234567890\",\"params\":{\"power_switch\":1,"
                + "\"color\":2,\"brightness\":87,\"name\":\"kitchen lamp\"},\"timestamp\":1732406400}");
            byte[] payload = new byte[200];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = i < json.Length ? json[i] : (byte)' ';
            }
            return payload;
        }

        /// <summary>One received message as the module sends it: 262 bytes.</summary>
        public static byte[] Message()
        {
            byte[] head = Join(Utf8.Bytes("+TCMQTTRCVPUB:\""), Topic, Utf8.Bytes("\",200,\""));
            return Join(head, Payload(), Utf8.Bytes("\"\r\n"));
        }

        /// <summary>The parts one after the other (set-up only).</summary>
        public static byte[] Join(byte[] a, byte[] b, byte[] c)
        {
            byte[] result = new byte[a.Length + b.Length + c.Length];
            Array.Copy(a, 0, result, 0, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            Array.Copy(c, 0, result, a.Length + b.Length, c.Length);
            return result;
        }
    }

    /// <summary>Counts received messages on the expected topic, comparing bytes.</summary>
    internal sealed class CountingHandler : IReportHandler
    {
        public int Messages;
        public int PayloadBytes;

        public void OnReport(TcAtMcu.Matching.Report report)
        {
            if (report.Kind == TcAtMcu.Matching.ReportKind.MessageReceived
                && report.TopicIs(Wire.Topic))
            {
                Messages++;
                PayloadBytes += report.PayloadLength;
            }
        }
    }

    /// <summary>A link nobody answers on (the receive path is fed directly).</summary>
    internal sealed class SilentLink : TcAtMcu.Link.IByteLink
    {
        public int Read(byte[] buffer, int offset, int count)
        {
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }

    internal sealed class ReceiveItem : Item
    {
        private readonly byte[] _message = Wire.Message();
        private readonly AtEngine _engine = new AtEngine(new SilentLink(), new AtEngineOptions());
        private readonly CountingHandler _handler = new CountingHandler();
        private int _sent;

        public override void Once()
        {
            _engine.Receive(_message, 0, _message.Length);
            _engine.DispatchReports(_handler);
            _sent++;
        }

        public override string Check()
        {
            return _handler.Messages == _sent && _handler.PayloadBytes == _sent * 200
                ? null : _handler.Messages + " of " + _sent + " messages understood";
        }
    }

    /// <summary>The same messages as the UART hands them over: in 64-byte reads that cut frames anywhere.</summary>
    internal sealed class FragmentedReceiveItem : Item
    {
        private readonly byte[] _message = Wire.Message();
        private readonly AtEngine _engine = new AtEngine(new SilentLink(), new AtEngineOptions());
        private readonly CountingHandler _handler = new CountingHandler();
        private int _offset;
        private int _sent;

        // One message's worth of bytes a call; the cut moves along the stream from message to message.
        public override void Once()
        {
            int left = _message.Length;
            while (left > 0)
            {
                int n = 64 - _offset % 64;
                if (n > left)
                {
                    n = left;
                }
                _engine.Receive(_message, _message.Length - left, n);
                _engine.DispatchReports(_handler);
                left -= n;
                _offset += n;
            }
            _sent++;
        }

        public override string Check()
        {
            return _handler.Messages == _sent ? null : _handler.Messages + " of " + _sent + " messages understood";
        }
    }

    /// <summary>
    /// The natural way to parse the same bytes with nanoFramework's string API: find LF, decode the line, split it.
    /// </summary>
    internal sealed class StringParserItem : Item
    {
        private readonly byte[] _message = Wire.Message();
        private readonly char[] _comma = { ',' };
        private readonly char[] _quote = { '"' };
        private int _messages;
        private int _sent;

        public override void Once()
        {
            _sent++;
            int start = 0;
            while (start < _message.Length)
            {
                int lf = Array.IndexOf(_message, (byte)'\n', start, _message.Length - start);
                if (lf < 0)
                {
                    break;
                }
                string line = System.Text.Encoding.UTF8.GetString(_message, start, lf - start).TrimEnd('\r');
                start = lf + 1;
                if (line.StartsWith("+TCMQTTRCVPUB:"))
                {
                    string[] parts = line.Substring(14).Split(_comma, 3);
                    string topic = parts[0].Trim(_quote);
                    int length = int.Parse(parts[1]);
                    string payload = parts[2].Substring(1, length);
                    if (topic == "$thing/down/property/CTQS08Y5LG/Dev01" && payload.Length == 200)
                    {
                        _messages++;
                    }
                }
            }
        }

        public override string Check()
        {
            return _messages == _sent ? null : _messages + " of " + _sent + " messages understood";
        }
    }

    /// <summary>The module's side, answering each command line the moment it ends (so the figure is the firmware's).</summary>
    internal sealed class InstantModule : TcAtMcu.Link.IByteLink
    {
        private static readonly byte[] ConnOk = Utf8.Bytes("OK\r\n+TCMQTTCONN:OK\r\n");
        private static readonly byte[] PubOk = Utf8.Bytes("OK\r\n+TCMQTTPUB:OK\r\n");
        private static readonly byte[] StateOk = Utf8.Bytes("+TCMQTTSTATE:1\r\nOK\r\n");
        private readonly byte[] _chunk;
        private byte _kind;
        public AtEngine Engine;

        public InstantModule(byte[] firmwareChunk)
        {
            _chunk = Wire.Join(Utf8.Bytes("OK\r\n+TCREADFWDATA:" + firmwareChunk.Length + ","), firmwareChunk, Utf8.Bytes("\r\n"));
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            // "AT+TCMQTTPUB=", "AT+TCMQTTSTATE?", "AT+TCMQTTCONN=", "AT+TCREADFWDATA=": told apart by bytes 5 and 9.
            if (count > 9 && buffer[offset] == (byte)'A')
            {
                _kind = buffer[offset + 5] == (byte)'R' ? (byte)'R' : buffer[offset + 9];
            }
            if (buffer[offset + count - 1] != (byte)'\n')
            {
                return;
            }
            byte[] reply = _kind == (byte)'P' ? PubOk : _kind == (byte)'S' ? StateOk : _kind == (byte)'R' ? _chunk : ConnOk;
            Engine.Receive(reply, 0, reply.Length);
        }
    }

    internal abstract class ModuleItem : Item
    {
        protected readonly TcModule Module;
        protected int Failures;

        protected ModuleItem()
        {
            byte[] image = new byte[4096];
            new Random(7).NextBytes(image);
            InstantModule link = new InstantModule(image);
            AtEngineOptions options = new AtEngineOptions();
            AtEngine engine = new AtEngine(link, options);
            link.Engine = engine;
            Module = new TcModule(engine);
            if (!Module.Connect(new MqttSettings()).IsOk)
            {
                Failures++;
            }
        }

        public override string Check()
        {
            return Failures == 0 ? null : Failures + " calls failed";
        }
    }

    internal sealed class ReadStateItem : ModuleItem
    {
        public override void Once()
        {
            if (!Module.ReadState().IsOk)
            {
                Failures++;
            }
        }
    }

    internal sealed class PublishItem : ModuleItem
    {
        private readonly byte[] _topic = Utf8.Bytes("$thing/up/property/CTQS08Y5LG/Dev01");
        private readonly byte[] _payload = Utf8.Bytes("{\"method\":\"report\",\"clientToken\":\"tc-1\",\"params\":{\"temperature\":21.5,\"humidity\":40}}");

        public override void Once()
        {
            if (!Module.Publish(_topic, 1, _payload, 0, _payload.Length).IsOk)
            {
                Failures++;
            }
        }
    }

    internal sealed class FirmwareChunkItem : ModuleItem
    {
        private readonly byte[] _buffer = new byte[4096];

        public override void Once()
        {
            AtResult r = Module.ReadFirmwareData(_buffer, 0, _buffer.Length);
            if (!r.IsOk || r.Length != _buffer.Length)
            {
                Failures++;
            }
        }
    }

    internal sealed class Md5Item : Item
    {
        private readonly Md5 _md5 = new Md5();
        private readonly byte[] _chunk = new byte[4096];

        public Md5Item()
        {
            new Random(9).NextBytes(_chunk);
        }

        public override void Once()
        {
            _md5.Update(_chunk, 0, _chunk.Length);
        }
    }
}
