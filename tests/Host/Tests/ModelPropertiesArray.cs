using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using TcAtMcu.DataTemplate;
using TcAtMcu.Tests.DataTemplate;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The array type against a plain reference: random and mutated controls (arrays of int, float, string and struct,
    /// too long, wrong elements, garbage bytes) go through the router into ThingClient with ArrayTests' template
    /// (n: 3 ints 0..9, f: 2 floats -1..1, s: 2 strings of 3 bytes, w: 2 structs {a 0..9, b 2 bytes}, r read-only).
    /// The reference reads the message with System.Text.Json and applies the data template's rules to a model of
    /// every slot: a control is applied whole or not at all, and after each one every slot and count agree. (Floats
    /// stay within the reader's documented 10^±60 exponents; ModelProperties covers the reader itself.)
    /// </summary>
    public class ModelPropertiesArray
    {
        private const string Down = "$thing/down/property/ARRAY00001/d";
        private static readonly Regex Integer = new Regex("^-?(0|[1-9][0-9]*)$");

        /// <summary>The reference's state: every slot of every array, and the counts.</summary>
        private sealed class Model
        {
            public long[] N = new long[3];
            public double[] F = new double[2];
            public string[] S = { "", "" };
            public long[] WA = new long[2];
            public string[] WB = { "", "" };
            public int Nc, Fc, Sc, Wc;

            public Model Clone()
            {
                Model m = (Model)MemberwiseClone();
                m.N = (long[])N.Clone(); m.F = (double[])F.Clone(); m.S = (string[])S.Clone();
                m.WA = (long[])WA.Clone(); m.WB = (string[])WB.Clone();
                return m;
            }

            public string Show() =>
                $"n{Nc}[{string.Join(",", N)}] f{Fc}[{string.Join(",", F.Select(x => x.ToString("R")))}] s{Sc}[{string.Join(",", S)}] w{Wc}[{string.Join(",", WA.Zip(WB, (a, b) => a + "/" + b))}]";
        }

        private static string Ours(ArrayTests.Rig r)
        {
            Model m = new Model { Nc = r.N.Count, Fc = r.F.Count, Sc = r.S.Count, Wc = r.W.Count };
            for (int i = 0; i < 3; i++) m.N[i] = r.N.Element(i).IntValue;
            for (int i = 0; i < 2; i++)
            {
                m.F[i] = r.F.Element(i).FloatValue;
                m.S[i] = r.S.Element(i).TextValue;
                m.WA[i] = r.W.Element(i).Fields[0].IntValue;
                m.WB[i] = r.W.Element(i).Fields[1].TextValue;
            }
            return m.Show();
        }

        // The data template's rules, applied to a copy; null when the control is refused (text that is not UTF-8 too).
        private static Model Apply(Model before, byte[] message)
        {
            try
            {
                return ApplyParsed(before, message);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static Model ApplyParsed(Model before, byte[] message)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException)
            {
                return null;
            }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("params", out JsonElement ps)
                    || ps.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }
                Model m = before.Clone();
                HashSet<string> seen = new HashSet<string>();
                foreach (JsonProperty p in ps.EnumerateObject())
                {
                    if (!seen.Add(p.Name))
                    {
                        return null;
                    }
                    bool ok = p.Name switch
                    {
                        "n" => Elements(p.Value, 3, (e, i) => Int(e, out m.N[i]), ref m.Nc),
                        "f" => Elements(p.Value, 2, (e, i) => Float(e, out m.F[i]), ref m.Fc),
                        "s" => Elements(p.Value, 2, (e, i) => Text(e, 3, out m.S[i]), ref m.Sc),
                        "w" => Elements(p.Value, 2, (e, i) => Item(e, ref m.WA[i], ref m.WB[i]), ref m.Wc),
                        _ => false, // r is read-only; anything else is unknown
                    };
                    if (!ok)
                    {
                        return null;
                    }
                }
                return m;
            }
        }

        private delegate bool Slot(JsonElement element, int index);

        private static bool Elements(JsonElement value, int capacity, Slot slot, ref int count)
        {
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > capacity)
            {
                return false;
            }
            int i = 0;
            foreach (JsonElement e in value.EnumerateArray())
            {
                if (!slot(e, i++))
                {
                    return false;
                }
            }
            count = i;
            return true;
        }

        private static bool Int(JsonElement e, out long v)
        {
            v = 0;
            return e.ValueKind == JsonValueKind.Number && Integer.IsMatch(e.GetRawText()) && long.TryParse(e.GetRawText(), out v) && v >= 0 && v <= 9;
        }

        private static bool Float(JsonElement e, out double v)
        {
            v = 0;
            return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out v) && v >= -1 && v <= 1;
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
                return false; // a lone surrogate
            }
            return Encoding.UTF8.GetByteCount(v) <= max;
        }

        // A struct element: the fields given replace the slot's, the others stay.
        private static bool Item(JsonElement e, ref long a, ref string b)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            HashSet<string> seen = new HashSet<string>();
            foreach (JsonProperty f in e.EnumerateObject())
            {
                if (!seen.Add(f.Name))
                {
                    return false;
                }
                if (f.Name == "a" ? !Int(f.Value, out a) : f.Name != "b" || !Text(f.Value, 2, out b))
                {
                    return false;
                }
            }
            return true;
        }

        private static readonly Gen<string> Ints = Gen.Elements("0", "5", "9", "10", "-1", "-0", "1.0", "1e0", "\"1\"", "null", "true", "[1]", "{}", "99999999999999999999");
        private static readonly Gen<string> Floats = Gen.Elements("0", "-1", "1", "0.25", "-0.5e0", "1.0000001", "2", "\"0\"", "[]", "1e-3", "-0.125E+0");
        private static readonly Gen<string> Texts = Gen.Elements("\"\"", "\"a\"", "\"ab\"", "\"abc\"", "\"abcd\"", "\"\u00e9\"", "\"\u00e9\u00e9\"", "\"\\u00e9\"", "\"\\\"\\\\\"", "\"\\uD800\"", "1", "null");

        private static Gen<string> ArrayOf(Gen<string> element, int most) =>
            Gen.Choose(0, most).SelectMany(n => Gen.ArrayOf(element, n)).Select(items => "[" + string.Join(",", items) + "]");

        private static readonly Gen<string> Items =
            from fields in Gen.SubListOf(new[] { "\"a\":", "\"b\":", "\"a\":", "\"c\":" })
            from values in Gen.ArrayOf(Gen.OneOf(Ints, Texts), fields.Count)
            select "{" + string.Join(",", fields.Zip(values, (k, v) => k + v)) + "}";

        private static readonly Gen<string> Members = Gen.OneOf(
            ArrayOf(Ints, 4).Select(v => "\"n\":" + v),
            ArrayOf(Floats, 3).Select(v => "\"f\":" + v),
            ArrayOf(Texts, 3).Select(v => "\"s\":" + v),
            ArrayOf(Gen.OneOf(Items, Ints), 3).Select(v => "\"w\":" + v),
            Gen.Elements("\"r\":[1]", "\"x\":[]", "\"n\":7", "\"n\":{\"0\":1}", "\"s\":\"ab\"", "\"n\":[[1,2]]"));

        private static readonly Gen<byte[]> Controls =
            from members in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Members, n))
            from edits in Gen.ListOf(Gen.Choose(0, 1 << 20).Zip(ArbMap.Default.GeneratorFor<byte>())).Select(l => l.Take(3).ToList())
            from mutate in Gen.Frequency((3, Gen.Constant(false)), (2, Gen.Constant(true)))
            let text = "{\"method\":\"control\",\"clientToken\":\"k\",\"params\":{" + string.Join(",", members) + "}}"
            select mutate ? ModelPropertiesMutate(Encoding.UTF8.GetBytes(text), edits) : Encoding.UTF8.GetBytes(text);

        // Byte edits inside the params object only: the envelope stays one the reference and the device read alike.
        private static byte[] ModelPropertiesMutate(byte[] data, List<(int At, byte B)> edits)
        {
            int start = Encoding.UTF8.GetByteCount("{\"method\":\"control\",\"clientToken\":\"k\",\"params\":{");
            List<byte> bytes = data.ToList();
            foreach (var (at, b) in edits)
            {
                int room = bytes.Count - 2 - start;
                int i = start + (room > 0 ? at % room : 0);
                switch (at % 3)
                {
                    case 0 when room > 0: bytes[i] = b; break;
                    case 2 when room > 0: bytes.RemoveAt(i); break;
                    default: bytes.Insert(i, b); break;
                }
            }
            return bytes.ToArray();
        }

        /// <summary>
        /// A start state, then up to four controls, each random or mutated: the device applies exactly the controls
        /// the reference applies, and after each one every slot (also those past the count) and every count agree.
        /// </summary>
        [Fact]
        public void ArrayControlsAgreeWithThePlainReference()
        {
            Prop.ForAll(Gen.ArrayOf(Controls).Select(c => c.Take(4).ToArray()).ToArbitrary(), controls =>
            {
                ArrayTests.Rig r = new ArrayTests.Rig();
                Model model = new Model();
                byte[] start = Encoding.UTF8.GetBytes("{\"method\":\"control\",\"clientToken\":\"k\",\"params\":{\"n\":[1,2],\"s\":[\"a\"],\"w\":[{\"a\":3,\"b\":\"c\"}],\"f\":[0.5]}}");
                List<string> trace = new List<string>();
                foreach (byte[] control in new[] { start }.Concat(controls))
                {
                    int applied = r.Controls;
                    Model next = Apply(model, control);
                    CloudMessages.Deliver(r.Router, Down, control);
                    model = next ?? model;
                    string ours = Ours(r);
                    trace.Add(Encoding.Latin1.GetString(control) + "\n  ref " + (next == null ? "refused " : "applied ") + model.Show()
                        + "\n  ours " + (r.Controls == applied ? "refused " : "applied ") + ours);
                    if ((r.Controls != applied) != (next != null) || ours != model.Show())
                    {
                        return false.Label(string.Join("\n", trace));
                    }
                }
                return true.Label("");
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500).WithQuietOnSuccess(true));
        }
    }
}
