using System;
using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Which command set the module speaks, found at start; what each generation's module is sent or refused.</summary>
    [TestClass]
    public class CommandSetTests
    {
        [TestMethod]
        public void VersionTextsNameTheirCommandSet()
        {
            Assert.AreEqual((int)CommandSet.V321, (int)CommandSets.FromVersion("QCloud_AT_ESP8266_v2.0.0"));
            Assert.AreEqual((int)CommandSet.V321, (int)CommandSets.FromVersion("QCloud_AT_ESP8266_v2.1.1_SIM"));
            Assert.AreEqual((int)CommandSet.V321, (int)CommandSets.FromVersion("QCloud_AT_ESP8266_v10.0.0"));
            Assert.AreEqual((int)CommandSet.V312, (int)CommandSets.FromVersion("AT_v1.0.0_ESP_WiFi"));
            Assert.AreEqual((int)CommandSet.V312, (int)CommandSets.FromVersion("QCloud_AT_v1.0.0_ESP_WiFi"));
            Assert.AreEqual((int)CommandSet.Unknown, (int)CommandSets.FromVersion(null));
            Assert.AreEqual((int)CommandSet.Unknown, (int)CommandSets.FromVersion(""));
            Assert.AreEqual((int)CommandSet.Unknown, (int)CommandSets.FromVersion("1.6.2"));
            Assert.AreEqual((int)CommandSet.Unknown, (int)CommandSets.FromVersion("ESP8266 v3"));
            Assert.AreEqual((int)CommandSet.Unknown, (int)CommandSets.FromVersion("QCloud_AT_ESP8266_v0.9.1"));
            Assert.AreEqual((int)CommandSet.Unknown, (int)CommandSets.FromVersion("dev2.0.0"));
        }

        [TestMethod]
        public void DetectsV321FromTcverWithEitherSpacing()
        {
            string[] answers =
            {
                ModuleHarness.TcverV321,
                "Tencent Cloud IoT AT  version: QCloud_AT_ESP8266_v2.1.1\r\nTencent Cloud IoT SDK version: 3.2.0\r\nOK\r\n",
            };
            for (int i = 0; i < answers.Length; i++)
            {
                ModuleHarness h = new ModuleHarness(100 + i);
                h.Wire.On("AT+GMR\r\n", AppHarness.GmrAnswer).On("AT+TCVER\r\n", answers[i]);
                ModuleInfo info = new ModuleInfo();
                ModuleHarness.Expect(AtStatus.Ok, h.Module.DetectCommandSet(info), "detect " + i);
                Assert.AreEqual((int)CommandSet.V321, (int)info.CommandSet, "set " + i);
                Assert.AreEqual((int)CommandSet.V321, (int)h.Module.State.CommandSet, "state " + i);
                Assert.AreEqual("3.2.0", info.TencentSdkVersion);
                Assert.AreEqual("1.6.2", info.BuildVersion);
                h.AssertDone("detect " + i);
            }
        }

        [TestMethod]
        public void DetectsV312FromItsTcver()
        {
            ModuleHarness h = new ModuleHarness(110);
            h.Wire.On("AT+GMR\r\n", AppHarness.GmrAnswer).On("AT+TCVER\r\n", ModuleHarness.TcverV312);
            ModuleInfo info = new ModuleInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.DetectCommandSet(info), "detect");
            Assert.AreEqual((int)CommandSet.V312, (int)info.CommandSet);
            Assert.AreEqual("AT_v1.0.0_ESP_WiFi", info.TencentAtVersion);
            h.AssertDone("detect");
        }

        [TestMethod]
        public void WithoutTcverTheGmrBuildLineOrTheGatewayProbeDecides()
        {
            ModuleHarness h = new ModuleHarness(111);
            h.Wire.On("AT+GMR\r\n", "AT version:2.1.0.0-dev\r\nSDK version:v3.2\r\nQCloud IoT AT version:QCloud_AT_ESP8266_v2.1.1\r\nOK\r\n")
                .On("AT+TCVER\r\n", "ERR CODE:0x01090000\r\nERROR\r\n");
            ModuleInfo info = new ModuleInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.DetectCommandSet(info), "from GMR");
            Assert.AreEqual((int)CommandSet.V321, (int)info.CommandSet);
            h.AssertDone("from GMR");

            h = new ModuleHarness(112);
            h.Wire.On("AT+GMR\r\n", AppHarness.GmrAnswer).On("AT+TCVER\r\n", "Tencent Cloud IoT AT version: custom-build\r\nOK\r\n")
                .On("AT+TCGWONLINE=?\r\n", "+TCGWONLINE:\"MODE\",\"PRODUCT_ID\",\"DEVICE_NAME\"\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.DetectCommandSet(info), "probe answered");
            Assert.AreEqual((int)CommandSet.V321, (int)info.CommandSet);
            h.AssertDone("probe answered");

            h = new ModuleHarness(113);
            h.Wire.On("AT+GMR\r\n", AppHarness.GmrAnswer).On("AT+TCVER\r\n", "Tencent Cloud IoT AT version: custom-build\r\nOK\r\n")
                .On("AT+TCGWONLINE=?\r\n", "ERR CODE:0x01090000\r\nERROR\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.DetectCommandSet(info), "probe refused");
            Assert.AreEqual((int)CommandSet.V312, (int)info.CommandSet);
            h.AssertDone("probe refused");
        }

        [TestMethod]
        public void RegionIsSentAndReadBackOnV321()
        {
            ModuleHarness h = new ModuleHarness(120).SpeaksV321();
            h.Wire.On("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\",\"ap-singapore\"\r\n", "OK\r\n+TCDEVINFOSET:OK\r\n")
                .On("AT+TCDEVINFOSET?\r\n", "+TCDEVINFOSET:1,\"CTQS08Y5LG\",\"Dev01\",116,\"ap-singapore\"\r\nOK\r\n")
                .On("AT+TCPRDINFOSET=1,\"CTQS08Y5LG\",\"ZHNkIGRzZCA=\",\"Dev01\"\r\n", "OK\r\n+TCPRDINFOSET:OK\r\n")
                .On("AT+TCPRDINFOSET=1,\"CTQS08Y5LG\",\"ZHNkIGRzZCA=\",\"Dev01\",\"na-ashburn\"\r\n", "OK\r\n+TCPRDINFOSET:OK\r\n")
                .On("AT+TCPRDINFOSET?\r\n", "+TCPRDINFOSET:1,\"CTQS08Y5LG\",116,\"Dev01\",\"na-ashburn\"\r\nOK\r\n")
                .On("AT+TCPRDINFOSET=?\r\n", "+TCPRDINFOSET:\"TLS_MODE(1)\",\"PRODUCT_ID\",\"PRODUCT_SECRET_BCC\",\"DEVICE_NAME\",\"PRODUCT_REGION\"\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetDeviceInfo("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA=", "ap-singapore"), "set");
            DeviceInfo device = new DeviceInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadDeviceInfo(device), "read");
            Assert.AreEqual("ap-singapore", device.Region);
            Assert.IsTrue(device.Matches("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA=", "ap-singapore"), "same region");
            Assert.IsFalse(device.Matches("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA=", null), "default region differs");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetProductInfo("CTQS08Y5LG", "ZHNkIGRzZCA=", "Dev01"), "spec example, no region");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetProductInfo("CTQS08Y5LG", "ZHNkIGRzZCA=", "Dev01", "na-ashburn"), "with region");
            ProductInfo product = new ProductInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadProductInfo(product), "read product");
            Assert.AreEqual("Dev01", product.DeviceName);
            Assert.AreEqual("na-ashburn", product.Region);
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Test(AtCommands.PrdInfoSet), "test form (the capture)");
            h.AssertDone("region");

            h.Wire.ForgetWritten();
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetDeviceInfo("CTQS08Y5LG", "Dev01", "s", new string('r', 25)), "25 bytes");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetProductInfo("CTQS08Y5LG", "s", "Dev01", ""), "empty region");
            Assert.AreEqual("", h.Written, "nothing sent");
        }

        [TestMethod]
        public void RegionIsRefusedOnV312AndNothingElseChanges()
        {
            ModuleHarness h = new ModuleHarness(121).SpeaksV312();
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.SetDeviceInfo("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA=", "ap-singapore"), "region on 1.x");
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.SetProductInfo("CTQS08Y5LG", "ZHNkIGRzZCA=", "Dev01", "ap-singapore"), "region on 1.x");
            Assert.AreEqual("", h.Written, "nothing sent");
            h.Wire.On("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\"\r\n", "OK\r\n+TCDEVINFOSET:OK\r\n")
                .On("AT+TCDEVINFOSET?\r\n", "+TCDEVINFOSET:1,\"CTQS08Y5LG\",\"Dev01\",116\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetDeviceInfo("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA="), "as before");
            DeviceInfo device = new DeviceInfo();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadDeviceInfo(device), "read without region");
            Assert.IsNull(device.Region);
            Assert.IsTrue(device.Matches("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA=", null), "no region printed is the default");
            h.AssertDone("1.x");
        }

        [TestMethod]
        public void MqttServerByHostNameOnV321()
        {
            ModuleHarness h = new ModuleHarness(130).SpeaksV321();
            h.Wire.On("AT+TCMQTTSRV=\"iot-edge.example.com\"\r\n", "OK\r\n+TCMQTTSRV:OK\r\n")
                .On("AT+TCMQTTSRV=\"192.168.10.118\"\r\n", "OK\r\n+TCMQTTSRV:OK\r\n")
                .On("AT+TCMQTTSRV?\r\n", "+TCMQTTSRV:iot-edge.example.com\r\nOK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetMqttServer("iot-edge.example.com"), "host name");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetMqttServer("192.168.10.118"), "IP, quoted as 2.x reads strings");
            string host;
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadMqttServer(out host), "read");
            Assert.AreEqual("iot-edge.example.com", host);
            h.AssertDone("host");
            h.Wire.ForgetWritten();
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetMqttServer(new string('a', 64)), "64 bytes");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.SetMqttServer("bad_host.com"), "underscore");
            Assert.AreEqual("", h.Written, "nothing sent");

            h = new ModuleHarness(131).SpeaksV312();
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.SetMqttServer("iot-edge.example.com"), "host name on 1.x");
            Assert.AreEqual("", h.Written, "nothing sent");
            h.Wire.On("AT+TCMQTTSRV=192.168.10.118\r\n", "OK\r\n+TCMQTTSRV:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetMqttServer("192.168.10.118"), "IP bare on 1.x, as before");
            h.AssertDone("1.x");
        }

        [TestMethod]
        public void SoftApOpenWithPasswordAndChannelOnV321()
        {
            ModuleHarness h = new ModuleHarness(140).SpeaksV321();
            h.Wire.On("AT+TCSAP=\"Test-SoftAP\",\"12345678\"\r\n", "OK\r\n+TCSAP:OK\r\n")
                .On("AT+TCSAP=\"Test-SoftAP\"\r\n", "OK\r\n+TCSAP:OK\r\n")
                .On("AT+TCSAP=\"Test-SoftAP\",\"12345678\",11\r\n", "OK\r\n+TCSAP:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSoftAp("Test-SoftAP", "12345678"), "spec example");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSoftAp("Test-SoftAP"), "open hotspot: ssid alone");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSoftAp("Test-SoftAP", "12345678", 11), "with channel");
            h.AssertDone("sap");
            h.Wire.ForgetWritten();
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.StartSoftAp("Test-SoftAP", "1234567"), "2.x: 8 to 32");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.StartSoftAp("Test-SoftAP", "12345678", 14), "channel 14");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.StartSoftAp("Test-SoftAP", "", 6), "a channel needs a password");
            Assert.AreEqual("", h.Written, "nothing sent");

            h = new ModuleHarness(141).SpeaksV312();
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.StartSoftAp("Test-SoftAP", "12345678", 6), "channel on 1.x");
            Assert.AreEqual("", h.Written, "nothing sent");
            h.Wire.On("AT+TCSAP=\"Test-SoftAP\",\"1234\"\r\n", "OK\r\n+TCSAP:OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.StartSoftAp("Test-SoftAP", "1234"), "1.x took a short password");
            h.AssertDone("1.x");
        }

        [TestMethod]
        public void ModuleSettingsHaveSixFieldsOnV321()
        {
            ModuleHarness h = new ModuleHarness(150).SpeaksV321();
            h.Wire.On("AT+TCMODINFOSET=\"ESP-WROOM-02D\",2,0,1118208,716800,1\r\n", "OK\r\n+TCMODINFOSET:OK\r\n")
                .On("AT+TCMODINFOSET?\r\n", "+TCMODINFOSET:\"ESP-WROOM-02D\",4,16,1122304,716800,1\r\nOK\r\n");
            ModuleSettings s = new ModuleSettings();
            s.ModuleName = "ESP-WROOM-02D";
            s.FirmwareInfoAddress = 0; // no such field on 2.x: not checked, not sent
            s.FirmwareBaseAddress = 1118208;
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SetModuleSettings(s), "spec example");
            ModuleSettings read = new ModuleSettings();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadModuleSettings(read), "read");
            Assert.AreEqual(4, read.FlashSizeMb);
            Assert.AreEqual(16, read.WifiLedGpio);
            Assert.AreEqual(0, read.FirmwareInfoAddress);
            Assert.AreEqual(1122304, read.FirmwareBaseAddress);
            Assert.AreEqual(716800, read.FirmwareMaxSize);
            Assert.AreEqual(1, read.FixedConnectionId);
            h.AssertDone("modinfo");
        }

        [TestMethod]
        public void RawPublishIsDocumentedOnV321AndNeedsNoProbe()
        {
            ModuleHarness h = new ModuleHarness(160).SpeaksV321().Connected();
            byte[] data = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A };
            byte[] topic = Bytes.Of("$thing/up/raw/iot-ee54phlu/device1");
            h.Wire.On("AT+TCMQTTPUBRAW=\"$thing/up/raw/iot-ee54phlu/device1\",1,10\r\n", "OK\r\n>\r\n")
                .On(Bytes.Join(data, Bytes.Of("\r\n")), Bytes.Of("OK\r\n\r\n+TCMQTTPUBRAW: OK\r\n"));
            ModuleHarness.Expect(AtStatus.Ok, h.Module.PublishRaw(topic, 1, data, 0, data.Length), "spec 3.5 example");
            h.AssertDone("pubraw");

            byte[] binary = { 0x22, 0x2C, 0x5C, 0x0D, 0x0A, 0x00, 0xFF };
            h.Wire.On("AT+TCMQTTPUBRAW=\"$thing/up/raw/iot-ee54phlu/device1\",0,7\r\n", "OK\r\n>\r\n")
                .On(Bytes.Join(binary, Bytes.Of("\r\n")), Bytes.Of("+TCMQTTPUBRAW:OK\r\n"));
            ModuleHarness.Expect(AtStatus.Ok, h.Module.PublishRaw(topic, 0, binary, 0, binary.Length), "quotes, CR LF, NUL as they are");
            h.AssertDone("binary");
            h.Wire.ForgetWritten();
            byte[] abort = Bytes.Of("+++\r\nx");
            ModuleHarness.ExpectRefused(AtRefusal.PayloadWouldBeAltered, h.Module.PublishRaw(topic, 0, abort, 0, abort.Length), "the module's abort");
            Assert.AreEqual("", h.Written, "nothing sent");
        }

        [TestMethod]
        public void RawPublishOnV312WithoutItIsRefused()
        {
            ModuleHarness h = new ModuleHarness(161).SpeaksV312().Connected();
            h.Wire.On("AT+TCMQTTPUBRAW=?\r\n", "ERR CODE:0x01090000\r\nERROR\r\n");
            byte[] data = { 0x12, 0x34 };
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.PublishRaw(Bytes.Of("$thing/up/raw/p/d"), 0, data, 0, 2), "no PUBRAW");
            h.AssertDone("probe only");
        }

        [TestMethod]
        public void BinaryDownlinkArrivesAsBytes()
        {
            ModuleHarness h = new ModuleHarness(170).SpeaksV321().Connected();
            BinaryRecorder received = new BinaryRecorder();
            h.Module.Events = received;
            byte[] payload = { 0x12, 0x34, 0x22, 0x0D, 0x0A, 0x22, 0x2C, 0xFF, 0x80 };
            byte[] wire = Bytes.Join(Bytes.Of("+TCMQTTRCVPUB:\"$thing/down/raw/CTQS08Y5LG/Dev01\",9,\""), payload, Bytes.Of("\"\r\n"));
            h.Wire.Send(wire);
            h.Engine.Engine.DispatchReports(h.Module);
            Assert.AreEqual(1, received.Count);
            Assert.AreEqual("$thing/down/raw/CTQS08Y5LG/Dev01", received.Topic);
            Bytes.AssertEqual(payload, received.Payload, 0, received.Payload.Length, "payload");
        }

        [TestMethod]
        public void GatewayCommandsAsV321Section7()
        {
            ModuleHarness h = new ModuleHarness(180).SpeaksV321().Connected();
            h.Wire.On("AT+TCGWBIND=?\r\n", "+TCGWBIND:\"MODE\",\"PRODUCT_ID\",\"DEVICE_NAME\",\"DEVICE_SECRET\"\r\nOK\r\n")
                .On("AT+TCGWBIND=0,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\"\r\n", "OK\r\n+TCGWBIND:OK\r\n")
                .On("AT+TCGWONLINE=0,\"CTQS08Y5LG\",\"Dev01\"\r\n", "OK\r\n+TCGWONLINE:OK\r\n")
                .On("AT+TCGWONLINE?\r\n", "+TCGWONLINE:\"CTQS08Y5LG,Dev01\"\r\n+TCGWONLINE: S3EUVBRJLB,test_device\r\n+TCGWONLINE:\"P2\",\"d-2\"\r\nOK\r\n")
                .On("AT+TCMQTTPUB=\"CTQS08Y5LG/Dev01/data\",0,\"hello world\"\r\n", "OK\r\n+TCMQTTPUB: OK\r\n")
                .On("AT+TCGWONLINE=1,\"CTQS08Y5LG\",\"Dev01\"\r\n", "OK\r\n+TCGWONLINE:OK\r\n")
                .On("AT+TCGWBIND=1,\"CTQS08Y5LG\",\"Dev01\"\r\n", "OK\r\n+TCGWBIND:OK\r\n")
                .On("AT+TCGWONLINE?\r\n", "OK\r\n");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Test(AtCommands.GwBind), "test form");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.BindSubDevice("CTQS08Y5LG", "Dev01", "ZHNkIGRzZCA="), "7.1 example");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SubDeviceOnline("CTQS08Y5LG", "Dev01"), "7.2 example");
            SubDeviceList online = new SubDeviceList();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadOnlineSubDevices(online), "query");
            Assert.AreEqual(3, online.Count);
            Assert.IsTrue(online.Contains("CTQS08Y5LG", "Dev01"), "firmware form");
            Assert.IsTrue(online.Contains("S3EUVBRJLB", "test_device"), "spec form");
            Assert.IsTrue(online.Contains("P2", "d-2"), "quoted fields");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.Publish("CTQS08Y5LG/Dev01/data", 0, "hello world"), "publish for it");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.SubDeviceOffline("CTQS08Y5LG", "Dev01"), "offline");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.UnbindSubDevice("CTQS08Y5LG", "Dev01"), "unbind");
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadOnlineSubDevices(online), "none online");
            Assert.AreEqual(0, online.Count);
            h.AssertDone("gateway");
        }

        [TestMethod]
        public void GatewayFailuresCarryTheirNamedCodes()
        {
            ModuleHarness h = new ModuleHarness(181).SpeaksV321().Connected();
            h.Wire.On("AT+TCGWBIND=0,\"CTQS08Y5LG\",\"Dev01\",\"wrong\"\r\n", "OK\r\n+TCGWBIND:FAIL,803\r\n")
                .On("AT+TCGWBIND=0,\"CTQS08Y5LG\",\"Dev02\",\"s\"\r\n", "OK\r\n+TCGWBIND:FAIL,-806\r\n")
                .On("AT+TCGWONLINE=0,\"CTQS08Y5LG\",\"Dev03\"\r\n", "OK\r\n+TCGWONLINE:FAIL,-1\r\n")
                .On("AT+TCGWONLINE=1,\"CTQS08Y5LG\",\"Dev03\"\r\n", "+CME ERROR:204\r\n");
            AtResult r = h.Module.BindSubDevice("CTQS08Y5LG", "Dev01", "wrong");
            ModuleHarness.Expect(AtStatus.Failed, r, "signature");
            Assert.AreEqual(TcAtMcu.Errors.GatewayError.SignatureMismatch, r.Code);
            Assert.AreEqual("gateway 803 signature check failed", ResultText.DescribeGateway(r));
            r = h.Module.BindSubDevice("CTQS08Y5LG", "Dev02", "s");
            ModuleHarness.Expect(AtStatus.Failed, r, "negated by the SDK");
            Assert.AreEqual(TcAtMcu.Errors.GatewayError.BoundElsewhere, r.Code);
            r = h.Module.SubDeviceOnline("CTQS08Y5LG", "Dev03");
            ModuleHarness.Expect(AtStatus.Failed, r, "not bound");
            Assert.AreEqual(TcAtMcu.Errors.GatewayError.NotBound, r.Code);
            ModuleHarness.Expect(AtStatus.CmeError, h.Module.SubDeviceOffline("CTQS08Y5LG", "Dev03"), "module's own check");
            h.AssertDone("failures");
        }

        [TestMethod]
        public void GatewayCallsAreRefusedBeforeSending()
        {
            ModuleHarness h = new ModuleHarness(182).SpeaksV321();
            ModuleHarness.ExpectRefused(AtRefusal.NotConnected, h.Module.SubDeviceOnline("CTQS08Y5LG", "Dev01"), "not connected");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.BindSubDevice("CTQS08Y5LG1", "Dev01", "s"), "pid 11");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.BindSubDevice("CTQS08Y5LG", new string('d', 49), "s"), "dn 49");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.BindSubDevice("CTQS08Y5LG", "Dev01", new string('s', 45)), "secret 45");
            Assert.ThrowsException(typeof(ArgumentException), () => h.Module.BindSubDevice("CTQS08Y5LG", "Dev01", ""), "a bind needs the secret");
            Assert.AreEqual("", h.Written, "nothing sent");

            h = new ModuleHarness(183).SpeaksV312().Connected();
            h.Wire.ForgetWritten();
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.BindSubDevice("CTQS08Y5LG", "Dev01", "s"), "1.x bind");
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.SubDeviceOnline("CTQS08Y5LG", "Dev01"), "1.x online");
            ModuleHarness.ExpectRefused(AtRefusal.NotInCommandSet, h.Module.ReadOnlineSubDevices(new SubDeviceList()), "1.x query");
            Assert.AreEqual("", h.Written, "nothing sent");

            h = new ModuleHarness(184).Connected();
            h.Wire.ForgetWritten();
            ModuleHarness.ExpectRefused(AtRefusal.CommandSetUnknown, h.Module.UnbindSubDevice("CTQS08Y5LG", "Dev01"), "not detected");
            Assert.AreEqual("", h.Written, "nothing sent");
        }

        [TestMethod]
        public void SubscriptionListWithTheModulesOwnTopicsIsRead()
        {
            // A 2.x module lists every handle of its client: the MCU's 10, its OTA topic and the gateway's result topic.
            ModuleHarness h = new ModuleHarness(190).SpeaksV321().Connected();
            string list = "";
            for (int i = 0; i < 10; i++)
            {
                list += "+TCMQTTSUB:\"t/" + i + "\",0\r\n";
            }
            list += "+TCMQTTSUB:\"$ota/update/CTQS08Y5LG/Dev01\",1\r\n+TCMQTTSUB:\"$gateway/operation/result/CTQS08Y5LG/Dev01\",1\r\nOK\r\n";
            h.Wire.On("AT+TCMQTTSUB?\r\n", list);
            Subscriptions held = new Subscriptions();
            ModuleHarness.Expect(AtStatus.Ok, h.Module.ReadSubscriptions(held), "12 lines");
            Assert.AreEqual(10, held.Count);
            Assert.AreEqual("t/9", held.Topic(9));
            h.AssertDone("list");
        }

        private sealed class BinaryRecorder : TcAtMcu.Engine.IReportHandler
        {
            public int Count;
            public string Topic;
            public byte[] Payload;

            public void OnReport(TcAtMcu.Matching.Report report)
            {
                if (report.Kind != TcAtMcu.Matching.ReportKind.MessageReceived)
                {
                    return;
                }
                Count++;
                Topic = Bytes.Text(report.Buffer, report.TopicOffset, report.TopicLength);
                Payload = Bytes.Slice(report.Buffer, report.PayloadOffset, report.PayloadLength);
            }
        }
    }
}
