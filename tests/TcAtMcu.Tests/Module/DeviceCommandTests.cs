using System;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Spec chapter 2 and 6.5 to 6.7, as exact bytes.</summary>
    [TestClass]
    public class DeviceCommandTests
    {
        private const string Secret44 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh";

        [TestMethod]
        public void SetDeviceInfoSendsTlsModeOneAndQuotedFields()
        {
            ModuleHarness h = new ModuleHarness(1);
            h.Wire.On("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\"\r\n", "OK\r\n+TCDEVINFOSET:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetDeviceInfo("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA="), "set");
            h.AssertDone("set");
        }

        [TestMethod]
        public void SetDeviceInfoAtItsBoundsAndOnePast()
        {
            ModuleHarness h = new ModuleHarness(2);
            string dn48 = new string('d', 48);
            h.Wire.On("AT+TCDEVINFOSET=1,\"ABCDEFGHIJ\",\"" + dn48 + "\",\"" + Secret44 + "\"\r\n", "OK\r\n+TCDEVINFOSET:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetDeviceInfo("ABCDEFGHIJ", dn48, Secret44), "at the bounds");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetDeviceInfo("ABCDEFGHIJK", "d", "s"), "productId 11");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetDeviceInfo("P", dn48 + "d", "s"), "deviceName 49");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetDeviceInfo("P", "d", Secret44 + "x"), "deviceSecret 45");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetDeviceInfo("", "d", "s"), "empty productId");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetDeviceInfo("P", "d\r\nAT+TCRESTORE", "s"), "CR LF");
            Assert.ThrowsException(typeof(ArgumentNullException), () => h.Module.SetDeviceInfo("P", "d", null), "null secret");
            h.AssertDone("nothing sent for the refused ones");
        }

        [TestMethod]
        public void SetDeviceInfoFailureAndStateRefusals()
        {
            ModuleHarness h = new ModuleHarness(3);
            h.Wire.On("AT+TCDEVINFOSET=1,\"P\",\"d\",\"s\"\r\n", "OK\r\n+TCDEVINFOSET:FAIL,207\r\n");
            AtResult r = h.Module.SetDeviceInfo("P", "d", "s");
            ModuleHarness.Expect(AtStatus.Failed, r, "flash error");
            Assert.AreEqual(207, r.Code);

            h.Connected();
            string before = h.Written;
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.SetDeviceInfo("P", "d", "s"), "connected");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.SetProductInfo("P", "s", "d"), "connected");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.Register(), "connected");
            ModuleHarness.ExpectRefused(AtRefusal.Connected, h.Module.Restore(), "connected");
            Assert.AreEqual(before, h.Written, "refusals send nothing");
        }

        [TestMethod]
        public void ReadDeviceInfoInTheRealAndTheSpecsFormats()
        {
            ModuleHarness h = new ModuleHarness(4);
            h.Wire.On("AT+TCDEVINFOSET?\r\n", "+TCDEVINFOSET:1,\"CTQS08Y5LG\",\"Dev01\",116,\"ap-guangzhou\"\r\nOK\r\n")
                .On("AT+TCDEVINFOSET?\r\n", "+TCDEVINFOSET: 1,CTQS08Y5LG,Dev01,116\r\nOK\r\n");
            for (int i = 0; i < 2; i++)
            {
                DeviceInfo info = new DeviceInfo();
                ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadDeviceInfo(info), "read " + i);
                Assert.AreEqual(1, info.TlsMode);
                Assert.AreEqual("CTQS08Y5LG", info.ProductId);
                Assert.AreEqual("Dev01", info.DeviceName);
                Assert.AreEqual(116, info.SecretChecksum);
                Assert.AreEqual(i == 0 ? "ap-guangzhou" : null, info.Region);
                Assert.IsTrue(info.Matches("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA="), "same secret");
                Assert.IsFalse(info.Matches("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA"), "other secret");
                Assert.IsFalse(info.Matches("CTQS08Y5LG", "Dev02", "ZHNkIGRzZCA="), "other device");
            }
            h.AssertDone("read");
        }

        [TestMethod]
        public void SecretChecksumIsTheSpecsXor()
        {
            Assert.AreEqual(116, DeviceInfo.Checksum("ZHNkIGRzZCA="));
            Assert.AreEqual(18, DeviceInfo.Checksum(Secret44));
            Assert.AreEqual(0, DeviceInfo.Checksum(""));
            Assert.AreEqual(0, DeviceInfo.Checksum("aa"));
        }

        [TestMethod]
        public void ProductInfoSetAndRead()
        {
            ModuleHarness h = new ModuleHarness(5);
            h.Wire.On("AT+TCPRDINFOSET=1,\"CTQS08Y5LG\",\"ZHnkIGRzZCA=\",\"Dev01\"\r\n", "OK\r\n+TCPRDINFOSET:OK\r\n")
                .On("AT+TCPRDINFOSET?\r\n", "+TCPRDINFOSET:1,\"CTQS08Y5LG\",60,\"Dev01\"\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetProductInfo("CTQS08Y5LG", "ZHnkIGRzZCA=", "Dev01"), "set");
            ProductInfo info = new ProductInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadProductInfo(info), "read");
            Assert.AreEqual("CTQS08Y5LG", info.ProductId);
            Assert.AreEqual(60, info.SecretChecksum);
            Assert.AreEqual("Dev01", info.DeviceName);
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetProductInfo("P", new string('s', 33), "d"), "productSecret 33");
            h.AssertDone("product");
        }

        [TestMethod]
        public void RegisterSucceedsOrFailsWithARegistrationCode()
        {
            ModuleHarness h = new ModuleHarness(6);
            h.Wire.On("AT+TCDEVREG\r\n", "OK\r\n+TCDEVREG:OK\r\n").On("AT+TCDEVREG\r\n", "OK\r\n+TCDEVREG:FAIL,1021\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Register(), "registered");
            AtResult r = h.Module.Register();
            ModuleHarness.Expect(AtStatus.Failed, r, "already registered");
            Assert.AreEqual(1021, r.Code);
            h.AssertDone("register");
        }

        [TestMethod]
        public void ModuleInfoIsParsedIntoFields()
        {
            ModuleHarness h = new ModuleHarness(7);
            h.Wire.On("AT+TCMODULE\r\n", "Module HW name: ESP-WROOM-02D\r\nModule FW version: QCloud_AT_v1.0.0_ESP_WiFi\r\n"
                + "Module Mac addr: 3c:71:bf:33:af:fd\r\nModule FW compiled time: Jun 11 2019 20:30:10\r\nModule Flash size: 2MB\r\nOK\r\n");
            ModuleInfo info = new ModuleInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadModuleInfo(info), "module");
            Assert.AreEqual("ESP-WROOM-02D", info.HardwareName);
            Assert.AreEqual("QCloud_AT_v1.0.0_ESP_WiFi", info.FirmwareVersion);
            Assert.AreEqual("3c:71:bf:33:af:fd", info.MacAddress);
            Assert.AreEqual("Jun 11 2019 20:30:10", info.CompileTime);
            Assert.AreEqual("2MB", info.FlashSize);
        }

        [TestMethod]
        public void VersionIsParsedIntoFields()
        {
            ModuleHarness h = new ModuleHarness(8);
            h.Wire.On("AT+TCVER\r\n", "Tencent Cloud IoT SDK version: 2.3.3\r\nTencent Cloud IoT AT version: AT_v1.0.0_ESP_WiFi\r\n"
                + "Firmware compile time: May 9 2019 18:16:57\r\nTencent Technology Co. Ltd.\r\n\r\nOK\r\n");
            VersionInfo info = new VersionInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadVersion(info), "version");
            Assert.AreEqual("2.3.3", info.SdkVersion);
            Assert.AreEqual("AT_v1.0.0_ESP_WiFi", info.AtVersion);
            Assert.AreEqual("May 9 2019 18:16:57", info.CompileTime);
        }

        [TestMethod]
        public void RestoreAndItsErrors()
        {
            ModuleHarness h = new ModuleHarness(9);
            h.Wire.On("AT+TCRESTORE\r\n", "OK\r\n").On("AT+TCRESTORE\r\n", "+CME ERROR:200\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Restore(), "restore");
            AtResult r = h.Module.Restore();
            ModuleHarness.Expect(AtStatus.CmeError, r, "busy with OTA");
            Assert.AreEqual(200, r.Code);
        }

        [TestMethod]
        public void ModuleSettingsAsTheSpecsExampleAndTheirBounds()
        {
            ModuleHarness h = new ModuleHarness(10);
            h.Wire.On("AT+TCMODINFOSET=\"ESP-WROOM-02D\",2,0,1118208,1122304,716800,1\r\n", "OK\r\n+TCMODINFOSET:OK\r\n")
                .On("AT+TCMODINFOSET?\r\n", "+TCMODINFOSET:\"ESP-WROOM-02D\",4,16,1118208,1122304,716800,1\r\nOK\r\n");
            ModuleSettings s = new ModuleSettings();
            s.ModuleName = "ESP-WROOM-02D";
            s.FirmwareInfoAddress = 1118208;
            s.FirmwareBaseAddress = 1122304;
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetModuleSettings(s), "set");
            ModuleSettings read = new ModuleSettings();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadModuleSettings(read), "read");
            Assert.AreEqual("ESP-WROOM-02D", read.ModuleName);
            Assert.AreEqual(4, read.FlashSizeMb);
            Assert.AreEqual(16, read.WifiLedGpio);
            Assert.AreEqual(1122304, read.FirmwareBaseAddress);
            h.AssertDone("settings");

            AssertRefusedSettings("flash 3", delegate(ModuleSettings m) { m.FlashSizeMb = 3; });
            AssertRefusedSettings("gpio 17", delegate(ModuleSettings m) { m.WifiLedGpio = 17; });
            AssertRefusedSettings("gpio -1", delegate(ModuleSettings m) { m.WifiLedGpio = -1; });
            AssertRefusedSettings("info below 0x111000", delegate(ModuleSettings m) { m.FirmwareInfoAddress = 0x110000; });
            AssertRefusedSettings("base not aligned", delegate(ModuleSettings m) { m.FirmwareBaseAddress = 0x112001; });
            AssertRefusedSettings("max 716801", delegate(ModuleSettings m) { m.FirmwareMaxSize = 716801; });
            AssertRefusedSettings("name 31", delegate(ModuleSettings m) { m.ModuleName = new string('n', 31); });
        }

        private delegate void Change(ModuleSettings settings);

        private static void AssertRefusedSettings(string what, Change change)
        {
            ModuleHarness h = new ModuleHarness(11);
            ModuleSettings s = new ModuleSettings();
            s.ModuleName = new string('n', 30);
            s.FlashSizeMb = 4;
            s.WifiLedGpio = 16;
            s.FirmwareMaxSize = 716800;
            change(s);
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetModuleSettings(s), what);
            Assert.AreEqual("", h.Written, what + ": nothing sent");
        }

        [TestMethod]
        public void MqttServerSetAndRead()
        {
            ModuleHarness h = new ModuleHarness(12);
            h.Wire.On("AT+TCMQTTSRV=192.168.10.118\r\n", "OK\r\n+TCMQTTSRV:OK\r\n")
                .On("AT+TCMQTTSRV=10.0.0.1\r\n", "OK\r\n+TCMQTTSRV:FAIL\r\n")
                .On("AT+TCMQTTSRV?\r\n", "+TCMQTTSRV:192.168.10.118\r\nOK\r\n")
                .On("AT+TCMQTTSRV?\r\n", "+TCMQTTSRV:NULL\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetMqttServer("192.168.10.118"), "set");
            AtResult r = h.Module.SetMqttServer("10.0.0.1");
            ModuleHarness.Expect(AtStatus.Failed, r, "bare FAIL");
            Assert.AreEqual(0, r.Code);
            string ip;
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadMqttServer(out ip), "read");
            Assert.AreEqual("192.168.10.118", ip);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadMqttServer(out ip), "read NULL");
            Assert.IsNull(ip);
            string[] bad = { "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4,AT", "a..b", "1..2.3", "1234.1.1.1", "-a.b", "a-.b", "a.b.", "a b" };
            for (int i = 0; i < bad.Length; i++)
            {
                string address = bad[i];
                Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetMqttServer(address), address);
            }
            // A host name is V3.2.1's: refused on a module not known to speak it.
            h.Wire.ForgetWritten();
            ModuleHarness.ExpectRefused(AtRefusal.CommandSetUnknown, h.Module.SetMqttServer("a.b.c.d"), "host name, set not detected");
            Assert.AreEqual("", h.Written, "nothing sent");
            h.AssertDone("server");
        }
    }
}
