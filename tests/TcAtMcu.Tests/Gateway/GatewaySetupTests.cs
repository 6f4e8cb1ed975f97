using System;
using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Gateway;
using TcAtMcu.Services;
using TcAtMcu.Tests.Services;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Gateway
{
    /// <summary>Sub-devices declared in AppSettings: turned into the gateway at start, or refused in one sentence, nothing added.</summary>
    [TestClass]
    public class GatewaySetupTests
    {
        private const string Pid = "SUBPID0001";
        private const string Secret = "c3ViLXNlY3JldA==";

        /// <summary>Each sub-device gets a service of Topics subscriptions.</summary>
        private sealed class Probes : ISubDeviceProduct
        {
            public int Topics;
            public int Calls;

            public void AddServices(SubDevice sub, int index)
            {
                Calls++;
                string[] prefixes = new string[Topics];
                for (int i = 0; i < Topics; i++)
                {
                    prefixes[i] = "t" + i;
                }
                sub.Cloud.Add(new ProbeService(prefixes));
            }
        }

        private static AppSettings Declaring(int count)
        {
            AppSettings s = new AppSettings();
            s.SubDevices = new SubDeviceSettings[count];
            for (int i = 0; i < count; i++)
            {
                s.SubDevices[i] = new SubDeviceSettings(Pid, "s" + i, Secret);
            }
            return s;
        }

        /// <summary>The device's router holding services of the given subscriptions.</summary>
        private static CloudRouter Device(ModuleHarness h, int subscriptions)
        {
            CloudRouter cloud = new CloudRouter(h.Module, "GWPID00001", "gw", "1.0.0");
            string[] prefixes = new string[subscriptions];
            for (int i = 0; i < subscriptions; i++)
            {
                prefixes[i] = "d" + i;
            }
            cloud.Add(new ProbeService(prefixes));
            return cloud;
        }

        [TestMethod]
        public void DeclaredSubDevicesBecomeTheGateway()
        {
            ModuleHarness h = new ModuleHarness(1);
            CloudRouter cloud = Device(h, 4);
            Probes product = new Probes();
            product.Topics = 3;
            GatewayService gateway = GatewaySetup.Add(h.Module, Declaring(2), cloud, product);
            Assert.IsNotNull(gateway);
            Assert.AreEqual(2, gateway.Count);
            Assert.AreEqual(2, product.Calls);
            Assert.AreEqual("s1", gateway.SubDevice(1).DeviceName);
            Assert.AreEqual(Pid, gateway.SubDevice(1).ProductId);
            Assert.AreEqual(10, cloud.SubscriptionCount, "4 + 2 x 3");
            Assert.AreEqual(2, cloud.ServiceCount);
            Assert.AreEqual(0, h.Written.Length, "nothing sent at start");
        }

        [TestMethod]
        public void NoSubDevicesNoGateway()
        {
            ModuleHarness h = new ModuleHarness(2);
            CloudRouter cloud = Device(h, 4);
            Assert.IsNull(GatewaySetup.Add(h.Module, new AppSettings(), cloud, new Probes()));
            Assert.IsNull(GatewaySetup.Add(h.Module, Declaring(0), cloud, new Probes()));
            Assert.AreEqual(1, cloud.ServiceCount);
        }

        [TestMethod]
        public void SubDevicesOverTheBudgetAreRefusedInOneSentence()
        {
            ModuleHarness h = new ModuleHarness(3);
            CloudRouter cloud = Device(h, 7);
            Probes product = new Probes();
            product.Topics = 3;
            string message = null;
            try
            {
                GatewaySetup.Add(h.Module, Declaring(2), cloud, product);
            }
            catch (InvalidOperationException e)
            {
                message = e.Message;
            }
            Assert.AreEqual("the 2 sub-devices of the settings need 6 subscriptions, but the module's 10 leave 3 beside the device's "
                + "services (7): declare fewer, or give the device fewer services", message);
            Assert.AreEqual(7, cloud.SubscriptionCount, "nothing added");
            Assert.AreEqual(1, cloud.ServiceCount);
            Assert.IsNotNull(GatewaySetup.Add(h.Module, Declaring(1), cloud, product), "one fits: 7 + 3");
            Assert.AreEqual(10, cloud.SubscriptionCount);
        }

        [TestMethod]
        public void BadDeclarationsAreRefusedBeforeAnythingIsAdded()
        {
            ModuleHarness h = new ModuleHarness(4);
            CloudRouter cloud = Device(h, 1);
            Probes product = new Probes();
            product.Topics = 1;
            AppSettings many = Declaring(GatewayService.MaxSubDevices + 1);
            Assert.ThrowsException(typeof(ArgumentException), () => GatewaySetup.Add(h.Module, many, cloud, product));
            Assert.AreEqual(0, product.Calls);
            AppSettings noSecret = Declaring(2);
            noSecret.SubDevices[1].DeviceSecret = "";
            Assert.ThrowsException(typeof(ArgumentException), () => GatewaySetup.Add(h.Module, noSecret, cloud, product));
            AppSettings twice = Declaring(2);
            twice.SubDevices[1].DeviceName = "s0";
            Assert.ThrowsException(typeof(ArgumentException), () => GatewaySetup.Add(h.Module, twice, cloud, product));
            AppSettings hole = Declaring(2);
            hole.SubDevices[0] = null;
            Assert.ThrowsException(typeof(ArgumentException), () => GatewaySetup.Add(h.Module, hole, cloud, product));
            Assert.AreEqual(1, cloud.SubscriptionCount, "nothing added");
            Assert.AreEqual(1, cloud.ServiceCount);
        }
    }
}
