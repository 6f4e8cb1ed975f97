using nanoFramework.TestFramework;
using TcAtMcu.Engine;
using TcAtMcu.Errors;
using TcAtMcu.Module;

namespace TcAtMcu.Tests.Errors
{
    [TestClass]
    public class ErrorCatalogTests
    {
        // Transcribed from the spec's chapter 7, list by list: a code missing from the catalog fails here.
        private static readonly int[] SpecCme = { 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213 };
        private static readonly int[] SpecServer =
        {
            101, 110, 111, 120, 130, 131, 132, -1001, -1002, -3, -4, -5, -6, -7, -8, -9, -10, -11,
            -102, -103, -104, -105, -106, -107, -108, -109, -110, -111, -112, -113, -114, -115, -116, -117, -118, -119, -120, -121,
            -132, -133, -134, -135, -136, -137, -138, -601, -602, -603, -604, -605, -606, -607, -608, -609,
            -701, -702, -703, -704, -705, -706, -707, -708, -709,
        };
        private static readonly int[] SpecRegistration = { 1000, 1004, 1006, 1010, 1011, 1012, 1020, 1021, 1031 };
        private static readonly int[] SpecProvisioning = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 };
        // V3.2.1 section 8.5, and the explorer SDK's session codes the module passes through.
        private static readonly int[] SpecGateway = { 0, -1, -2, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, -221, -222, -223, -224, -225 };

        private static void AssertKnown(ErrorDomain domain, int[] codes, string list)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                Assert.IsFalse(ErrorCatalog.Describe(domain, codes[i]) == ErrorCatalog.Unknown, list + " " + codes[i] + " described");
                Assert.IsFalse(ErrorCatalog.Name(domain, codes[i]) == ErrorCatalog.Unknown, list + " " + codes[i] + " named");
            }
        }

        [TestMethod]
        public void EverySpecCodeIsNamedAndDescribed()
        {
            AssertKnown(ErrorDomain.Cme, SpecCme, "CME");
            AssertKnown(ErrorDomain.Server, SpecServer, "server");
            AssertKnown(ErrorDomain.Registration, SpecRegistration, "registration");
            AssertKnown(ErrorDomain.Provisioning, SpecProvisioning, "provisioning");
            AssertKnown(ErrorDomain.Gateway, SpecGateway, "gateway");
        }

        [TestMethod]
        public void TextsAndNames()
        {
            Assert.AreEqual("CME 208 state error or not ready", ErrorCatalog.Describe(ErrorDomain.Cme, CmeError.StateError));
            Assert.AreEqual("StateError", ErrorCatalog.Name(ErrorDomain.Cme, 208));
            Assert.AreEqual("-103 MQTT: not connected or connection lost", ErrorCatalog.Describe(ErrorDomain.Server, ServerError.MqttNoConnection));
            Assert.AreEqual("MqttReconnectTimeout", ErrorCatalog.Name(ErrorDomain.Server, -106));
            Assert.AreEqual("registration 1021 device already registered", ErrorCatalog.Describe(ErrorDomain.Registration, RegistrationError.DeviceHasRegistered));
            Assert.AreEqual("provisioning 10 WiFi connect error", ErrorCatalog.Describe(ErrorDomain.Provisioning, ProvisioningError.WifiConnect));
            Assert.AreEqual("CME 212 flash erase going on", ErrorCatalog.Describe(ErrorDomain.Cme, CmeError.FlashEraseGoingOn));
            Assert.AreEqual("SignatureMismatch", ErrorCatalog.Name(ErrorDomain.Gateway, GatewayError.SignatureMismatch));
            Assert.AreEqual("gateway -1 the gateway has not bound this sub-device", ErrorCatalog.Describe(ErrorDomain.Gateway, GatewayError.NotBound));
            Assert.AreEqual(ErrorCatalog.Unknown, ErrorCatalog.Describe(ErrorDomain.Cme, 214));
            Assert.AreEqual(ErrorCatalog.Unknown, ErrorCatalog.Describe(ErrorDomain.Gateway, 811));
            Assert.AreEqual(ErrorCatalog.Unknown, ErrorCatalog.Describe(ErrorDomain.Server, 1));
            Assert.AreEqual(ErrorCatalog.Unknown, ErrorCatalog.Name(ErrorDomain.Registration, 1001));
        }

        [TestMethod]
        public void DomainOfAtTheBoundaries()
        {
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(199, false, false));
            Assert.AreEqual((int)ErrorDomain.Cme, (int)ErrorCatalog.DomainOf(200, true, true));
            Assert.AreEqual((int)ErrorDomain.Cme, (int)ErrorCatalog.DomainOf(209, false, false));
            Assert.AreEqual((int)ErrorDomain.Cme, (int)ErrorCatalog.DomainOf(213, false, false));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(214, false, false));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(999, true, false));
            Assert.AreEqual((int)ErrorDomain.Registration, (int)ErrorCatalog.DomainOf(1000, true, false));
            Assert.AreEqual((int)ErrorDomain.Registration, (int)ErrorCatalog.DomainOf(1031, true, false));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(1032, true, false));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(1000, false, false));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(0, false, true));
            Assert.AreEqual((int)ErrorDomain.Provisioning, (int)ErrorCatalog.DomainOf(1, false, true));
            Assert.AreEqual((int)ErrorDomain.Provisioning, (int)ErrorCatalog.DomainOf(22, false, true));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(23, false, true));
            Assert.AreEqual((int)ErrorDomain.Server, (int)ErrorCatalog.DomainOf(-103, true, true));
        }

        [TestMethod]
        public void ResultsReadAsText()
        {
            Assert.AreEqual("CME 208 state error or not ready", ResultText.Describe(new AtResult(AtStatus.CmeError, 208, 0), false, false));
            Assert.AreEqual("registration 1021 device already registered", ResultText.Describe(new AtResult(AtStatus.Failed, 1021, 0), true, false));
            Assert.AreEqual("-106 MQTT: reconnect timed out", ResultText.Describe(new AtResult(AtStatus.Failed, -106, 0), false, false));
            Assert.AreEqual("provisioning 13 smart config start error", ResultText.Describe(new AtResult(AtStatus.Failed, 13, 0), false, true));
            Assert.AreEqual("refused: MQTT not connected", ResultText.Describe(new AtResult(AtStatus.Refused, (int)TcAtMcu.Commands.AtRefusal.NotConnected, 0), false, false));
            Assert.AreEqual("ERROR: unknown command", ResultText.Describe(new AtResult(AtStatus.Error, 0x01090000, 0), false, false));
        }
    }
}
