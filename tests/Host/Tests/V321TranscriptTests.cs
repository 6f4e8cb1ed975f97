using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using TcAtMcu.Simulator;
using Xunit;
using static TcAtMcu.Tests.Host.SimulatorRig;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The simulated module of both generations against V3.2.1's examples (firmware 2.x, the default) and against
    /// V3.1.2 (firmware 1.x, --firmware 1), byte for byte, commands cut at odd places: what 2.x added, what 1.x lacks,
    /// and the gateway with IoT Explorer's side answering.
    /// </summary>
    [Collection("simulator transcripts")]
    public class V321TranscriptTests
    {
        private static byte[] A(string text) => Encoding.ASCII.GetBytes(text);

        [Fact]
        public async Task VersionNamesEachGeneration()
        {
            await using SimulatorRig two = await SimulatorRig.StartAsync();
            two.EchoOff();
            two.Exchange(A("AT+TCVER\r\n"), A("Tencent Cloud IoT AT  version: QCloud_AT_ESP8266_v2.1.1_SIM\r\nTencent Cloud IoT SDK version: 3.2.0\r\n"
                + "Firmware compile time: Nov 24 2026 00:00:00\r\nTencent Technology Co. Ltd.\r\n\r\nOK\r\n"));
            await using SimulatorRig one = await SimulatorRig.StartAsync(o => o.FirmwareGeneration = 1);
            one.EchoOff();
            one.Exchange(A("AT+TCVER\r\n"), A("Tencent Cloud IoT SDK version: 2.3.3\r\nTencent Cloud IoT AT version: AT_v1.0.0_ESP_WiFi_SIM\r\n"
                + "Firmware compile time: Nov 24 2026 00:00:00\r\nTencent Technology Co. Ltd.\r\n\r\nOK\r\n"));
            one.Exchange(A("AT+TCGWONLINE=?\r\n"), A("ERR CODE:0x01090000\r\nERROR\r\n"));
            one.Exchange(A("AT+TCGWBIND=0,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\"\r\n"), A("ERR CODE:0x01090000\r\nERROR\r\n"));
        }

        [Fact]
        public async Task RegionIsOptionalSetAndReadBack()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            rig.EchoOff();
            rig.Exchange(A("AT+TCPRDINFOSET=?\r\n"), A("+TCPRDINFOSET:\"TLS_MODE(1)\",\"PRODUCT_ID\",\"PRODUCT_SECRET_BCC\",\"DEVICE_NAME\",\"PRODUCT_REGION\"\r\nOK\r\n"));
            rig.Exchange(A("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\"\r\n"), A("OK\r\n+TCDEVINFOSET:OK\r\n"));
            rig.Exchange(A("AT+TCDEVINFOSET?\r\n"), A("+TCDEVINFOSET:1,\"CTQS08Y5LG\",\"Dev01\",116,\"ap-guangzhou\"\r\nOK\r\n"));
            rig.Exchange(A("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\",\"ap-singapore\"\r\n"), A("OK\r\n+TCDEVINFOSET:OK\r\n"));
            rig.Exchange(A("AT+TCDEVINFOSET?\r\n"), A("+TCDEVINFOSET:1,\"CTQS08Y5LG\",\"Dev01\",116,\"ap-singapore\"\r\nOK\r\n"));
            rig.Exchange(A("AT+TCPRDINFOSET=1,\"CTQS08Y5LG\",\"ZHNkIGRzZCA=\",\"Dev01\",\"na-ashburn\"\r\n"), A("OK\r\n+TCPRDINFOSET:OK\r\n"));
            rig.Exchange(A("AT+TCPRDINFOSET?\r\n"), A("+TCPRDINFOSET:1,\"CTQS08Y5LG\",116,\"Dev01\",\"na-ashburn\"\r\nOK\r\n"));
            rig.Exchange(A("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"s\",\"" + new string('r', 25) + "\"\r\n"), A("+CME ERROR:204\r\n"));
            rig.Exchange(A("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"s\",\"\"\r\n"), A("+CME ERROR:204\r\n"));

            await using SimulatorRig one = await SimulatorRig.StartAsync(o => o.FirmwareGeneration = 1);
            one.EchoOff();
            one.Exchange(A("AT+TCDEVINFOSET=1,\"CTQS08Y5LG\",\"Dev01\",\"ZHNkIGRzZCA=\",\"ap-singapore\"\r\n"), A("+CME ERROR:204\r\n"));
        }

        [Fact]
        public async Task ServerByHostNameSoftApOpenAndSixFieldModuleSettings()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            rig.EchoOff();
            rig.Exchange(A("AT+TCMQTTSRV=\"localhost\"\r\n"), A("OK\r\n+TCMQTTSRV:OK\r\n"));
            rig.Exchange(A("AT+TCMQTTSRV?\r\n"), A("+TCMQTTSRV:localhost\r\nOK\r\n"));
            rig.Exchange(A("AT+TCMQTTSRV=127.0.0.1\r\n"), A("+CME ERROR:204\r\n"));
            rig.Exchange(A("AT+TCSAP=?\r\n"), A("+TCSAP=<ssid>[,<pwd>,<ch>]\r\nOK\r\n"));
            rig.Exchange(A("AT+TCSAP=\"Test-SoftAP\",\"1234567\"\r\n"), A("+CME ERROR:204\r\n"));
            rig.Exchange(A("AT+TCSAP=\"Test-SoftAP\",\"12345678\",14\r\n"), A("+CME ERROR:204\r\n"));
            rig.Exchange(A("AT+TCSAP=\"Test-SoftAP\"\r\n"), A("OK\r\n+TCSAP:OK\r\n"));
            rig.Expect(A("+TCSAP:WIFI_CONNECT_SUCCESS\r\n"));
            rig.Exchange(A("AT+TCMODINFOSET=\"ESP-WROOM-02D\",2,0,1118208,716800,1\r\n"), A("OK\r\n+TCMODINFOSET:OK\r\n"));
            rig.Exchange(A("AT+TCMODINFOSET?\r\n"), A("+TCMODINFOSET:\"ESP-WROOM-02D\",2,0,1118208,716800,1\r\nOK\r\n"));
            rig.Exchange(A("AT+TCMODINFOSET=\"ESP-WROOM-02D\",2,0,1118208,1122304,716800,1\r\n"), A("ERROR\r\n"));
        }

        [Fact]
        public async Task RawPublishCarriesBinaryAndRawDownlinkArrivesAsIs()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            rig.Connect();
            byte[] data = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A };
            rig.Exchange(A("AT+TCMQTTPUBRAW=\"$thing/up/raw/" + ProductId + "/" + DeviceName + "\",1,10\r\n"), A("OK\r\n>\r\n"));
            rig.Send(Concat(data, A("\r\n")));
            rig.Expect(A("+TCMQTTPUBRAW:OK\r\n"));
            Assert.Equal(data, rig.WaitPublished(p => p.Topic.StartsWith("$thing/up/raw/", StringComparison.Ordinal)).Payload);

            string down = "$thing/down/raw/" + ProductId + "/" + DeviceName;
            rig.Exchange(A("AT+TCMQTTSUB=\"" + down + "\",0\r\n"), A("OK\r\n+TCMQTTSUB:OK\r\n"));
            byte[] binary = { 0x12, 0x34, 0x22, 0x0D, 0x0A, 0x2C, 0xFF };
            await rig.CloudPublishAsync(down, binary);
            rig.Expect(Concat(A("+TCMQTTRCVPUB:\"" + down + "\",7,\""), binary, A("\"\r\n")));
        }

        [Fact]
        public async Task GatewayBindsAndTakesSubDevicesOnlineWithTheCloudAnswering()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync(o => o.GatewayTimeoutMs = 1500);
            await using ExplorerGateway cloud = new ExplorerGateway(ProductId, DeviceName);
            await cloud.StartAsync("127.0.0.1", rig.Broker.Port);
            cloud.AddSubDevice("S3EUVBRJLB", "test_device", "c3ViZGV2LXNlY3JldA==");
            cloud.AddSubDevice("S3EUVBRJLB", "other", "b3RoZXItc2VjcmV0");
            cloud.BindElsewhere("S3EUVBRJLB", "other");
            rig.EchoOff();
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("+CME ERROR:208\r\n"));
            rig.Exchange(A("AT+TCGWONLINE=?\r\n"), A("+TCGWONLINE:\"MODE\",\"PRODUCT_ID\",\"DEVICE_NAME\"\r\nOK\r\n"));
            rig.Exchange(A("AT+TCGWBIND=?\r\n"), A("+TCGWBIND:\"MODE\",\"PRODUCT_ID\",\"DEVICE_NAME\",\"DEVICE_SECRET\"\r\nOK\r\n"));
            rig.Exchange(Encoding.ASCII.GetBytes("AT+TCDEVINFOSET=1,\"" + ProductId + "\",\"" + DeviceName + "\",\"" + DeviceSecret + "\"\r\n"),
                A("OK\r\n+TCDEVINFOSET:OK\r\n"));
            rig.Exchange(A("AT+TCMQTTCONN=1,1000,240,1,1\r\n"), A("OK\r\n+TCMQTTCONN:OK\r\n"));

            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:FAIL,-1\r\n"));
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\",\"d3Jvbmc=\"\r\n"), A("OK\r\n+TCGWBIND:FAIL,-803\r\n"));
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"nobody\",\"d3Jvbmc=\"\r\n"), A("OK\r\n+TCGWBIND:FAIL,-802\r\n"));
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"other\",\"b3RoZXItc2VjcmV0\"\r\n"), A("OK\r\n+TCGWBIND:FAIL,-806\r\n"));
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\",\"c3ViZGV2LXNlY3JldA==\"\r\n"), A("OK\r\n+TCGWBIND:OK\r\n"));
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\",\"c3ViZGV2LXNlY3JldA==\"\r\n"), A("OK\r\n+TCGWBIND:OK\r\n"));
            Assert.True(cloud.IsBound("S3EUVBRJLB", "test_device"));
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:OK\r\n"));
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:FAIL,-224\r\n"));
            Assert.True(cloud.IsOnline("S3EUVBRJLB", "test_device"));
            rig.Exchange(A("AT+TCGWONLINE?\r\n"), A("+TCGWONLINE:\"S3EUVBRJLB,test_device\"\r\nOK\r\n"));

            // The capture: SUB and PUB on the sub-device's topic; the gateway hears its own message.
            rig.Exchange(A("AT+TCMQTTSUB=\"S3EUVBRJLB/test_device/data\",0\r\n"), A("OK\r\n+TCMQTTSUB:OK\r\n"));
            rig.Send(A("AT+TCMQTTPUB=\"S3EUVBRJLB/test_device/data\",1,\"hello\"\r\n"));
            string answer = Encoding.ASCII.GetString(Concat(rig.Line(), rig.Line(), rig.Line()));
            Assert.Contains("OK\r\n", answer);
            Assert.Contains("+TCMQTTPUB:OK\r\n", answer);
            Assert.Contains("+TCMQTTRCVPUB:\"S3EUVBRJLB/test_device/data\",5,\"hello\"\r\n", answer);

            rig.Exchange(A("AT+TCGWONLINE=1,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:OK\r\n"));
            Assert.False(cloud.IsOnline("S3EUVBRJLB", "test_device"));
            rig.Exchange(A("AT+TCGWONLINE=1,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:FAIL,-222\r\n"));
            rig.Exchange(A("AT+TCGWONLINE?\r\n"), A("OK\r\n"));
            rig.Exchange(A("AT+TCGWBIND=1,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWBIND:OK\r\n"));
            rig.Exchange(A("AT+TCGWBIND=1,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWBIND:OK\r\n"));
            Assert.False(cloud.IsBound("S3EUVBRJLB", "test_device"));
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("+CME ERROR:204\r\n"));
            rig.Exchange(A("AT+TCGWBIND=2,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("+CME ERROR:204\r\n"));

            // No answer from the cloud: the module's wait ends.
            cloud.Answering = false;
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\",\"c3ViZGV2LXNlY3JldA==\"\r\n"), A("OK\r\n+TCGWBIND:FAIL,-2\r\n"), 5000);
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:FAIL,-223\r\n"), 5000);
        }

        [Fact]
        public async Task KilledLinkWithAGatewayReconnectsAndKeepsTheSessions()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            await using ExplorerGateway cloud = new ExplorerGateway(ProductId, DeviceName);
            await cloud.StartAsync("127.0.0.1", rig.Broker.Port);
            cloud.AddSubDevice("S3EUVBRJLB", "test_device", "c3ViZGV2LXNlY3JldA==");
            rig.Connect();
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\",\"c3ViZGV2LXNlY3JldA==\"\r\n"), A("OK\r\n+TCGWBIND:OK\r\n"));
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:OK\r\n"));
            rig.Simulator.Faults.KillMqttConnection();
            rig.Expect(A("+TCMQTTDISCON,-103\r\n+TCMQTTRECONNECTING\r\n"));
            rig.Expect(A("+TCMQTTRECONNECTED\r\n"), 10000);
            rig.Exchange(A("AT+TCGWONLINE?\r\n"), A("+TCGWONLINE:\"S3EUVBRJLB,test_device\"\r\nOK\r\n"));
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:FAIL,-224\r\n"));
            rig.Exchange(A("AT+TCGWONLINE=1,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:OK\r\n"), 8000);
        }

        [Fact]
        public async Task SessionsEndWithTheMqttTask()
        {
            await using SimulatorRig rig = await SimulatorRig.StartAsync();
            await using ExplorerGateway cloud = new ExplorerGateway(ProductId, DeviceName);
            await cloud.StartAsync("127.0.0.1", rig.Broker.Port);
            cloud.AddSubDevice("S3EUVBRJLB", "test_device", "c3ViZGV2LXNlY3JldA==");
            rig.Connect();
            rig.Exchange(A("AT+TCGWBIND=0,\"S3EUVBRJLB\",\"test_device\",\"c3ViZGV2LXNlY3JldA==\"\r\n"), A("OK\r\n+TCGWBIND:OK\r\n"));
            rig.Exchange(A("AT+TCGWONLINE=0,\"S3EUVBRJLB\",\"test_device\"\r\n"), A("OK\r\n+TCGWONLINE:OK\r\n"));
            rig.Exchange(A("AT+TCMQTTDISCONN\r\n"), A("+TCMQTTDISCON,2\r\nOK\r\n"));
            rig.Exchange(A("AT+TCGWONLINE?\r\n"), A("OK\r\n"));
            Assert.Empty(rig.Simulator.SubDevicesOnline);
        }
    }
}
