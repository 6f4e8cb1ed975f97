using TcAtMcu.Services;

namespace TcAtMcu.Application
{
    /// <summary>
    /// A product's choice for <see cref="IUnbindHandler"/>: once unbound (by the cloud, or the device's own request
    /// answered 0) the module's identity is cleared (MQTT disconnected, AT+TCRESTORE: device, product and cached
    /// firmware info; the module reboots) and provisioning starts, so the next user binds the device afresh. With the
    /// identity in AppSettings the application writes it again after the reboot; a product that provisions the identity
    /// itself starts from nothing.
    /// </summary>
    public sealed class FactoryResetOnUnbind : IUnbindHandler
    {
        private readonly ConnectionLifecycle _app;

        public FactoryResetOnUnbind(ConnectionLifecycle app)
        {
            _app = app;
        }

        /// <summary>Factory resets done.</summary>
        public int Resets { get; private set; }

        public void OnUnbound()
        {
            Reset();
        }

        public void OnUnbindReply(int code)
        {
            if (code == 0)
            {
                Reset();
            }
        }

        private void Reset()
        {
            Resets++;
            _app.RequestFactoryReset(); // done by the application's step, not inside the message's handler
        }
    }
}
