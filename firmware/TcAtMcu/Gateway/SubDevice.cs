using TcAtMcu.Module;
using TcAtMcu.Services;

namespace TcAtMcu.Gateway
{
    /// <summary>Where a sub-device stands, as the gateway follows it.</summary>
    public enum SubDeviceState
    {
        /// <summary>Declared; the gateway is not online (or has not reached it yet).</summary>
        Waiting = 0,
        /// <summary>AT+TCGWBIND=0 and AT+TCGWONLINE=0 done, its topics subscribed: its services run.</summary>
        Online,
        /// <summary>The cloud refused it (<see cref="SubDevice.LastCode"/>, a GatewayError); tried again after a while.</summary>
        Refused,
        /// <summary>Unbound by the product (<see cref="GatewayService.Unbind"/>): left alone until bound again.</summary>
        Unbound,
    }

    /// <summary>
    /// One sub-device behind the gateway: its identity (key authentication, the only kind the module binds) and its
    /// own cloud services on its own topics, declared on <see cref="Cloud"/> exactly as the gateway's are on its
    /// router (its data template is a ThingClient added there). Made by <see cref="GatewayService.Add"/>.
    /// </summary>
    public sealed class SubDevice
    {
        internal int Step;
        internal int TopicStart;
        internal int TopicCount;
        internal long RetryAtMs;
        internal int Request; // Interlocked: set from any thread, taken on the application's

        internal SubDevice(TcModule module, string productId, string deviceName, string deviceSecret, string firmwareVersion)
        {
            Check.Text(Param.ProductId, productId, 1, TcLimits.ProductIdMax);
            Check.Text(Param.DeviceName, deviceName, 1, TcLimits.DeviceNameMax);
            Check.Text(Param.DeviceSecret, deviceSecret, 1, TcLimits.DeviceSecretMax);
            ProductId = productId;
            DeviceName = deviceName;
            DeviceSecret = deviceSecret;
            Cloud = new CloudRouter(new ModuleLink(module), new DeviceTopics(productId, deviceName), new FirmwareVersion(firmwareVersion));
        }

        public string ProductId { get; private set; }
        public string DeviceName { get; private set; }
        internal string DeviceSecret { get; private set; }

        /// <summary>The sub-device's services and topics ($thing/.../&lt;its pid&gt;/&lt;its dn&gt;); add them before the gateway is added to its router.</summary>
        public CloudRouter Cloud { get; private set; }

        public SubDeviceState State { get; internal set; }

        /// <summary>The last FAIL code of AT+TCGWBIND / AT+TCGWONLINE for it (GatewayError), 0 after a success.</summary>
        public int LastCode { get; internal set; }

        /// <summary>Times it was brought online since start.</summary>
        public int Onlines { get; internal set; }
    }
}
