namespace TcAtMcu.Module
{
    /// <summary>AT+TCMQTTCONN parameters (spec 3.1); the defaults are the spec's recommendation.</summary>
    public sealed class MqttSettings
    {
        public int TlsMode = TcLimits.TlsMode;
        /// <summary>The module's own timeout for connect, publish and subscribe, 1000 to 10000 ms.</summary>
        public int CommandTimeoutMs = 5000;
        /// <summary>60 to 690 s.</summary>
        public int KeepAliveS = 240;
        public bool CleanSession = true;
        /// <summary>The module reconnects by itself after a drop and restores its subscriptions.</summary>
        public bool AutoReconnect = true;
    }
}
