using TcAtMcu.Application;
using TcAtMcu.Module;
using TcAtMcu.Services;

namespace TcAtMcu.Gateway
{
    /// <summary>
    /// The gateway a product declared in its settings (<see cref="AppSettings.SubDevices"/>), checked at start: every
    /// identity, at most <see cref="GatewayService.MaxSubDevices"/>, and the sub-devices' subscriptions against what the
    /// module's 10 leave beside the device's own services, refused with one sentence naming the numbers before anything
    /// is added. The board's entry and the host run (--sub-devices N) both come through here.
    /// </summary>
    public static class GatewaySetup
    {
        /// <summary>
        /// Declares the settings' sub-devices, each with the product's services, and adds the gateway to the device's
        /// router (after the device's services it must leave room for). Null, and nothing added, when none is declared.
        /// </summary>
        public static GatewayService Add(TcModule module, AppSettings settings, CloudRouter router, ISubDeviceProduct product)
        {
            SubDeviceSettings[] declared = settings.SubDevices;
            if (declared == null || declared.Length == 0)
            {
                return null;
            }
            if (declared.Length > GatewayService.MaxSubDevices)
            {
                throw new System.ArgumentException("the settings declare " + declared.Length + " sub-devices; a gateway holds at most "
                    + GatewayService.MaxSubDevices, "SubDevices");
            }
            GatewayService gateway = new GatewayService(module);
            int needed = 0;
            for (int i = 0; i < declared.Length; i++)
            {
                SubDeviceSettings s = declared[i];
                if (s == null)
                {
                    throw new System.ArgumentException("sub-device " + (i + 1) + " of the settings is null", "SubDevices");
                }
                SubDevice sub = gateway.Add(s.ProductId, s.DeviceName, s.DeviceSecret, s.FirmwareVersion);
                if (product != null)
                {
                    product.AddServices(sub, i);
                }
                needed += sub.Cloud.SubscriptionCount;
            }
            int free = TcLimits.Subscriptions - router.SubscriptionCount;
            if (needed > free)
            {
                throw new System.InvalidOperationException("the " + declared.Length + " sub-devices of the settings need " + needed
                    + " subscriptions, but the module's " + TcLimits.Subscriptions + " leave " + free + " beside the device's services ("
                    + router.SubscriptionCount + "): declare fewer, or give the device fewer services");
            }
            router.Add(gateway);
            return gateway;
        }
    }
}
