using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using TcAtMcu.DataTemplate;
using TcAtMcu.Matching;
using TcAtMcu.Services;
using TcAtMcu.Tests.DataTemplate;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// Arrays and events_post on the host: an array control (applied and refused), its reply and report, and an
    /// events_post with its reply allocate nothing; the array parser agrees with a plain reference model on random and
    /// mutated controls (the cloud as an attacker: wrong types, too many elements, nesting, broken bytes).
    /// </summary>
    public class DataTemplateArrayTests
    {
        private const string Down = "$thing/down/property/ARRAY00001/d";

        /// <summary>Counts publishes; keeps the digits of the last events_post's clientToken for its reply.</summary>
        private sealed class CountingLink : ICloudLink
        {
            private static readonly byte[] TokenStart = Encoding.ASCII.GetBytes("{\"method\":\"events_post\",\"clientToken\":\"tc-");
            public readonly byte[] EventToken = new byte[12];
            public int EventTokenLength;
            public long Published;

            public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
            {
                Published += count;
                if (count > TokenStart.Length && payload[offset + 16] == (byte)'s' && payload[offset + 17] == (byte)'_')
                {
                    int n = 0;
                    for (int i = offset + TokenStart.Length; payload[i] != (byte)'"'; i++)
                    {
                        EventToken[n++] = payload[i];
                    }
                    EventTokenLength = n;
                }
                return PublishOutcome.Sent;
            }
        }

        private sealed class Flows
        {
            private static readonly byte[] ReplyHead = Encoding.ASCII.GetBytes("{\"method\":\"event_reply\",\"clientToken\":\"tc-");
            private static readonly byte[] ReplyTail = Encoding.ASCII.GetBytes("\",\"code\":0,\"status\":\"\",\"data\":{}}");
            private readonly Report[] _controls;
            private readonly Report _reply;
            private readonly CloudRouter _router;
            private readonly TemplateEvent _first;
            private readonly TemplateEvent _second;

            public readonly ArrayTests.Rig Rig = new ArrayTests.Rig();
            public readonly CountingLink Link = new CountingLink();
            public readonly ThingClient Client;
            public int Replies;

            public Flows()
            {
                _router = new CloudRouter(Link, new DeviceTopics("ARRAY00001", "d"), new FirmwareVersion("1"));
                Client = new ThingClient(Rig.Client.Template, Rig, new FakeClock(0), "ESP8266", 512);
                _router.Add(Client);
                string[] controls =
                {
                    "{\"method\":\"control\",\"clientToken\":\"a\",\"params\":{\"n\":[1,2,3],\"f\":[0.5],\"s\":[\"ab\",\"\\u00e9\"],\"w\":[{\"a\":1,\"b\":\"x\"},{\"a\":2}]}}",
                    "{\"method\":\"control\",\"clientToken\":\"b\",\"params\":{\"n\":[4],\"f\":[-1,1],\"s\":[],\"w\":[{\"a\":3,\"b\":\"yz\"}]}}",
                    "{\"method\":\"control\",\"clientToken\":\"c\",\"params\":{\"n\":[1,2],\"w\":[{\"a\":1},[2]]}}",
                    "{\"method\":\"control\",\"clientToken\":\"d\",\"params\":{\"n\":[1,2,3,4]}}",
                };
                _controls = controls.Select(c => CloudMessages.Received(Down, Encoding.UTF8.GetBytes(c))).ToArray();
                _reply = CloudMessages.Received("$thing/down/event/ARRAY00001/d", new byte[ReplyHead.Length + 12 + ReplyTail.Length]);
                Array.Copy(ReplyHead, 0, _reply.Buffer, _reply.PayloadOffset, ReplyHead.Length);
                _first = new TemplateEvent("e", "info", new TemplateValue[] { Rig.N, Rig.W });
                _second = new TemplateEvent("f", "alert", new TemplateValue[] { Rig.S });
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int rounds)
            {
                for (int r = 0; r < rounds; r++)
                {
                    for (int i = 0; i < _controls.Length; i++)
                    {
                        _router.OnReport(_controls[i]);
                    }
                    Rig.N.Element(0).SetInt(r % 2);
                    Client.ReportPeriod();
                    Client.QueueEvent(_first);
                    Client.QueueEvent(_second);
                    Client.SendEvents();
                    int at = _reply.PayloadOffset + ReplyHead.Length;
                    Array.Copy(Link.EventToken, 0, _reply.Buffer, at, Link.EventTokenLength);
                    at += Link.EventTokenLength;
                    Array.Copy(ReplyTail, 0, _reply.Buffer, at, ReplyTail.Length);
                    _reply.PayloadLength = at + ReplyTail.Length - _reply.PayloadOffset;
                    int before = Client.EventsAwaitingReply;
                    _router.OnReport(_reply);
                    Replies += before - Client.EventsAwaitingReply;
                }
            }
        }

        [Fact]
        public void ArrayControlsReportsAndEventsPostAllocateNothing()
        {
            Flows flows = new Flows();
            flows.Run(200);
            long before = GC.GetAllocatedBytesForCurrentThread();
            flows.Run(10000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(10200 * 2, flows.Client.ControlsApplied);
            Assert.Equal(10200 * 2, flows.Client.ControlsRefused);
            Assert.Equal(10200, flows.Replies);
            Assert.Equal(0, flows.Client.EventsAwaitingReply);
            Assert.Equal(0, flows.Client.QueuedEvents);
            Assert.Equal(0, flows.Client.MessagesIgnored);
            Assert.True(flows.Link.Published > 10200 * 300, "the replies, reports and events were written");
        }

        // ---- the model: the rig's four arrays (n: 3 ints 0..9, f: 2 floats -1..1, s: 2 strings of 3 bytes,
        // w: 2 structs {a int 0..9, b string of 2}) and a read-only r, as plain lists; a control replaces an array.

        private sealed class Model
        {
            public readonly long[] N = new long[3];
            public readonly double[] F = new double[2];
            public readonly string[] S = { "", "" };
            public readonly long[] WA = new long[2];
            public readonly string[] WB = { "", "" };
            public int Nc, Fc, Sc, Wc;

            public Model Clone()
            {
                Model c = new Model { Nc = Nc, Fc = Fc, Sc = Sc, Wc = Wc };
                N.CopyTo(c.N, 0); F.CopyTo(c.F, 0); S.CopyTo(c.S, 0); WA.CopyTo(c.WA, 0); WB.CopyTo(c.WB, 0);
                return c;
            }

            // What the rig's State() prints for this model.
            public string State()
            {
                string s = "n" + Nc + ":";
                for (int i = 0; i < Nc; i++) s += N[i] + ",";
                s += " f" + Fc + ":";
                for (int i = 0; i < Fc; i++) s += (int)(F[i] * 10) + ",";
                s += " s" + Sc + ":";
                for (int i = 0; i < Sc; i++) s += S[i] + ",";
                s += " w" + Wc + ":";
                for (int i = 0; i < Wc; i++) s += WA[i] + "/" + WB[i] + ",";
                return s;
            }
        }

        private static bool Int(JsonElement e, long min, long max, out long v)
        {
            v = 0;
            string raw = e.ValueKind == JsonValueKind.Number ? e.GetRawText() : "";
            return raw.Length > 0 && raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && long.TryParse(raw, out v) && v >= min && v <= max;
        }

        private static bool Text(JsonElement e, int max, out string v)
        {
            v = null;
            if (e.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            try
            {
                v = e.GetString();
            }
            catch (InvalidOperationException)
            {
                return false;
            }
            return IsWellFormed(v) && Encoding.UTF8.GetByteCount(v) <= max;
        }

        private static bool IsWellFormed(string v)
        {
            for (int i = 0; i < v.Length; i++)
            {
                if (char.IsHighSurrogate(v[i]) && i + 1 < v.Length && char.IsLowSurrogate(v[i + 1])) { i++; continue; }
                if (char.IsSurrogate(v[i])) return false;
            }
            return true;
        }

        /// <summary>The reference: the control's params applied to a copy of the model, or null when the control must be refused.</summary>
        private static Model Apply(Model before, byte[] parameters)
        {
            try
            {
                return ApplyValid(before, parameters);
            }
            catch (InvalidOperationException)
            {
                return null; // a name or string that is not UTF-8
            }
        }

        private static Model ApplyValid(Model before, byte[] parameters)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(parameters);
            }
            catch (JsonException)
            {
                return null;
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                Model m = before.Clone();
                HashSet<string> seen = new HashSet<string>();
                foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                {
                    if (!seen.Add(p.Name) || p.Value.ValueKind != JsonValueKind.Array)
                    {
                        return null;
                    }
                    JsonElement[] items = p.Value.EnumerateArray().ToArray();
                    switch (p.Name)
                    {
                        case "n":
                            if (items.Length > 3) return null;
                            for (int i = 0; i < items.Length; i++) if (!Int(items[i], 0, 9, out m.N[i])) return null;
                            m.Nc = items.Length;
                            break;
                        case "f":
                            if (items.Length > 2) return null;
                            for (int i = 0; i < items.Length; i++)
                            {
                                if (items[i].ValueKind != JsonValueKind.Number || !items[i].TryGetDouble(out m.F[i]) || !(m.F[i] >= -1 && m.F[i] <= 1)) return null;
                            }
                            m.Fc = items.Length;
                            break;
                        case "s":
                            if (items.Length > 2) return null;
                            for (int i = 0; i < items.Length; i++) if (!Text(items[i], 3, out m.S[i])) return null;
                            m.Sc = items.Length;
                            break;
                        case "w":
                            if (items.Length > 2) return null;
                            for (int i = 0; i < items.Length; i++)
                            {
                                if (items[i].ValueKind != JsonValueKind.Object) return null;
                                HashSet<string> fields = new HashSet<string>();
                                foreach (JsonProperty f in items[i].EnumerateObject())
                                {
                                    if (!fields.Add(f.Name)) return null;
                                    if (f.Name == "a") { if (!Int(f.Value, 0, 9, out m.WA[i])) return null; }
                                    else if (f.Name == "b") { if (!Text(f.Value, 2, out m.WB[i])) return null; }
                                    else return null;
                                }
                            }
                            m.Wc = items.Length;
                            break;
                        default:
                            return null; // r is read-only, anything else unknown
                    }
                }
                return m;
            }
        }

        private static readonly Gen<string> Elements = Gen.Elements("0", "9", "10", "-1", "1.5", "1e0", "0.5", "-1", "1", "2.0", "\"a\"", "\"abcd\"", "\"\\u00e9\"",
            "\"\u00e9\u00e9\"", "\"\\\"\"", "null", "true", "[]", "[1]", "{}", "{\"a\":1}", "{\"a\":1,\"b\":\"x\"}", "{\"b\":\"xyz\"}", "{\"a\":1,\"a\":2}",
            "{\"c\":1}", "{\"a\":[1]}", "{\"a\":{\"a\":1}}", "\"\\ud83d\\ude00\"");

        private static readonly Gen<string> Members =
            from key in Gen.Elements("n", "n", "f", "s", "w", "w", "r", "x")
            from items in Gen.ListOf(Elements).Select(l => l.Take(4))
            from notArray in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
            select "\"" + key + "\":" + (notArray ? items.FirstOrDefault() ?? "1" : "[" + string.Join(",", items) + "]");

        private static readonly Gen<byte[]> Controls =
            from members in Gen.ListOf(Members).Select(l => l.Take(3))
            from edits in Gen.ListOf(Gen.Choose(0, 1 << 20).Zip(ArbMap.Default.GeneratorFor<byte>())).Select(l => l.Take(2).ToList())
            from mutate in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            select Mutated(Encoding.UTF8.GetBytes("{" + string.Join(",", members) + "}"), mutate ? edits : new List<(int, byte)>());

        private static byte[] Mutated(byte[] bytes, List<(int At, byte Value)> edits)
        {
            foreach ((int at, byte value) in edits)
            {
                if (bytes.Length > 0)
                {
                    bytes[at % bytes.Length] = value;
                }
            }
            return bytes;
        }

        [Fact]
        public void ArrayControlsAgreeWithAPlainModelOnRandomAndMutatedInput()
        {
            Prop.ForAll(Gen.ListOf(Controls).Select(l => l.Take(4).ToArray()).ToArbitrary(), controls =>
            {
                ArrayTests.Rig rig = new ArrayTests.Rig();
                Model model = new Model();
                foreach (byte[] parameters in controls)
                {
                    byte[] message = Bytes.Join(Bytes.Of("{\"method\":\"control\",\"clientToken\":\"k\",\"params\":"), parameters, Bytes.Of("}"));
                    rig.Sent = "";
                    CloudMessages.Deliver(rig.Router, Down, message);
                    Model expected = Apply(model, parameters);
                    string label = "params " + Encoding.Latin1.GetString(parameters) + "\nsent " + rig.Sent + "\nrig   " + rig.State()
                        + "\nmodel " + (expected ?? model).State();
                    if (expected != null)
                    {
                        if (!rig.Sent.StartsWith("{\"method\":\"control_reply\",\"clientToken\":\"k\",\"code\":0}", StringComparison.Ordinal))
                        {
                            return false.Label("applied by the model, not by the rig\n" + label);
                        }
                        model = expected;
                    }
                    else if (rig.Sent.Contains("\"code\":0"))
                    {
                        return false.Label("refused by the model, applied by the rig\n" + label);
                    }
                    if (rig.State() != model.State())
                    {
                        return false.Label("states differ\n" + label);
                    }
                }
                return true.ToProperty();
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithQuietOnSuccess(true));
        }
    }
}
