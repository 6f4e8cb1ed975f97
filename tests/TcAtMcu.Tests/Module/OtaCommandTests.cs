using System;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Spec chapter 4 with NOTES.md's real formats: OK before +TCFWINFO, raw firmware bytes.</summary>
    [TestClass]
    public class OtaCommandTests
    {
        [TestMethod]
        public void SetOtaReportsTheVersion()
        {
            ModuleHarness h = new ModuleHarness(1);
            string v32 = new string('9', 32);
            h.Wire.On("AT+TCOTASET=1,\"1.0.1\"\r\n", "OK\r\n+TCOTASET:OK\r\n")
                .On("AT+TCOTASET=0,\"" + v32 + "\"\r\n", "OK\r\n+TCOTASET:FAIL,-1001\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetOta(true, "1.0.1"), "enable");
            AtResult r = h.Module.SetOta(false, v32);
            ModuleHarness.Expect(AtStatus.Failed, r, "32-byte version accepted; module failed");
            Assert.AreEqual(-1001, r.Code);
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetOta(true, v32 + "9"), "33");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetOta(true, ""), "empty");
            h.AssertDone("otaset");
        }

        [TestMethod]
        public void ReadOtaInEitherOrder()
        {
            ModuleHarness h = new ModuleHarness(2);
            h.Wire.On("AT+TCOTASET?\r\n", "+TCOTASET:1,\"1.0.1\"\r\nOK\r\n").On("AT+TCOTASET?\r\n", "OK\r\n+TCOTASET: 0,\"2.0.0\"\r\n");
            OtaSettings s = new OtaSettings();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadOta(s), "real order");
            Assert.IsTrue(s.Enabled);
            Assert.AreEqual("1.0.1", s.Version);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadOta(s), "spec order");
            Assert.IsFalse(s.Enabled);
            Assert.AreEqual("2.0.0", s.Version);
        }

        [TestMethod]
        public void FirmwareInfoIsParsed()
        {
            ModuleHarness h = new ModuleHarness(3);
            h.Wire.On("AT+TCFWINFO?\r\n", "OK\r\n+TCFWINFO:\"2.0.0\",516360,\"93412d9ab8f3039caed9667a1d151e86\",716800\r\n")
                .On("AT+TCFWINFO?\r\n", "+CME ERROR:208\r\n");
            FirmwareInfo info = new FirmwareInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadFirmwareInfo(info), "info");
            Assert.AreEqual("2.0.0", info.Version);
            Assert.AreEqual(516360, info.Size);
            Assert.AreEqual("93412d9ab8f3039caed9667a1d151e86", info.Md5);
            Assert.AreEqual(716800, info.MaxSize);
            AtResult r = h.Module.ReadFirmwareInfo(info);
            ModuleHarness.Expect(AtStatus.CmeError, r, "no valid image");
            Assert.AreEqual(208, r.Code);
        }

        [TestMethod]
        public void FirmwareDataChunksAndBounds()
        {
            ModuleHarness h = new ModuleHarness(4);
            byte[] chunk = Bytes.Join(Bytes.Repeat(0x00, 100), Bytes.Of("\r\n\"OK\r\n"), Bytes.Repeat(0xff, 3989));
            h.Wire.On("AT+TCREADFWDATA=4096\r\n", Bytes.Join(Bytes.Of("OK\r\n+TCREADFWDATA:4096,"), chunk, Bytes.Of("\r\n")))
                .On("AT+TCREADFWDATA=1\r\n", "OK\r\n+TCREADFWDATA:0,\r\n")
                .On("AT+TCREADFWDATA=1\r\n", "+CME ERROR:208\r\n");
            byte[] buffer = new byte[4097];
            AtResult r = h.Module.ReadFirmwareData(buffer, 1, 4096);
            ModuleHarness.Expect(AtStatus.Ok, r, "4096");
            Assert.AreEqual(4096, r.Length);
            Bytes.AssertEqual(chunk, buffer, 1, 4096, "the chunk");
            r = h.Module.ReadFirmwareData(buffer, 0, 1);
            ModuleHarness.Expect(AtStatus.Ok, r, "at the end");
            Assert.AreEqual(0, r.Length);
            r = h.Module.ReadFirmwareData(buffer, 0, 1);
            ModuleHarness.Expect(AtStatus.CmeError, r, "past the end");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.ReadFirmwareData(new byte[4097], 0, 4097), "4097");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.ReadFirmwareData(buffer, 0, 0), "0");
            h.AssertDone("chunks");
        }

        [TestMethod]
        public void OtaCommandsAreRefusedWhileTheModuleDownloads()
        {
            ModuleHarness h = new ModuleHarness(5);
            h.Report("+TCOTASTATUS:ENTERUPDATE\r\n");
            Assert.IsTrue(h.Module.State.OtaDownloading);
            ModuleHarness.ExpectRefused(AtRefusal.OtaInProgress, h.Module.ReadFirmwareInfo(new FirmwareInfo()), "fwinfo");
            ModuleHarness.ExpectRefused(AtRefusal.OtaInProgress, h.Module.ReadFirmwareData(new byte[8], 0, 8), "data");
            ModuleHarness.ExpectRefused(AtRefusal.OtaInProgress, h.Module.SetOta(true, "1.0.0"), "otaset");
            ModuleHarness.ExpectRefused(AtRefusal.OtaInProgress, h.Module.SetDeviceInfo("P", "d", "s"), "devinfo");
            ModuleHarness.ExpectRefused(AtRefusal.OtaInProgress, h.Module.Disconnect(), "disconnect");
            Assert.AreEqual("", h.Written);
            h.Report("+TCOTASTATUS:UPDATEFAIL,205\r\n");
            Assert.IsFalse(h.Module.State.OtaDownloading);
            Assert.AreEqual("TCOTASTATUS UPDATEFAIL code=205", h.Engine.Reports[1]);
        }
    }
}
