namespace TcAtMcu.Simulator
{
    /// <summary>How the simulated module is built and what it connects to.</summary>
    public sealed class SimulatorOptions
    {
        public string BrokerHost = "127.0.0.1";
        public int BrokerPort = 1883;
        /// <summary>JSON file standing for the module's flash (identity, settings, cached firmware); null: RAM only.</summary>
        public string FlashFile;
        /// <summary>The build has AT+TCMQTTPUBRAW; false answers ERROR to it, as many builds do.</summary>
        public bool RawPublish = true;
        /// <summary>+TCREADFWDATA data as hex digits (the spec) instead of raw bytes (the real module).</summary>
        public bool HexFirmwareData;
        /// <summary>Echo commands, as a module does until ATE0.</summary>
        public bool Echo;
        /// <summary>0: bytes go out as fast as the stream takes them; else paced at baud / 10 bytes per second (8N1).</summary>
        public int BaudRate;
        public int PayloadTimeoutMs = 20000;
        public int ProvisioningTimeoutMs = 300000;
        /// <summary>How long a simulated provisioning takes before WIFI_CONNECT_SUCCESS (or failure).</summary>
        public int ProvisioningDelayMs = 300;
        public bool ProvisioningFails;
        public int ReconnectTimeoutMs = 30000;
        /// <summary>AT+TCDEVREG blocks the real module about 10 s; tests need less.</summary>
        public int RegistrationDelayMs = 200;
    }

    /// <summary>Faults switched on per test.</summary>
    public sealed class SimulatorFaults
    {
        private Action _killMqtt;

        public double DropByteProbability;
        public double CorruptByteProbability;
        public int ResponseDelayMs;
        /// <summary>The next N command lines get "busy p..." instead of being run.</summary>
        public int BusyAnswers;
        public int Seed = 1;

        internal void OnKill(Action kill) => _killMqtt = kill;

        /// <summary>The module's broker link drops (as when WiFi goes): +TCMQTTDISCON,-103 and its reconnection.</summary>
        public void KillMqttConnection() => _killMqtt?.Invoke();
    }
}
