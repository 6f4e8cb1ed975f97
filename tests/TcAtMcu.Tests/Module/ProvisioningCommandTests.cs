using System;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Spec 6.1 to 6.4: start/stop commands now, the outcome as a report later.</summary>
    [TestClass]
    public class ProvisioningCommandTests
    {
        [TestMethod]
        public void SmartConfigStartsAndItsOutcomeArrivesAsAReport()
        {
            ModuleHarness h = new ModuleHarness(1);
            h.Wire.On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSmartConfig(), "start");
            Assert.IsTrue(h.Module.State.SmartConfigActive);
            h.Report("+TCSTARTSMART:WIFI_CONNECT_SUCCESS\r\n");
            Assert.IsFalse(h.Module.State.SmartConfigActive);
            Assert.AreEqual("TCSTARTSMART WIFI_CONNECT_SUCCESS", h.Engine.Reports[0]);
        }

        [TestMethod]
        public void SmartConfigTimesOutAfterFiveMinutesAsAFailReport()
        {
            ModuleHarness h = new ModuleHarness(2);
            h.Wire.On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:OK\r\n").On("AT+TCSTOPSMART\r\n", "OK\r\n");
            h.Module.StartSmartConfig();
            h.Report("+TCSTARTSMART:FAIL,202\r\n");
            Assert.IsFalse(h.Module.State.SmartConfigActive);
            Assert.AreEqual("TCSTARTSMART FAIL code=202", h.Engine.Reports[0]);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StopSmartConfig(), "stop");
            h.AssertDone("smart");
        }

        [TestMethod]
        public void SmartConfigStartFailure()
        {
            ModuleHarness h = new ModuleHarness(3);
            h.Wire.On("AT+TCSTARTSMART\r\n", "OK\r\n+TCSTARTSMART:FAIL,13\r\n");
            AtResult r = h.Module.StartSmartConfig();
            ModuleHarness.Expect(AtStatus.Failed, r, "smartconfig start error");
            Assert.AreEqual(13, r.Code);
            Assert.IsFalse(h.Module.State.SmartConfigActive);
        }

        [TestMethod]
        public void SoftApWithItsBoundsAndFailedOutcome()
        {
            ModuleHarness h = new ModuleHarness(4);
            string s32 = new string('s', 32);
            string p32 = new string('p', 32);
            h.Wire.On("AT+TCSAP=\"" + s32 + "\",\"" + p32 + "\"\r\n", "OK\r\n+TCSAP:OK\r\n")
                .On("AT+TCSAP=\"Test-SoftAP\",\"12\\\"34\\,5\"\r\n", "OK\r\n+TCSAP:OK\r\n")
                .On("AT+TCSTOPSAP\r\n", "OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSoftAp(s32, p32), "32/32");
            h.Report("+TCSAP:WIFI_CONNECT_FAILED,10,2\r\n");
            Assert.IsFalse(h.Module.State.SoftApActive);
            Assert.AreEqual("TCSAP WIFI_CONNECT_FAILED code=10 sub=2", h.Engine.Reports[0]);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSoftAp("Test-SoftAP", "12\"34,5"), "escaped password");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StopSoftAp(), "stop");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.StartSoftAp(s32 + "s", "p"), "ssid 33");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.StartSoftAp("s", p32 + "p"), "password 33");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.StartSoftAp("", "p"), "empty ssid");
            h.AssertDone("softap");
        }

        [TestMethod]
        public void ProvisioningIsRefusedWhileConnected()
        {
            ModuleHarness h = new ModuleHarness(5).Connected();
            string before = h.Written;
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.StartSmartConfig(), "smart");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.StopSmartConfig(), "stop smart");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.StartSoftAp("s", "p"), "sap");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.StopSoftAp(), "stop sap");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.SetMqttServer("1.2.3.4"), "server");
            Assert.AreEqual(before, h.Written);
        }
    }
}
