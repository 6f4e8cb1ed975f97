using System;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Spec chapter 3 except publishing, as exact bytes.</summary>
    [TestClass]
    public class MqttCommandTests
    {
        [TestMethod]
        public void ConnectSendsTheSettingsAndFollowsTheResult()
        {
            ModuleHarness h = new ModuleHarness(1);
            h.Wire.On("AT+TCMQTTCONN=1,10000,690,0,0\r\n", "OK\r\n+TCMQTTCONN:FAIL,-117\r\n")
                .On("AT+TCMQTTCONN=1,1000,60,1,1\r\n", "OK\r\n+TCMQTTCONN:OK\r\n");
            MqttSettings s = new MqttSettings();
            s.CommandTimeoutMs = 10000;
            s.KeepAliveS = 690;
            s.CleanSession = false;
            s.AutoReconnect = false;
            AtResult r = h.Module.Connect(s);
            ModuleHarness.Expect(AtStatus.Failed, r, "not authorized");
            Assert.AreEqual(-117, r.Code);
            Assert.IsFalse(h.Module.State.Connected);
            s.CommandTimeoutMs = 1000;
            s.KeepAliveS = 60;
            s.CleanSession = true;
            s.AutoReconnect = true;
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Connect(s), "connected");
            Assert.IsTrue(h.Module.State.Connected);
            Assert.AreEqual(1000, h.Module.State.CommandTimeoutMs);
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.Connect(s), "connected already");
            h.AssertDone("connect");
        }

        [TestMethod]
        public void ConnectBoundsOnePastEachEnd()
        {
            ModuleHarness h = new ModuleHarness(2);
            int[] timeouts = { 999, 10001 };
            for (int i = 0; i < timeouts.Length; i++)
            {
                MqttSettings s = new MqttSettings();
                s.CommandTimeoutMs = timeouts[i];
                Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Connect(s), "cmdtimeout " + timeouts[i]);
            }
            int[] keepAlives = { 59, 691 };
            for (int i = 0; i < keepAlives.Length; i++)
            {
                MqttSettings s = new MqttSettings();
                s.KeepAliveS = keepAlives[i];
                Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Connect(s), "keepalive " + keepAlives[i]);
            }
            int[] modes = { 0, 2 };
            for (int i = 0; i < modes.Length; i++)
            {
                MqttSettings s = new MqttSettings();
                s.TlsMode = modes[i];
                Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Connect(s), "tlsmode " + modes[i]);
            }
            Assert.AreEqual("", h.Written);
        }

        [TestMethod]
        public void ReadConnectSettings()
        {
            ModuleHarness h = new ModuleHarness(3);
            h.Wire.On("AT+TCMQTTCONN?\r\n", "+TCMQTTCONN:1,5000,240,1,0\r\nOK\r\n");
            MqttSettings s = new MqttSettings();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadConnectSettings(s), "read");
            Assert.AreEqual(1, s.TlsMode);
            Assert.AreEqual(5000, s.CommandTimeoutMs);
            Assert.AreEqual(240, s.KeepAliveS);
            Assert.IsTrue(s.CleanSession);
            Assert.IsFalse(s.AutoReconnect);
        }

        [TestMethod]
        public void DisconnectTakesTheReportBeforeItsOk()
        {
            ModuleHarness h = new ModuleHarness(4).Connected();
            h.Wire.On("AT+TCMQTTDISCONN\r\n", "+TCMQTTDISCON,2\r\nOK\r\n").On("AT+TCMQTTDISCONN\r\n", "+CME ERROR:208\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Disconnect(), "disconnect");
            Assert.IsFalse(h.Module.State.Connected);
            AtResult r = h.Module.Disconnect();
            ModuleHarness.Expect(AtStatus.CmeError, r, "not connected");
            Assert.AreEqual(208, r.Code);
            Assert.AreEqual(1, h.Engine.Dispatch(), "the DISCON report is delivered too");
            Assert.AreEqual("TCMQTTDISCON code=2", h.Engine.Reports[0]);
        }

        [TestMethod]
        public void StateIsReadFromTheModule()
        {
            ModuleHarness h = new ModuleHarness(5);
            h.Wire.On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE: 1\r\nOK\r\n").On("AT+TCMQTTSTATE?\r\n", "+TCMQTTSTATE:0\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadState(), "1");
            Assert.IsTrue(h.Module.State.Connected);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadState(), "0");
            Assert.IsFalse(h.Module.State.Connected);
        }

        [TestMethod]
        public void SubscribeUpToTenTopicsThenRefuse()
        {
            ModuleHarness h = new ModuleHarness(6).Connected();
            for (int i = 0; i < 10; i++)
            {
                h.Wire.On("AT+TCMQTTSUB=\"t/" + i + "\"," + (i % 2) + "\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
                ModuleHarness.Expect(AtStatus.Ok, h.Module.Subscribe("t/" + i, i % 2), "topic " + i);
            }
            string before = h.Written;
            ModuleHarness.ExpectRefused(AtRefusal.TooManySubscriptions, h.Module.Subscribe("t/10", 0), "11th");
            Assert.AreEqual(before, h.Written, "the 11th sends nothing");
            h.Wire.On("AT+TCMQTTSUB=\"t/3\",0\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Subscribe("t/3", 0), "a known topic again is not an 11th");
            Assert.AreEqual(10, h.Module.State.Subscriptions.Count);
            h.AssertDone("subscribe");
        }

        [TestMethod]
        public void SubscribeBoundsAndFailures()
        {
            ModuleHarness h = new ModuleHarness(7).Connected();
            string topic128 = new string('t', 128);
            h.Wire.On("AT+TCMQTTSUB=\"" + topic128 + "\",1\r\n", "OK\r\n+TCMQTTSUB:FAIL,110\r\n");
            AtResult r = h.Module.Subscribe(topic128, 1);
            ModuleHarness.Expect(AtStatus.Failed, r, "unauthorized");
            Assert.AreEqual(110, r.Code);
            Assert.AreEqual(0, h.Module.State.Subscriptions.Count, "a failed topic is not kept");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Subscribe(topic128 + "t", 0), "topic 129");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Subscribe("t", 2), "qos 2");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.Subscribe("", 0), "empty topic");
            h.AssertDone("bounds");
        }

        [TestMethod]
        public void UnsubscribeForgetsTheTopic()
        {
            ModuleHarness h = new ModuleHarness(8).Connected();
            h.Wire.On("AT+TCMQTTSUB=\"a\",0\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCMQTTUNSUB=\"a\"\r\n", "OK\r\n+TCMQTTUNSUB:OK\r\n")
                .On("AT+TCMQTTUNSUB=\"b\"\r\n", "OK\r\n+TCMQTTUNSUB:FAIL,-121\r\n");
            h.Module.Subscribe("a", 0);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Unsubscribe("a"), "unsub");
            Assert.AreEqual(0, h.Module.State.Subscriptions.Count);
            AtResult r = h.Module.Unsubscribe("b");
            Assert.AreEqual(-121, r.Code);
            h.AssertDone("unsub");
        }

        [TestMethod]
        public void NotConnectedRefusesSubscribeUnsubscribe()
        {
            ModuleHarness h = new ModuleHarness(9);
            ModuleHarness.ExpectRefused(AtRefusal.NotConnected, h.Module.Subscribe("a", 0), "sub");
            ModuleHarness.ExpectRefused(AtRefusal.NotConnected, h.Module.Unsubscribe("a"), "unsub");
            Assert.AreEqual("", h.Written);
        }

        [TestMethod]
        public void ReadSubscriptionsParsesTheList()
        {
            ModuleHarness h = new ModuleHarness(10);
            h.Wire.On("AT+TCMQTTSUB?\r\n", "+TCMQTTSUB:\"a/b\",0\r\n+TCMQTTSUB: \"$ota/update/P/d\",1\r\nOK\r\n")
                .On("AT+TCMQTTSUB?\r\n", "OK\r\n");
            Subscriptions list = new Subscriptions();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadSubscriptions(list), "read");
            Assert.AreEqual(2, list.Count);
            Assert.AreEqual("a/b", list.Topic(0));
            Assert.AreEqual(0, list.Qos(0));
            Assert.AreEqual("$ota/update/P/d", list.Topic(1));
            Assert.AreEqual(1, list.Qos(1));
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadSubscriptions(list), "empty");
            Assert.AreEqual(0, list.Count);
        }

        [TestMethod]
        public void VerifySubscriptionsResubscribesWhatTheModuleLost()
        {
            ModuleHarness h = new ModuleHarness(11).Connected();
            h.Wire.On("AT+TCMQTTSUB=\"a\",0\r\n", "OK\r\n+TCMQTTSUB:OK\r\n")
                .On("AT+TCMQTTSUB=\"b\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            h.Module.Subscribe("a", 0);
            h.Module.Subscribe("b", 1);
            h.Report("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n+TCMQTTRECONNECTED\r\n");
            h.Wire.On("AT+TCMQTTSUB?\r\n", "+TCMQTTSUB:\"a\",0\r\nOK\r\n")
                .On("AT+TCMQTTSUB=\"b\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.VerifySubscriptions(new Subscriptions()), "verify");
            Assert.IsTrue(h.Module.State.Subscriptions.IsActive(0));
            Assert.IsTrue(h.Module.State.Subscriptions.IsActive(1));
            h.AssertDone("verify");
        }

        [TestMethod]
        public void ReconnectTimeoutNeedsConnectAndResubscribe()
        {
            ModuleHarness h = new ModuleHarness(12).Connected();
            h.Wire.On("AT+TCMQTTSUB=\"a\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            h.Module.Subscribe("a", 1);
            h.Report("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n");
            Assert.IsTrue(h.Module.State.Reconnecting);
            Assert.IsTrue(h.Module.State.Subscriptions.IsActive(0), "the module keeps them while reconnecting");
            h.Report("+TCMQTTDISCON,-106\r\n");
            Assert.IsFalse(h.Module.State.Reconnecting);
            Assert.IsFalse(h.Module.State.Connected);
            Assert.IsFalse(h.Module.State.Subscriptions.IsActive(0), "-106: gone");
            Assert.AreEqual(-106, h.Module.State.LastDisconnectCode);
            h.Connected();
            h.Wire.On("AT+TCMQTTSUB=\"a\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Resubscribe(), "resubscribe");
            h.AssertDone("-106");
        }
    }
}
