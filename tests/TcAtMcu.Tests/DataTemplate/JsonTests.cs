using nanoFramework.TestFramework;
using TcAtMcu.Json;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.DataTemplate
{
    /// <summary>The byte-slice JSON reader and writer: grammar, escapes, numbers, limits.</summary>
    [TestClass]
    public class JsonTests
    {
        private static JsonReader Read(string json)
        {
            // The document sits inside a larger buffer: the reader must stay within its slice.
            byte[] bytes = Bytes.Of("xx" + json + "}]\"");
            JsonReader reader = new JsonReader();
            reader.Reset(bytes, 2, json.Length);
            return reader;
        }

        /// <summary>The tokens of a document as letters: { } [ ] k s n t f 0 (null) . (end) ! (error).</summary>
        private static string Tokens(string json)
        {
            JsonReader reader = Read(json);
            string letters = "";
            for (int i = 0; i < 200; i++)
            {
                JsonToken t = reader.Next();
                letters += t == JsonToken.ObjectStart ? "{" : t == JsonToken.ObjectEnd ? "}" : t == JsonToken.ArrayStart ? "["
                    : t == JsonToken.ArrayEnd ? "]" : t == JsonToken.Key ? "k" : t == JsonToken.String ? "s" : t == JsonToken.Number ? "n"
                    : t == JsonToken.True ? "t" : t == JsonToken.False ? "f" : t == JsonToken.Null ? "0" : t == JsonToken.End ? "." : "!";
                if (t == JsonToken.End || t == JsonToken.Error)
                {
                    break;
                }
            }
            return letters;
        }

        [TestMethod]
        [DataRow("{\"a\":1,\"b\":[true,false,null,\"x\",{}],\"c\":-0.5e+3}", "{knk[tf0s{}]kn}.")]
        [DataRow(" \r\n\t{ \"a\" : [ ] } \r\n", "{k[]}.")]
        [DataRow("42", "n.")]
        [DataRow("{\"a\":1,}", "{kn!")]
        [DataRow("{\"a\" 1}", "{!")]
        [DataRow("{\"a\":1 \"b\":2}", "{kn!")]
        [DataRow("[1,]", "[n!")]
        [DataRow("{\"a\":1}}", "{kn}!")]
        [DataRow("{\"a\":01}", "{k!")]
        [DataRow("{\"a\":1.}", "{k!")]
        [DataRow("{\"a\":-}", "{k!")]
        [DataRow("{\"a\":tru}", "{k!")]
        [DataRow("{\"a\":\"unterminated}", "{k!")]
        [DataRow("{\"a\":\"bad \\q escape\"}", "{k!")]
        [DataRow("{\"a\":\"raw \n line\"}", "{k!")]
        [DataRow("{\"a\":[1}", "{k[n!")]
        [DataRow("{\"a\":1", "{kn!")]
        [DataRow("", "!")]
        [DataRow("{'a':1}", "{!")]
        public void TheGrammarIsChecked(string json, string tokens)
        {
            Assert.AreEqual(tokens, Tokens(json));
        }

        [TestMethod]
        public void NestingDeeperThanTheLimitIsAnErrorNotACrash()
        {
            string ok = "";
            for (int i = 0; i < JsonReader.MaxDepth; i++)
            {
                ok += "[";
            }
            for (int i = 0; i < JsonReader.MaxDepth; i++)
            {
                ok += "]";
            }
            Assert.IsTrue(Last(Tokens(ok), 2) == "].", "16 levels");
            Assert.IsTrue(Last(Tokens("[" + ok + "]"), 1) == "!", "17 levels");
            string deep = "";
            for (int i = 0; i < 5000; i++)
            {
                deep += "{\"a\":";
            }
            Assert.IsTrue(Last(Tokens(deep), 1) == "!");
        }

        private static string Last(string text, int count)
        {
            return text.Substring(text.Length - count);
        }

        [TestMethod]
        public void SkipValueJumpsOverContainers()
        {
            JsonReader r = Read("{\"skip\":{\"a\":[1,{\"b\":2}],\"c\":\"}\"},\"next\":7}");
            r.Next();
            r.Next();
            r.Next();
            Assert.IsTrue(r.SkipValue());
            Assert.AreEqual((int)JsonToken.Key, (int)r.Next());
            Assert.IsTrue(r.StringEquals(Bytes.Of("next")));
            long v;
            r.Next();
            Assert.IsTrue(r.TryGetLong(out v));
            Assert.AreEqual(7L, v);
        }

        [TestMethod]
        [DataRow("0", 0L)]
        [DataRow("-0", 0L)]
        [DataRow("9223372036854775807", 9223372036854775807L)]
        [DataRow("-9223372036854775808", -9223372036854775808L)]
        public void IntegersParseToTheirLimits(string number, long expected)
        {
            JsonReader r = Read(number);
            r.Next();
            long v;
            Assert.IsTrue(r.TryGetLong(out v));
            Assert.AreEqual(expected, v);
        }

        [TestMethod]
        [DataRow("9223372036854775808")]
        [DataRow("-9223372036854775809")]
        [DataRow("123456789012345678901234567890")]
        [DataRow("1.5")]
        [DataRow("1e2")]
        public void IntegersThatDoNotFitAreRefused(string number)
        {
            JsonReader r = Read(number);
            r.Next();
            long v;
            Assert.IsFalse(r.TryGetLong(out v));
        }

        [TestMethod]
        [DataRow("12.5", 12.5)]
        [DataRow("-0.001", -0.001)]
        [DataRow("1e3", 1000.0)]
        [DataRow("2.5E-2", 0.025)]
        [DataRow("100", 100.0)]
        [DataRow("0.000", 0.0)]
        [DataRow("123456789012345678901234", 1.2345678901234568e23)]
        public void FloatsParse(string number, double expected)
        {
            JsonReader r = Read(number);
            r.Next();
            double v;
            Assert.IsTrue(r.TryGetDouble(out v));
            double error = v - expected;
            double scale = expected < 0 ? -expected : expected;
            Assert.IsTrue((error < 0 ? -error : error) <= scale * 1e-12, number);
        }

        [TestMethod]
        [DataRow("1e400")]
        [DataRow("1e-400")]
        [DataRow("1e61")]
        public void FloatsBeyondTheRangeAreRefused(string number)
        {
            JsonReader r = Read(number);
            r.Next();
            double v;
            Assert.IsFalse(r.TryGetDouble(out v));
        }

        [TestMethod]
        public void EscapesResolveToUtf8WhenCopied()
        {
            // \u00e9, a surrogate pair (U+1F600), a lone surrogate, the short escapes and raw UTF-8 (U+4E2D).
            JsonReader r = Read("\"\\u00e9\\ud83d\\ude00\\ud800x\\\"\\\\\\/\\b\\f\\n\\r\\t\u00E4\u00B8\u00AD\"");
            r.Next();
            Assert.IsTrue(r.Escaped);
            byte[] copy = new byte[64];
            int n = r.CopyString(copy, 1, 63);
            Assert.AreEqual("\u00C3\u00A9\u00F0\u009F\u0098\u0080\u00EF\u00BF\u00BDx\"\\/\u0008\u000C\n\r\t\u00E4\u00B8\u00AD", Bytes.Text(copy, 1, n));
            Assert.AreEqual(-1, r.CopyString(copy, 0, n - 1), "one byte short");
            Assert.IsTrue(r.StringEquals(Bytes.Of("\u00C3\u00A9\u00F0\u009F\u0098\u0080\u00EF\u00BF\u00BDx\"\\/\u0008\u000C\n\r\t\u00E4\u00B8\u00AD")));
            Assert.IsFalse(r.StringEquals(Bytes.Of("\u00C3\u00A9")));
        }

        [TestMethod]
        public void KeysCompareWithTheirEscapesResolved()
        {
            JsonReader r = Read("{\"\\u0062rightness\":1}");
            r.Next();
            r.Next();
            Assert.IsTrue(r.StringEquals(Bytes.Of("brightness")));
            Assert.IsFalse(r.StringEquals(Bytes.Of("brightnesS")));
            Assert.IsFalse(r.StringEquals(Bytes.Of("brightnes")));
        }

        private static string Write(JsonWriter w, byte[] buffer)
        {
            Assert.IsFalse(w.Overflowed);
            return Bytes.Text(buffer, w.Offset, w.Length);
        }

        [TestMethod]
        public void TheWriterPlacesCommasAndEscapesStrings()
        {
            byte[] buffer = new byte[256];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 3, 200);
            w.BeginObject();
            w.Member(Bytes.Of("method"), Bytes.Of("report"));
            w.Key(Bytes.Of("params"));
            w.BeginObject();
            w.Key(Bytes.Of("s"));
            byte[] text = Bytes.Of("q\"b\\n\nr\rt\tc\u0001\u001F\u00E4\u00B8\u00AD\u007F");
            w.String(text, 0, text.Length);
            w.Key(Bytes.Of("n"));
            w.Number(-9223372036854775808L);
            w.Key(Bytes.Of("a"));
            w.BeginObject();
            w.EndObject();
            w.EndObject();
            w.EndObject();
            Assert.AreEqual("{\"method\":\"report\",\"params\":{\"s\":\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001\\u001f\u00E4\u00B8\u00AD\u007F\",\"n\":-9223372036854775808,\"a\":{}}}",
                Write(w, buffer));
        }

        [TestMethod]
        [DataRow(12.5, 2, "12.5")]
        [DataRow(0.30000000000000004, 2, "0.3")]
        [DataRow(-0.004, 2, "0")]
        [DataRow(-1.005, 1, "-1")]
        [DataRow(99.999, 2, "100")]
        [DataRow(3.14159, 4, "3.1416")]
        [DataRow(7.0, 0, "7")]
        [DataRow(0.05, 6, "0.05")]
        [DataRow(1e15, 2, "1000000000000")]
        public void FloatsAreWrittenWithTheTemplatesDecimals(double value, int decimals, string expected)
        {
            byte[] buffer = new byte[64];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 0, buffer.Length);
            w.Float(value, decimals);
            Assert.AreEqual(expected, Write(w, buffer));
        }

        [TestMethod]
        public void TheWriterNeverWritesPastItsCapacity()
        {
            byte[] buffer = new byte[16];
            JsonWriter w = new JsonWriter();
            w.Reset(buffer, 2, 10);
            w.BeginObject();
            w.Key(Bytes.Of("brightness"));
            w.Number(100);
            w.EndObject();
            Assert.IsTrue(w.Overflowed);
            Assert.AreEqual(0, (int)buffer[0]);
            Assert.AreEqual(0, (int)buffer[1]);
            Assert.AreEqual(0, (int)buffer[12]);
            Assert.IsTrue(w.Length <= 10);
        }

        [TestMethod]
        [DataRow("\"abc\"", true)]
        [DataRow("\"\u00E5\u00AE\u00A2\"", true)]
        [DataRow("\"\u00F0\u009F\u0098\u0080\"", true)]
        [DataRow("\"\\uD83D\\uDE00\"", true)]
        [DataRow("\"\\u00e9\\n\\\\\"", true)]
        [DataRow("\"a\u00C0\u00AFb\"", false)]
        [DataRow("\"\u0080x\u00E5\u00AE\"", false)]
        [DataRow("\"\u00ED\u00A0\u0080\"", false)]
        [DataRow("\"\u00F4\u0090\u0080\u0080\"", false)]
        [DataRow("\"\u00E5\u00AE\"", false)]
        [DataRow("\"\\uD800\"", false)]
        [DataRow("\"\\uDC00\"", false)]
        [DataRow("\"\\uD800\\u0041\"", false)]
        public void TextThatIsNotUtf8IsToldApartFromText(string json, bool valid)
        {
            JsonReader reader = Read(json);
            Assert.AreEqual((int)JsonToken.String, (int)reader.Next(), "the grammar accepts it");
            Assert.AreEqual(valid, reader.IsValidText());
        }

        [TestMethod]
        public void AStringKeptFromAnEarlierTokenIsComparedWithItsEscapesResolved()
        {
            JsonReader reader = Read("[\"bl\\u0069nk\",\"tc-02\",\"tc-2\"]");
            reader.Next();
            reader.Next();
            int start = reader.Start;
            int length = reader.Length;
            bool escaped = reader.Escaped;
            reader.Next();
            reader.Next();
            byte[] blink = Bytes.Of("blink");
            Assert.IsTrue(reader.SliceEquals(reader.Buffer, start, length, escaped, blink, 0, blink.Length));
            Assert.IsFalse(reader.SliceEquals(reader.Buffer, start, length, escaped, blink, 0, 4));
            Assert.IsTrue(reader.StringEquals(Bytes.Of("tc-2")));
            reader.Reset(Bytes.Of("\"tc-02\""), 0, 7);
            reader.Next();
            Assert.IsFalse(reader.StringEquals(Bytes.Of("tc-2")), "a token is its exact bytes");
        }
    }
}
