using System;
using nanoFramework.TestFramework;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>The ESP-AT base commands the module keeps (NOTES.md), as exact bytes, with echo on and off.</summary>
    [TestClass]
    public class BaseCommandTests
    {
        private static readonly byte[] BootNoise =
        {
            0x00, 0xE0, 0x8C, 0xFC, 0x12, 0x92, 0x6E, 0x9C, 0xE2, 0x0D, 0x0A, 0xF2, 0x00, 0x6C, 0x80, 0x0D, 0x0A,
        };

        [TestMethod]
        public void RestartIsOkThenBootNoiseAndReadyAndForgetsTheConnection()
        {
            ModuleHarness h = new ModuleHarness(41).Connected();
            h.Wire.On("AT+RST\r\n", Bytes.Join(Bytes.Of("OK\r\n"), BootNoise, Bytes.Of("ready\r\n")));
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Restart(), "restart");
            Assert.IsFalse(h.Module.State.Connected, "MQTT is gone with the reboot");
            h.Engine.Engine.DispatchReports(h.Module);
            Assert.AreEqual(1, h.Engine.Reports.Count, "one report: the noise is no line of the protocol");
            Assert.AreEqual("ready", h.Engine.Reports[0]);
            h.AssertDone("AT+RST");
        }

        [TestMethod]
        public void ReadyReportedByAModuleThatRebootedMakesItForgetWhatItHeld()
        {
            ModuleHarness h = new ModuleHarness(42).Connected();
            h.Wire.On("AT+TCMQTTSUB=\"a/b\",1\r\n", "OK\r\n+TCMQTTSUB:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Subscribe("a/b", 1), "subscribe");
            h.Wire.Send(Bytes.Join(BootNoise, Bytes.Of("ready\r\n")));
            h.Engine.Engine.DispatchReports(h.Module);
            Assert.IsFalse(h.Module.State.Connected);
            Assert.AreEqual(1, h.Module.State.Subscriptions.Count, "the MCU still wants the topic");
            Assert.IsFalse(h.Module.State.Subscriptions.IsActive(0), "the module no longer holds it");
        }

        [TestMethod]
        public void EchoedCommandsAreNeitherAnswersNorReports()
        {
            // After boot the module echoes each command (ATE1) as "<command>\r\r\n" before its answer.
            ModuleHarness h = new ModuleHarness(43);
            h.Wire.On("AT\r\n", "AT\r\r\n\r\nOK\r\n")
                .On("AT+TCMQTTSTATE?\r\n", "AT+TCMQTTSTATE?\r\r\n+TCMQTTSTATE:1\r\n\r\nOK\r\n")
                .On("AT+TCMQTTPUB=\"OK\",0,\"+TCMQTTDISCON\\,-106\"\r\n",
                    "AT+TCMQTTPUB=\"OK\",0,\"+TCMQTTDISCON\\,-106\"\r\r\n\r\nOK\r\n+TCMQTTPUB:OK\r\n")
                .On("ATE0\r\n", "ATE0\r\r\n\r\nOK\r\n")
                .On("AT\r\n", "\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Probe(), "AT echoed");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadState(), "state echoed");
            Assert.IsTrue(h.Module.State.Connected);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("OK", 0, "+TCMQTTDISCON,-106"), "a publish whose echo looks like a report");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.DisableEcho(), "ATE0 echoed");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Probe(), "no echo");
            h.Engine.Engine.DispatchReports(h.Module);
            Assert.AreEqual(0, h.Engine.Reports.Count, "no report forged by an echo");
            Assert.IsTrue(h.Module.State.Connected);
            Assert.AreEqual(4, h.Engine.Engine.Stats.EchoLines);
            h.AssertDone("echo");
        }

        [TestMethod]
        public void BaseVersionGoesIntoTheModuleInfo()
        {
            ModuleHarness h = new ModuleHarness(44);
            h.Wire.On("AT+GMR\r\n", "AT+GMR\r\r\n" + AppHarness.GmrAnswer);
            ModuleInfo info = new ModuleInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadBaseVersion(info), "GMR");
            Assert.AreEqual("1.6.2.0(Apr 13 2018 11:10:59)", info.AtCoreVersion);
            Assert.AreEqual("2.2.1(6ab97e9)", info.EspSdkVersion);
            Assert.AreEqual("Jun  7 2018 19:34:26", info.AtCoreCompileTime);
            Assert.AreEqual("1.6.2", info.BuildVersion);
            h.Wire.On("AT+GMR\r\n", "AT version:2.1.0.0-dev\r\nSDK version:v3.2\r\ncompile time:Nov 24 2026 00:00:00\r\n"
                + "QCloud IoT AT version:QCloud_AT_ESP8266_v2.1.1\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadBaseVersion(info), "a Tencent build's GMR");
            Assert.AreEqual("QCloud_AT_ESP8266_v2.1.1", info.BuildVersion);
            h.AssertDone("GMR");
        }

        [TestMethod]
        public void WifiModeSetAndReadWithItsBounds()
        {
            ModuleHarness h = new ModuleHarness(45);
            h.Wire.On("AT+CWMODE=1\r\n", "OK\r\n").On("AT+CWMODE?\r\n", "+CWMODE:1\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetWifiMode(1), "station");
            int mode;
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadWifiMode(out mode), "read");
            Assert.AreEqual(1, mode);
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetWifiMode(0), "mode 0");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetWifiMode(4), "mode 4");
            h.AssertDone("nothing sent for the refused modes");
        }

        [TestMethod]
        public void JoinAccessPointSucceedsWithItsReports()
        {
            ModuleHarness h = new ModuleHarness(46);
            h.Wire.On("AT+CWJAP=\"caf\u00c3\u00a9 \\\"5G\\\"\\,2\",\"12345678\"\r\n", "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.JoinAccessPoint("caf\u00e9 \"5G\",2", "12345678"), "join");
            Assert.IsTrue(h.Module.State.WifiConnected);
            h.Engine.Engine.DispatchReports(h.Module);
            Assert.AreEqual(2, h.Engine.Reports.Count);
            Assert.AreEqual("WIFI CONNECTED", h.Engine.Reports[0]);
            Assert.AreEqual("WIFI GOT IP", h.Engine.Reports[1]);
            h.AssertDone("escaped SSID, UTF-8");
        }

        [TestMethod]
        public void JoinAccessPointFailureCarriesTheModulesReason()
        {
            ModuleHarness h = new ModuleHarness(47);
            h.Wire.On("AT+CWJAP=\"home\",\"wrongpass\"\r\n", "WIFI DISCONNECT\r\n+CWJAP:2\r\n\r\nFAIL\r\n")
                .On("AT+CWJAP=\"gone\",\"\"\r\n", "+CWJAP:3\r\n\r\nFAIL\r\n");
            AtResult r = h.Module.JoinAccessPoint("home", "wrongpass");
            ModuleHarness.Expect(AtStatus.Failed, r, "wrong password");
            Assert.AreEqual(2, r.Code);
            r = h.Module.JoinAccessPoint("gone", "");
            ModuleHarness.Expect(AtStatus.Failed, r, "no AP, open network");
            Assert.AreEqual(3, r.Code);
            Assert.IsFalse(h.Module.State.WifiConnected);
            h.AssertDone("two failures");
        }

        [TestMethod]
        public void JoinAccessPointBoundsAreCheckedBeforeSending()
        {
            ModuleHarness h = new ModuleHarness(48);
            string ssid32 = new string('s', 32);
            string pass64 = new string('p', 64);
            h.Wire.On("AT+CWJAP=\"" + ssid32 + "\",\"" + pass64 + "\"\r\n", "WIFI CONNECTED\r\nWIFI GOT IP\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.JoinAccessPoint(ssid32, pass64), "at the bounds");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.JoinAccessPoint(ssid32 + "s", "12345678"), "ssid 33");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.JoinAccessPoint("", "12345678"), "empty ssid");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.JoinAccessPoint("a", "1234567"), "password 7");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.JoinAccessPoint("a", pass64 + "p"), "password 65");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.JoinAccessPoint("a\r\nAT+RST", "12345678"), "CR LF");
            Assert.ThrowsException(typeof(ArgumentNullException), () => h.Module.JoinAccessPoint("a", null), "null password");
            h.AssertDone("nothing sent for the refused ones");
        }

        [TestMethod]
        public void ReadAccessPointConnectedOrNoAp()
        {
            ModuleHarness h = new ModuleHarness(49);
            h.Wire.On("AT+CWJAP?\r\n", "+CWJAP:\"home-ap\",\"a4:2b:b0:11:22:33\",6,-52\r\n\r\nOK\r\n")
                .On("AT+CWJAP?\r\n", "No AP\r\n\r\nOK\r\n");
            WifiInfo wifi = new WifiInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadAccessPoint(wifi), "on an AP");
            Assert.IsTrue(wifi.Connected);
            Assert.AreEqual("home-ap", wifi.Ssid);
            Assert.AreEqual("a4:2b:b0:11:22:33", wifi.Bssid);
            Assert.AreEqual(6, wifi.Channel);
            Assert.AreEqual(-52, wifi.Rssi);
            Assert.IsTrue(h.Module.State.WifiConnected);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadAccessPoint(wifi), "no AP");
            Assert.IsFalse(wifi.Connected);
            Assert.IsNull(wifi.Ssid);
            Assert.IsFalse(h.Module.State.WifiConnected);
            h.AssertDone("two queries");
        }

        [TestMethod]
        public void LeaveAccessPointAndTheWifiReportsFollowTheState()
        {
            ModuleHarness h = new ModuleHarness(50);
            h.Report("WIFI CONNECTED\r\nWIFI GOT IP\r\n");
            Assert.IsTrue(h.Module.State.WifiConnected);
            h.Wire.On("AT+CWQAP\r\n", "\r\nOK\r\nWIFI DISCONNECT\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.LeaveAccessPoint(), "quit");
            Assert.IsFalse(h.Module.State.WifiConnected);
            h.Report("WIFI GOT IP\r\n");
            Assert.IsTrue(h.Module.State.WifiConnected);
            h.Report("WIFI DISCONNECT\r\n");
            Assert.IsFalse(h.Module.State.WifiConnected);
            h.AssertDone("CWQAP");
        }

        [TestMethod]
        public void StationAddressLines()
        {
            ModuleHarness h = new ModuleHarness(51);
            h.Wire.On("AT+CIPSTA?\r\n", "+CIPSTA:ip:\"192.168.1.23\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n\r\nOK\r\n");
            StationAddress address = new StationAddress();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadStationAddress(address), "CIPSTA?");
            Assert.AreEqual("192.168.1.23", address.Ip);
            Assert.AreEqual("192.168.1.1", address.Gateway);
            Assert.AreEqual("255.255.255.0", address.Netmask);
            h.AssertDone("CIPSTA?");
        }
    }
}
