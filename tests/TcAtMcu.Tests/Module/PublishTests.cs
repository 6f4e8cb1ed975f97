using System;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Which publish form carries which payload, byte for byte, and what is refused before sending.</summary>
    [TestClass]
    public class PublishTests
    {
        private const string Topic = "$thing/up/property/CTQS08Y5LG/Dev01";

        [TestMethod]
        public void ShortPayloadGoesInOneEscapedCommand()
        {
            ModuleHarness h = new ModuleHarness(1).Connected();
            h.Wire.On("AT+TCMQTTPUB=\"" + Topic + "\",1,\"{\\\"method\\\":\\\"report\\\"\\,\\\"params\\\":{\\\"a\\\\b\\\":1}}\"\r\n",
                "OK\r\n+TCMQTTPUB:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish(Topic, 1, "{\"method\":\"report\",\"params\":{\"a\\b\":1}}"), "short");
            h.AssertDone("short");
        }

        [TestMethod]
        public void QosOneFailureCarriesItsCode()
        {
            ModuleHarness h = new ModuleHarness(2).Connected();
            h.Wire.On("AT+TCMQTTPUB=\"t\",1,\"x\"\r\n", "OK\r\n+TCMQTTPUB:FAIL,202\r\n");
            AtResult r = h.Module.Publish("t", 1, "x");
            ModuleHarness.Expect(AtStatus.Failed, r, "no PUBACK");
            Assert.AreEqual(202, r.Code);
        }

        [TestMethod]
        public void LongPayloadUsesRawPublishWhenTheModuleHasIt()
        {
            ModuleHarness h = new ModuleHarness(3).Connected();
            string payload = "{\"text\":\"a,b\\\"c\r\nd\"}" + new string('x', 300);
            h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "+TCMQTTPUBRAW:\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\",\"LEN(1-2048)\"\r\nOK\r\n")
                .On("AT+TCMQTTPUBRAW=\"t\",1," + payload.Length + "\r\n", "OK\r\n>\r\n")
                .On(payload + "\r\n", "+TCMQTTPUBRAW:OK\r\n")
                .On("AT+TCMQTTPUBRAW=\"t\",0,4\r\n", "OK\r\n>")
                .On("a\r\nb\r\n", "+TCMQTTPUBRAW:OK\r\n");
            byte[] bytes = Bytes.Of(payload);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("t", 1, bytes, 0, bytes.Length), "raw");
            Assert.IsTrue(h.Module.State.RawPublishSupported);
            bytes = Bytes.Of("a\r\nb");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("t", 0, bytes, 0, bytes.Length), "CR LF needs the raw form; probed once");
            h.AssertDone("raw");
        }

        [TestMethod]
        public void LongPayloadUsesPublLWithQuotesUnescapedWhenThereIsNoRawForm()
        {
            ModuleHarness h = new ModuleHarness(4).Connected();
            string payload = "{\"method\":\"report\",\"params\":{\"name\":\"a, b\"}}" + new string(' ', 250);
            h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "ERR CODE:0x01090000\r\nERROR\r\n")
                .On("AT+TCMQTTPUBL=\"t\",1," + payload.Length + "\r\n", "OK\r\n>\r\n")
                .On(payload + "\r\n", "OK\r\n+TCMQTTPUBL:OK\r\n");
            byte[] bytes = Bytes.Of(payload);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("t", 1, bytes, 0, bytes.Length), "PUBL");
            Assert.IsFalse(h.Module.State.RawPublishSupported);
            h.AssertDone("PUBL");
        }

        [TestMethod]
        public void WhatPublLWouldAlterIsRefusedBeforeItsCommand()
        {
            byte[][] payloads =
            {
                Bytes.Of("{\"a\":\"quote \\\" inside\"}"), Bytes.Of("x\\,y"), Bytes.Of("line\r\nline"),
                Bytes.Join(Bytes.Of("nul"), new byte[] { 0 }, Bytes.Of("nul")),
            };
            for (int i = 0; i < payloads.Length; i++)
            {
                ModuleHarness h = new ModuleHarness(5).Connected();
                h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "ERROR\r\n");
                byte[] bytes = Bytes.Join(payloads[i], Bytes.Repeat((byte)'x', 260));
                string shown = Bytes.Show(payloads[i], 0, payloads[i].Length);
                ModuleHarness.ExpectRefused(AtRefusal.PayloadWouldBeAltered, h.Module.Publish("t", 0, bytes, 0, bytes.Length), shown);
                h.AssertDone("only the probe was sent");
                Assert.IsTrue(TcModule.AlteredByLongPublish(bytes, 0, bytes.Length));
            }
            byte[] fine = Bytes.Of("a\\b \" , \r x \n");
            Assert.IsFalse(TcModule.AlteredByLongPublish(fine, 0, fine.Length), "lone CR; LF; quotes; commas and backslashes are carried");
        }

        [TestMethod]
        public void PayloadStartingWithTheModulesAbortIsRefusedInEveryLongForm()
        {
            ModuleHarness h = new ModuleHarness(11).Connected();
            h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "OK\r\n");
            byte[] bytes = Bytes.Of("+++\r\nthe rest");
            ModuleHarness.ExpectRefused(AtRefusal.PayloadWouldBeAltered, h.Module.Publish("t", 1, bytes, 0, bytes.Length), "auto");
            ModuleHarness.ExpectRefused(AtRefusal.PayloadWouldBeAltered, h.Module.PublishLong("t", 1, bytes, 0, bytes.Length, true), "PUBRAW");
            ModuleHarness.ExpectRefused(AtRefusal.PayloadWouldBeAltered, h.Module.PublishLong("t", 1, bytes, 0, bytes.Length, false), "PUBL");
            h.AssertDone("only the probe was sent");
        }

        [TestMethod]
        public void ShortPayloadWithALineBreakTakesTheLongForm()
        {
            ModuleHarness h = new ModuleHarness(6).Connected();
            h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "ERROR\r\n")
                .On("AT+TCMQTTPUBL=\"t\",0,3\r\n", "OK\r\n>\r\n")
                .On("a\nb\r\n", "+TCMQTTPUBL:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("t", 0, "a\nb"), "LF alone is fine in PUBL");
            h.AssertDone("lf");
        }

        [TestMethod]
        public void PayloadAndTopicBounds()
        {
            ModuleHarness h = new ModuleHarness(7).Connected();
            h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "ERROR\r\n")
                .On("AT+TCMQTTPUBL=\"" + new string('t', 128) + "\",0,2048\r\n", "OK\r\n>\r\n")
                .On(new string('p', 2048) + "\r\n", "+TCMQTTPUBL:OK\r\n");
            byte[] max = Bytes.Of(new string('p', 2049));
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish(new string('t', 128), 0, max, 0, 2048), "2048 bytes; 128-byte topic");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish("t", 0, max, 0, 2049), "2049 bytes");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish("t", 0, max, 0, 0), "empty payload");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish("t", 0, ""), "empty string payload");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish(new string('t', 129), 0, "x"), "topic 129");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish("t\r\nAT", 0, "x"), "CR LF in topic");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish("t", 2, "x"), "qos 2");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Publish("t", 0, max, 2000, 100), "slice past the buffer");
            h.AssertDone("bounds");
        }

        [TestMethod]
        public void ExplicitFormsForCallersWhoChoose()
        {
            ModuleHarness h = new ModuleHarness(8).Connected();
            h.Wire.On("AT+TCMQTTPUB=\"t\",0,\"a\\,b\"\r\n", "OK\r\n+TCMQTTPUB:OK\r\n")
                .On("AT+TCMQTTPUBL=\"t\",1,3\r\n", "OK\r\n>\r\n")
                .On("a,b\r\n", "+TCMQTTPUBL:OK\r\n");
            byte[] bytes = Bytes.Of("a,b");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.PublishShort("t", 0, bytes, 0, 3), "PUB");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.PublishLong("t", 1, bytes, 0, 3, false), "PUBL");
            byte[] altered = Bytes.Of("a\\\"b");
            ModuleHarness.ExpectRefused(AtRefusal.PayloadWouldBeAltered, h.Module.PublishLong("t", 1, altered, 0, altered.Length, false), "explicit PUBL");
            byte[] big = Bytes.Of(new string('x', 300));
            ModuleHarness.ExpectRefused(AtRefusal.CommandTooLong, h.Module.PublishShort("t", 0, big, 0, big.Length), "explicit PUB too long");
            h.AssertDone("explicit");
        }

        [TestMethod]
        public void PublishRefusedWhenNotConnectedOrDuringOta()
        {
            ModuleHarness h = new ModuleHarness(9);
            ModuleHarness.ExpectRefused(AtRefusal.NotConnected, h.Module.Publish("t", 0, "x"), "not connected");
            h.Connected();
            h.Report("+TCOTASTATUS:ENTERUPDATE\r\n");
            string before = h.Written;
            ModuleHarness.ExpectRefused(AtRefusal.OtaInProgress, h.Module.Publish("t", 0, "x"), "downloading");
            Assert.AreEqual(before, h.Written);
            h.Report("+TCOTASTATUS:UPDATESUCCESS\r\n");
            h.Wire.On("AT+TCMQTTPUB=\"t\",0,\"x\"\r\n", "OK\r\n+TCMQTTPUB:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("t", 0, "x"), "after the download");
        }

        [TestMethod]
        public void LostPromptAbortsThePayloadState()
        {
            ModuleHarness h = new ModuleHarness(10);
            h.Module.NetworkMarginMs = 0;
            MqttSettings quick = new MqttSettings();
            quick.CommandTimeoutMs = 1000;
            h.Wire.On("AT+TCMQTTCONN=1,1000,240,1,1\r\n", "OK\r\n+TCMQTTCONN:OK\r\n")
                .On("AT+TCMQTTPUBL=\"t\",0,3\r\n", "OK\r\n").On("+++\r\n", "+CME ERROR:204\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Connect(quick), "connect");
            byte[] bytes = Bytes.Of("abc");
            AtResult r = h.Module.PublishLong("t", 0, bytes, 0, 3, false);
            ModuleHarness.Expect(AtStatus.Timeout, r, "no prompt");
            h.AssertDone("+++ sent");
        }
    }
}
