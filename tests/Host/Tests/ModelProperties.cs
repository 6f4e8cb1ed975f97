using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using TcAtMcu.Engine;
using TcAtMcu.Framing;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Ota;
using TcAtMcu.Text;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Issue 19: every fixed-buffer structure and every parser of what the module or the cloud sends, driven by
    /// random and mutated input against a plain reference: the report ring against a list, the framer against the
    /// frames a transcript was built from, the JSON reader against System.Text.Json, the package reader against a
    /// parser of the documented format written here, UTF-8 checks against .NET's decoder. Whatever the input: no
    /// exception, no read outside the slice (inputs sit at the very end of their arrays, or behind garbage), and
    /// either the reference's result or a refusal where the reference refuses.
    /// </summary>
    public class ModelProperties
    {
        private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true);

        // ---- the report ring ----

        private static byte ByteOf(int id, int i) => (byte)(id * 37 + i * 11 + 5);

        /// <summary>
        /// Adds of random sizes (0 half as often as the rest, exact fills of half and all of the ring, one over it),
        /// the dispatcher taking what is queued, the reader adding meanwhile, then releasing: every report held reads
        /// back with its own bytes at every step, in order, and an Add refused is one the engine counts as dropped.
        /// </summary>
        [Fact]
        public void TheReportRingHandsOutEveryReportWithItsOwnBytesOrRefusesIt()
        {
            Gen<(int Slots, int Bytes)> shapes = Gen.Elements((3, 32), (4, 50), (5, 64), (16, 4608));
            Prop.ForAll(shapes.ToArbitrary(), Gen.ArrayOf(Gen.Choose(0, 1 << 20)).ToArbitrary(), (shape, codes) => RingAgrees(shape.Slots, shape.Bytes, codes))
                .Check(Runs(3000));
            // The sequence of issue 19 in the default ring: F 2000, Y1 100, Y2 1000 while F is out, W 2000 and an
            // empty report while Y1 is out, then V 600.
            Assert.True(RingAgrees(16, 4608, new[] { Add(2000), 2, Add(100), Add(1000), 3, 2, Add(2000), Add(0), Add(600), 3, 2, 3 }));
        }

        private static int Add(int size) => size * 4;

        private static bool RingAgrees(int slots, int dataBytes, int[] codes)
        {
            ReportQueue queue = new ReportQueue(slots, dataBytes);
            List<(int Id, int Topic, int Payload)> model = new List<(int, int, int)>();
            Report fields = new Report();
            Report view = new Report();
            byte[] source = new byte[dataBytes + 16];
            int handedOut = 0;
            int id = 0;
            foreach (int code in codes)
            {
                int op = code % 4;
                if (op <= 1)
                {
                    int size = SizeOf(code / 4, dataBytes);
                    int topic = size == 0 ? 0 : (code / 7) % (size + 1);
                    id++;
                    for (int i = 0; i < size; i++)
                    {
                        source[i] = ByteOf(id, i);
                    }
                    fields.Clear(ReportKind.MessageReceived);
                    fields.Sequence = id;
                    bool added = queue.Add(fields, source, 0, topic, source, topic, size - topic);
                    bool noBytesHeld = model.All(r => r.Topic + r.Payload == 0);
                    if (added)
                    {
                        model.Add((id, topic, size - topic));
                    }
                    else if (model.Count < slots && size <= dataBytes && noBytesHeld)
                    {
                        return false; // refused with the ring empty of bytes: not a full ring
                    }
                }
                else if (op == 2 && handedOut == 0)
                {
                    handedOut = queue.Count;
                }
                else if (op == 3 && handedOut > 0)
                {
                    queue.Release(handedOut);
                    model.RemoveRange(0, handedOut);
                    handedOut = 0;
                }
                if (queue.Count != model.Count)
                {
                    return false;
                }
                for (int k = 0; k < model.Count; k++)
                {
                    queue.Read(k, view);
                    var (rid, topicLength, payloadLength) = model[k];
                    if (view.Sequence != rid || view.TopicLength != topicLength || view.PayloadLength != payloadLength)
                    {
                        return false;
                    }
                    for (int i = 0; i < topicLength; i++)
                    {
                        if (view.Buffer[view.TopicOffset + i] != ByteOf(rid, i))
                        {
                            return false;
                        }
                    }
                    for (int i = 0; i < payloadLength; i++)
                    {
                        if (view.Buffer[view.PayloadOffset + i] != ByteOf(rid, topicLength + i))
                        {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static int SizeOf(int pick, int dataBytes)
        {
            switch (pick % 8)
            {
                case 0:
                case 1: return 0;
                case 2: return dataBytes / 2;
                case 3: return dataBytes;
                case 4: return dataBytes + 1;
                default: return (pick / 8) % (dataBytes / 2 + 1);
            }
        }

        // ---- the framer: line and frame buffers ----

        private sealed class FrameLog : IFrameSink
        {
            public readonly List<string> Seen = new List<string>();

            public void OnLine(byte[] b, int o, int n) => Seen.Add("L:" + Encoding.Latin1.GetString(b, o, n));
            public void OnPrompt() => Seen.Add(">");
            public void OnMessage(byte[] b, int t, int tn, int p, int pn, bool truncated) =>
                Seen.Add("M:" + Encoding.Latin1.GetString(b, t, tn) + "|" + Encoding.Latin1.GetString(b, p, pn) + (truncated ? "|cut" : ""));
            public void OnDataStart(int length) => Seen.Add("D:" + length);
            public void OnData(byte[] b, int o, int n) => Seen.Add("d:" + Encoding.Latin1.GetString(b, o, n));
            public void OnDataEnd(bool complete) => Seen.Add("E:" + complete);
            public void OnFault(FrameFault fault) => Seen.Add("F:" + fault);

            // Data arrives in as many pieces as the reads cut it: compare it joined.
            public List<string> Joined()
            {
                List<string> joined = new List<string>();
                foreach (string s in Seen)
                {
                    if (s.StartsWith("d:") && joined.Count > 0 && joined[^1].StartsWith("d:"))
                    {
                        joined[^1] += s.Substring(2);
                    }
                    else
                    {
                        joined.Add(s);
                    }
                }
                return joined;
            }
        }

        private const int LineCapacity = 64;

        private static readonly Gen<string> LineText =
            from first in Gen.Elements("O", "E", "b", "W", "+TCMQTTSTATE:", "+CME ERROR:", "+TCMQTTDISCON,", "+X:")
            from rest in Gen.ArrayOf(Gen.Elements('a', 'Z', '0', '9', ',', ':', '"', ' ', '+', '\r', '>', '\\', '\u00e9'))
            let text = first + new string(rest)
            // A space right after "+NAME:" is the spec's and is dropped; a CR at the end is the line end's.
            where !(first.StartsWith('+') && text.Length > first.Length && first.EndsWith(':') && text[first.Length] == ' ') && !text.EndsWith('\r')
            select text;

        private static readonly Gen<byte[]> Payloads = Gen.OneOf(
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()),
            Gen.Elements(0, 1, 2047, 2048, 2049, 2100).Select(n => Enumerable.Range(0, n).Select(i => (byte)"\"\r\n,OK+"[i % 7]).ToArray()));

        /// <summary>One frame: its wire bytes and what the framer must make of it.</summary>
        private static readonly Gen<(byte[] Wire, string[] Expected)> Frames = Gen.OneOf(
            LineText.Select(t => (Bytes.Of(t + "\r\n"), t.Length <= LineCapacity ? new[] { "L:" + t } : new[] { "F:" + FrameFault.LineTooLong })),
            from topic in Gen.Choose(1, 128).SelectMany(n => Gen.ArrayOf(Gen.Elements("abz09/_$-".ToCharArray()), n))
            from payload in Payloads
            from lfOnly in ArbMap.Default.GeneratorFor<bool>()
            let head = "+TCMQTTRCVPUB:\"" + new string(topic) + "\"," + payload.Length + ",\""
            select (Bytes.Join(Bytes.Of(head), payload, Bytes.Of(lfOnly ? "\"\n" : "\"\r\n")),
                payload.Length <= AtFramer.MaxMessagePayload
                    ? new[] { "M:" + new string(topic) + "|" + Encoding.Latin1.GetString(payload) }
                    : new[] { "F:" + FrameFault.MessageTooLong }),
            from data in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Where(d => d.Length <= 300)
            select (Bytes.Join(Bytes.Of("+TCREADFWDATA:" + data.Length + ","), data, Bytes.Of("\r\n")),
                data.Length == 0 ? new[] { "D:0", "E:True" } : new[] { "D:" + data.Length, "d:" + Encoding.Latin1.GetString(data), "E:True" }));

        /// <summary>
        /// Transcripts of lines (up to one over the line buffer), received messages (topics up to 128 bytes, payloads
        /// of any bytes up to 2100: over the frame buffer's 2048 they are counted past) and data blocks, cut at
        /// random read boundaries: the framer reports exactly the frames the transcript was built from.
        /// </summary>
        [Fact]
        public void TheFramerCutsEveryTranscriptIntoTheFramesItWasBuiltFrom()
        {
            Prop.ForAll(Gen.ListOf(Frames).ToArbitrary(), ArbMap.Default.ArbFor<int[]>(), (frames, cuts) =>
            {
                byte[] wire = Bytes.Join(frames.Select(f => f.Wire).ToArray());
                List<string> expected = frames.SelectMany(f => f.Expected).ToList();
                FrameLog log = new FrameLog();
                AtFramer framer = new AtFramer(log, LineCapacity, 128);
                int at = 0;
                int k = 0;
                while (at < wire.Length)
                {
                    int n = Math.Min(wire.Length - at, 1 + (cuts.Length == 0 ? 4000 : Math.Abs(cuts[k++ % cuts.Length]) % 700));
                    // Each read sits at the very end of its own array: a read past it throws.
                    byte[] read = wire.AsSpan(at, n).ToArray();
                    framer.Process(read, 0, n);
                    at += n;
                }
                List<string> seen = log.Joined();
                return seen.SequenceEqual(expected).Label("expected\n" + string.Join("\n", expected.Select(Short)) + "\nseen\n" + string.Join("\n", seen.Select(Short)));
            }).Check(Runs(400));
        }

        private static string Short(string s) => s.Length > 80 ? s.Substring(0, 80) + "...(" + s.Length + ")" : s;

        // ---- the JSON reader ----

        private static readonly Gen<string> JsonStrings = Gen.ArrayOf(Gen.Elements(
            "a", "Z", " ", "\\\"", "\\\\", "\\/", "\\n", "\\u0069", "\\u00e9", "\\uD83D\\uDE00", "\\uD800", "\\uDC00x", "\u00e9",
            "\u5ba2", "\U0001F600", ",", ":", "}", "]")).Select(parts => "\"" + string.Concat(parts) + "\"");

        private static Gen<string> JsonValue(int depth) => depth <= 0
            ? Gen.OneOf(JsonStrings, Gen.Elements("0", "-1", "12", "3.5", "-0.25e+3", "1E9", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "true", "false", "null"))
            : Gen.OneOf(
                JsonValue(0),
                Gen.ListOf(JsonValue(depth - 1)).Select(items => "[" + string.Join(",", items) + "]"),
                Gen.ListOf(JsonStrings.Zip(JsonValue(depth - 1))).Select(m => "{" + string.Join(" , ", m.Select(p => p.Item1 + ":" + p.Item2)) + "}"));

        private static readonly Gen<byte[]> JsonDocuments =
            from json in Gen.OneOf(JsonValue(3), JsonValue(1).Select(v => new string('[', 15) + v + new string(']', 15)),
                JsonValue(1).Select(v => new string('[', 16) + v + new string(']', 16)))
            from edits in Gen.ListOf(Gen.Choose(0, 1 << 20).Zip(ArbMap.Default.GeneratorFor<byte>())).Select(l => l.Take(3).ToList())
            from mutate in Gen.Frequency((2, Gen.Constant(false)), (3, Gen.Constant(true)))
            select mutate ? Mutate(Encoding.UTF8.GetBytes(json), edits) : Encoding.UTF8.GetBytes(json);

        private static byte[] Mutate(byte[] data, List<(int, byte)> edits)
        {
            List<byte> bytes = data.ToList();
            foreach (var (at, b) in edits)
            {
                if (bytes.Count == 0)
                {
                    bytes.Add(b);
                    continue;
                }
                int i = at % bytes.Count;
                switch (at % 3)
                {
                    case 0: bytes[i] = b; break;
                    case 1: bytes.Insert(i, b); break;
                    default: bytes.RemoveAt(i); break;
                }
            }
            return bytes.ToArray();
        }

        /// <summary>
        /// Random and mutated documents (escapes, surrogates, bytes that are not UTF-8, 15 to 17 levels deep): the
        /// reader accepts exactly what System.Text.Json accepts at depth 16, with the same tokens; strings it calls
        /// text are the ones a strict UTF-8 and UTF-16 decoding accepts, copied as System.Text.Json unescapes them;
        /// integers as long.TryParse reads them. The document at the end of its array and behind garbage reads the same.
        /// </summary>
        [Fact]
        public void TheJsonReaderAgreesWithSystemTextJson()
        {
            Prop.ForAll(JsonDocuments.ToArbitrary(), doc =>
            {
                string ours = OurTokens(doc, 0, doc);
                byte[] behind = Bytes.Join(Bytes.Of("{\"x\":[\""), doc, Bytes.Of("\"]}"));
                string oursBehind = OurTokens(behind, 7, doc);
                string reference = ReferenceTokens(doc);
                return (ours == reference && oursBehind == ours).Label("doc " + Encoding.Latin1.GetString(doc) + "\nours " + ours + "\nref  " + reference + "\nbehind " + oursBehind);
            }).Check(Runs(3000));
        }

        private static string OurTokens(byte[] buffer, int offset, byte[] doc)
        {
            JsonReader r = new JsonReader();
            r.Reset(buffer, offset, doc.Length);
            StringBuilder text = new StringBuilder();
            byte[] copy = new byte[doc.Length];
            while (true)
            {
                JsonToken t = r.Next();
                if (t == JsonToken.Error)
                {
                    return "error";
                }
                if (t == JsonToken.End)
                {
                    return text.ToString();
                }
                text.Append(t switch
                {
                    JsonToken.ObjectStart => "{", JsonToken.ObjectEnd => "}", JsonToken.ArrayStart => "[", JsonToken.ArrayEnd => "]",
                    JsonToken.True => "t", JsonToken.False => "f", JsonToken.Null => "0", JsonToken.Key => "k", JsonToken.String => "s", _ => "n",
                });
                if (t == JsonToken.Key || t == JsonToken.String)
                {
                    if (r.IsValidText())
                    {
                        int n = r.CopyString(copy, 0, copy.Length);
                        text.Append("(" + Convert.ToHexString(copy, 0, n) + ")");
                    }
                    else
                    {
                        text.Append("(not text)");
                    }
                }
                if (t == JsonToken.Number)
                {
                    text.Append(r.TryGetLong(out long v) ? "(" + v + ")" : "(-)");
                }
            }
        }

        private static string ReferenceTokens(byte[] doc)
        {
            Utf8JsonReader r = new Utf8JsonReader(doc, new JsonReaderOptions { MaxDepth = 16 });
            StringBuilder text = new StringBuilder();
            try
            {
                if (!r.Read())
                {
                    return "error";
                }
                do
                {
                    switch (r.TokenType)
                    {
                        case JsonTokenType.StartObject: text.Append('{'); break;
                        case JsonTokenType.EndObject: text.Append('}'); break;
                        case JsonTokenType.StartArray: text.Append('['); break;
                        case JsonTokenType.EndArray: text.Append(']'); break;
                        case JsonTokenType.True: text.Append('t'); break;
                        case JsonTokenType.False: text.Append('f'); break;
                        case JsonTokenType.Null: text.Append('0'); break;
                        case JsonTokenType.Number:
                            string number = Encoding.ASCII.GetString(r.ValueSpan);
                            bool integer = number.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
                            text.Append("n" + (integer && long.TryParse(number, out long v) ? "(" + v + ")" : "(-)"));
                            break;
                        default:
                            text.Append(r.TokenType == JsonTokenType.PropertyName ? 'k' : 's');
                            byte[] raw = r.ValueSpan.ToArray();
                            text.Append(IsText(raw) ? "(" + Convert.ToHexString(Unescaped(ref r)) + ")" : "(not text)");
                            break;
                    }
                }
                while (r.Read());
                return text.ToString();
            }
            catch (JsonException)
            {
                return "error";
            }
        }

        private static byte[] Unescaped(ref Utf8JsonReader r)
        {
            byte[] buffer = new byte[r.ValueSpan.Length * 2 + 8];
            int n = r.CopyString(buffer);
            return buffer.AsSpan(0, n).ToArray();
        }

        /// <summary>The reference for text: raw runs decoded by a strict UTF-8 decoder, escapes as UTF-16, no lone surrogate.</summary>
        private static bool IsText(byte[] raw)
        {
            UTF8Encoding strict = new UTF8Encoding(false, true);
            List<char> chars = new List<char>();
            int i = 0;
            while (i < raw.Length)
            {
                if (raw[i] == '\\')
                {
                    if (raw[i + 1] == 'u')
                    {
                        chars.Add((char)Convert.ToInt32(Encoding.ASCII.GetString(raw, i + 2, 4), 16));
                        i += 6;
                    }
                    else
                    {
                        chars.Add('x');
                        i += 2;
                    }
                    continue;
                }
                int end = i;
                while (end < raw.Length && raw[end] != '\\')
                {
                    end++;
                }
                try
                {
                    chars.AddRange(strict.GetString(raw, i, end - i));
                }
                catch (DecoderFallbackException)
                {
                    return false;
                }
                i = end;
            }
            for (int k = 0; k < chars.Count; k++)
            {
                if (char.IsHighSurrogate(chars[k]) && k + 1 < chars.Count && char.IsLowSurrogate(chars[k + 1]))
                {
                    k++;
                }
                else if (char.IsSurrogate(chars[k]))
                {
                    return false;
                }
            }
            return true;
        }

        // ---- UTF-8 ----

        /// <summary>Utf8.SequenceLength and IsValid against .NET's Rune decoder and its strict UTF8Encoding.</summary>
        [Fact]
        public void Utf8ChecksAgreeWithDotNet()
        {
            Gen<byte[]> bytes = Gen.ArrayOf(Gen.OneOf(ArbMap.Default.GeneratorFor<byte>(),
                Gen.Elements<byte>(0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0x9F, 0xA0, 0x8F, 0x90)));
            Prop.ForAll(bytes.ToArbitrary(), data =>
            {
                byte[] exact = data.ToArray();
                bool valid;
                try
                {
                    new UTF8Encoding(false, true).GetString(exact);
                    valid = true;
                }
                catch (DecoderFallbackException)
                {
                    valid = false;
                }
                if (Utf8.IsValid(exact, 0, exact.Length) != valid)
                {
                    return false;
                }
                for (int i = 0; i < exact.Length; i++)
                {
                    System.Buffers.OperationStatus status = System.Text.Rune.DecodeFromUtf8(exact.AsSpan(i), out _, out int consumed);
                    int expected = status == System.Buffers.OperationStatus.Done ? consumed : 0;
                    if (Utf8.SequenceLength(exact, i, exact.Length) != expected)
                    {
                        return false;
                    }
                }
                return true;
            }).Check(Runs(3000));
        }

        // ---- the package reader ----

        private static byte[] ValidPackage(int seed)
        {
            Random random = new Random(seed);
            int files = 1 + random.Next(3);
            string[] names = Enumerable.Range(0, files).Select(i => "f" + i + (i == 0 ? ".pe" : ".bin")).ToArray();
            byte[][] data = Enumerable.Range(0, files).Select(i => PackageBytes.Bytes(1 + random.Next(700), seed + i)).ToArray();
            return PackageBytes.Build("1." + seed % 10 + ".0", names, data);
        }

        /// <summary>
        /// Packages with bytes changed, inserted, removed or cut off, half of them with the header's MD5 recomputed
        /// so that the field checks behind it are reached: the reader says Valid exactly when a parser of the
        /// documented format does, with the same version, names, offsets and lengths, and never throws.
        /// </summary>
        [Fact]
        public void ThePackageReaderAcceptsExactlyTheDocumentedFormat()
        {
            Gen<byte[]> packages =
                from seed in Gen.Choose(1, 1000)
                from edits in Gen.ListOf(Gen.Choose(0, 1 << 20).Zip(ArbMap.Default.GeneratorFor<byte>())).Select(l => l.Take(4).ToList())
                from cut in Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, 3000)))
                from reseal in ArbMap.Default.GeneratorFor<bool>()
                select Damaged(ValidPackage(seed), edits, cut, reseal);
            Prop.ForAll(packages.ToArbitrary(), package =>
            {
                PackageReader reader = new PackageReader();
                PackageCheck check = reader.Check(new ArrayByteSource(package, 0, package.Length));
                string ours = check != PackageCheck.Valid ? "refused"
                    : reader.Version + ";" + string.Join(";", Enumerable.Range(0, reader.FileCount).Select(i => reader.FileName(i) + "@" + reader.FileOffset(i) + "+" + reader.FileLength(i)));
                string reference = ReferencePackage(package);
                return (ours == reference).Label("ours " + ours + " (" + check + ")\nref  " + reference);
            }).Check(Runs(1500));
        }

        private static byte[] Damaged(byte[] package, List<(int, byte)> edits, int cut, bool reseal)
        {
            byte[] damaged = Mutate(package, edits.Select(e => (e.Item1 % Math.Min(package.Length, 200) + (e.Item1 % 5 == 0 ? 200 : 0), e.Item2)).ToList());
            if (cut >= 0 && cut < damaged.Length)
            {
                damaged = damaged.AsSpan(0, cut).ToArray();
            }
            if (reseal && damaged.Length >= 8)
            {
                int headerLength = damaged[6] | (damaged[7] << 8);
                if (headerLength >= 16 && headerLength <= damaged.Length)
                {
                    PackageBytes.Reseal(damaged);
                }
            }
            return damaged;
        }

        /// <summary>The format as PackageReader's comment documents it, parsed the plain way.</summary>
        private static string ReferencePackage(byte[] p)
        {
            if (p.Length < 9 || p[0] != 'T' || p[1] != 'C' || p[2] != 'P' || p[3] != 'K' || p[4] != 1)
            {
                return "refused";
            }
            int count = p[5];
            int header = p[6] | (p[7] << 8);
            int versionLength = p[8];
            if (count < 1 || count > 16 || versionLength < 1 || versionLength > 32 || header > 1536 || header < 9 + versionLength + 16 || header > p.Length)
            {
                return "refused";
            }
            if (!System.Security.Cryptography.MD5.HashData(p.AsSpan(0, header - 16)).AsSpan().SequenceEqual(p.AsSpan(header - 16, 16)))
            {
                return "refused";
            }
            bool Printable(int at, int n, bool name) => p.Skip(at).Take(n).All(b => b >= 0x21 && b <= 0x7E && (!name || (b != '/' && b != '\\' && b != ':')))
                && (!name || p[at] != '.');
            if (!Printable(9, versionLength, false))
            {
                return "refused";
            }
            int pos = 9 + versionLength;
            long offset = header;
            List<string> files = new List<string>();
            List<(long Offset, int Length, int Md5)> bodies = new List<(long, int, int)>();
            for (int i = 0; i < count; i++)
            {
                if (pos >= header - 16)
                {
                    return "refused";
                }
                int nameLength = p[pos];
                if (nameLength < 1 || nameLength > 64 || pos + 1 + nameLength + 20 > header - 16 || !Printable(pos + 1, nameLength, true))
                {
                    return "refused";
                }
                string name = Encoding.ASCII.GetString(p, pos + 1, nameLength);
                pos += 1 + nameLength;
                int length = BitConverter.ToInt32(p, pos);
                if (length < 1 || length > 1024 * 1024)
                {
                    return "refused";
                }
                files.Add(name + "@" + offset + "+" + length);
                bodies.Add((offset, length, pos + 4));
                offset += length;
                pos += 20;
            }
            if (pos != header - 16 || offset != p.Length)
            {
                return "refused";
            }
            foreach (var (at, length, md5) in bodies)
            {
                if (!System.Security.Cryptography.MD5.HashData(p.AsSpan((int)at, length)).AsSpan().SequenceEqual(p.AsSpan(md5, 16)))
                {
                    return "refused";
                }
            }
            return Encoding.ASCII.GetString(p, 9, versionLength) + ";" + string.Join(";", files);
        }
    }
}
