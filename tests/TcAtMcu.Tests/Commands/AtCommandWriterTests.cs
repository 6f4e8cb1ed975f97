using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Commands
{
    [TestClass]
    public class AtCommandWriterTests
    {
        private static string Line(AtCommandWriter w)
        {
            Assert.IsTrue(w.Terminate(), "refused: " + (int)w.Refusal);
            return Bytes.Text(w.Buffer, 0, w.Length);
        }

        [TestMethod]
        public void FormsOfACommand()
        {
            AtCommandWriter w = new AtCommandWriter();
            Assert.AreEqual("AT+TCMQTTSTATE?\r\n", Line(w.Read(AtCommands.MqttState)));
            Assert.AreEqual("AT+TCMQTTPUB=?\r\n", Line(w.Test(AtCommands.MqttPub)));
            Assert.AreEqual("AT+TCDEVREG\r\n", Line(w.Execute(AtCommands.DevReg)));
            Assert.AreEqual("AT+TCMQTTCONN=1,5000,240,1,1\r\n", Line(w.Set(AtCommands.MqttConn).Number(1).Number(5000).Number(240).Number(1).Number(1)));
            Assert.AreEqual("AT\r\n", Line(w.Plain("AT")));
        }

        [TestMethod]
        public void NumbersIncludingTheExtremes()
        {
            AtCommandWriter w = new AtCommandWriter();
            Assert.AreEqual("AT+TCREADFWDATA=0,-1,2147483647,-2147483648\r\n",
                Line(w.Set(AtCommands.ReadFwData).Number(0).Number(-1).Number(int.MaxValue).Number(int.MinValue)));
        }

        [TestMethod]
        public void StringsAreQuotedWithTheSpecsEscapes()
        {
            AtCommandWriter w = new AtCommandWriter();
            Assert.AreEqual("AT+TCMQTTPUB=\"a/b\",0,\"{\\\"k\\\":\\\"v\\,w\\\\\\\"}\"\r\n",
                Line(w.Set(AtCommands.MqttPub).Quoted("a/b").Number(0).Quoted("{\"k\":\"v,w\\\"}")));
        }

        [TestMethod]
        public void NonAsciiIsWrittenAsUtf8()
        {
            AtCommandWriter w = new AtCommandWriter();
            Assert.AreEqual("AT+TCSAP=\"\xe6\xb8\xa9\xc3\xa9\xf0\x9f\x98\x80\",\"x\"\r\n",
                Line(w.Set(AtCommands.SoftAp).Quoted("\u6e29\u00e9\ud83d\ude00").Quoted("x")));
            byte[] raw = Bytes.Of("a\"\xff");
            Assert.AreEqual("AT+TCSAP=\"a\\\"\xff\"\r\n", Line(w.Set(AtCommands.SoftAp).Quoted(raw, 0, raw.Length)));
        }

        [TestMethod]
        public void LineBreaksAndNulAreRefused()
        {
            AtCommandWriter w = new AtCommandWriter();
            w.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted("a\rb");
            Assert.IsFalse(w.Terminate());
            Assert.AreEqual((int)AtRefusal.LineBreakInString, (int)w.Refusal);
            w.Set(AtCommands.MqttPub).Quoted("t\n").Number(0).Quoted("x");
            Assert.AreEqual((int)AtRefusal.LineBreakInString, (int)w.Refusal);
            // NUL only as bytes: on the device a string ends at its first NUL, so a string cannot carry one.
            byte[] nul = { (byte)'a', 0, (byte)'b' };
            w.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted(nul, 0, nul.Length);
            Assert.AreEqual((int)AtRefusal.NulInString, (int)w.Refusal);
            w.Set(AtCommands.MqttSrv).Token("1.2.3.4,AT");
            Assert.AreEqual((int)AtRefusal.InvalidToken, (int)w.Refusal);
            w.Set(AtCommands.MqttSrv).Token("1.2.3.4");
            Assert.AreEqual((int)AtRefusal.None, (int)w.Refusal, "a new command clears the refusal");
        }

        [TestMethod]
        public void TheLimitIs256BytesWithCrLf()
        {
            // "AT+TCMQTTPUB=" (13) + "\"t\",0," (6) + quoted payload (n + 2) + CR LF (2) = n + 23
            AtCommandWriter w = new AtCommandWriter();
            string fits = new string('x', 256 - 23);
            Assert.AreEqual(256, Line(w.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted(fits)).Length);
            w.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted(fits + "x");
            Assert.IsFalse(w.Terminate(), "257 bytes");
            Assert.AreEqual((int)AtRefusal.CommandTooLong, (int)w.Refusal);
            // Escapes count: one comma less fits.
            w.Set(AtCommands.MqttPub).Quoted("t").Number(0).Quoted(new string('x', 256 - 24) + ",");
            Assert.IsFalse(w.Terminate(), "the escape makes it 257");
        }
    }
}
