using nanoFramework.TestFramework;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Module
{
    /// <summary>Every test form "=?" the spec lists, with the spec's answer captured as response lines.</summary>
    [TestClass]
    public class TestFormTests
    {
        // Commands answering a bare OK. Not null: nanoCLR leaves string[] slots an initializer fills with null
        // unassigned, and comparing one crashes the interpreter.
        private const string NoAnswer = "";

        [TestMethod]
        public void EveryTestFormSendsItsBytesAndKeepsTheAnswer()
        {
            AtCommand[] commands =
            {
                AtCommands.DevInfoSet, AtCommands.PrdInfoSet, AtCommands.DevReg, AtCommands.Restore, AtCommands.MqttConn,
                AtCommands.MqttDisconn, AtCommands.MqttPub, AtCommands.MqttPubL, AtCommands.MqttSub, AtCommands.MqttUnsub,
                AtCommands.MqttState, AtCommands.OtaSet, AtCommands.FwInfo, AtCommands.ReadFwData, AtCommands.StartSmart,
                AtCommands.StopSmart, AtCommands.SoftAp, AtCommands.StopSoftAp, AtCommands.ModInfoSet, AtCommands.MqttSrv,
            };
            string[] answers =
            {
                "+TCDEVINFO:\"TLSMODE (1)\",\"PRODUCTID\",\"DEVICENAME\",\"DEVICE_SECRET_BCC\"",
                "+TCPRDINFOSET:\"TLS_MODE(0/1/2)\",\"PRODUCT_ID\",\"PRODUCT_SECRET_BCC\",\" DEVICE_NAME\"",
                NoAnswer,
                NoAnswer,
                "+TCMQTTCONN:<TLSMODE_SELECTED>,<CMDTIMEOUT_VALUE>,<KEEPALIVE>(max 690s),<CLEAN_SESSION>(0/1) ,<RECONNECT>(0/1)",
                NoAnswer,
                "+TCMQTTPUB:\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\",\"PAYLOAD\"",
                "+TCMQTTPUBL:\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\",\"LEN(1-2048)\"",
                "+TCMQTTSUB:\"TOPIC_NAME(maxlen 128)\",\"QOS(0/1)\"",
                "+TCMQTTUNSUB:\" TOPIC_NAME\"",
                NoAnswer,
                "+TCOTASET:1(ENABLE)/0(DISABLE),\"FW_version\"",
                "+TCFWINFO:\"FW_VERSION\",\"FW_SIZE\" , \"FW_MD5\",\"FW_MAX_SIZE_OF_MODULE\"",
                "+TCREADFWDATA:\"LEN_FOR_READ\"",
                "AT+TCSTARTSMART: CMD FOR START SMARTCONFIG",
                "AT+TCSTOPSMART: CMD TO STOP SMARTCONFIG",
                "+TCSAP=<ssid>,<pwd>",
                "AT+TCSTOPSAP: CMD TO STOP SOFTAP",
                "+TCMODINFOSET:\"MODULE NAME\",\"FLASH_SIZE (2/4)\",\"WIFI_LED GPIO\",\"FW INFO ADDR\",\"FW BASE ADDR\",\"FW MAX SIZE\",\"FIXED CONNID\"",
                "+TCMQTTSRV:\"MQTT SERVER IP\"",
            };
            for (int i = 0; i < commands.Length; i++)
            {
                ModuleHarness h = new ModuleHarness(i + 1);
                string sent = "AT+" + commands[i].Name + "=?\r\n";
                bool answered = answers[i].Length > 0;
                h.Wire.On(sent, answered ? answers[i] + "\r\nOK\r\n" : "OK\r\n");
                AtResult r = h.Module.Test(commands[i]);
                string context = commands[i].Name + "=?";
                ModuleHarness.Expect(AtStatus.Ok, r, context);
                Assert.AreEqual(answered ? 1 : 0, h.Engine.Engine.Response.Count, context);
                if (answered)
                {
                    Assert.AreEqual(answers[i], h.Engine.ResponseLine(0), context);
                }
                h.AssertDone(context);
            }
        }
    }
}
