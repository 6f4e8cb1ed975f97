using System.Collections.Concurrent;

namespace TcAtMcu.Simulator
{
    /// <summary>Faults switched on per test (or from the command line). All of them may be switched while the module runs.</summary>
    public sealed class SimulatorFaults
    {
        private ModuleSimulator _module;
        private readonly ConcurrentDictionary<string, bool> _deniedSubscribe = new ConcurrentDictionary<string, bool>();
        private readonly ConcurrentDictionary<string, bool> _deniedPublish = new ConcurrentDictionary<string, bool>();
        private long _uartDeadUntil;
        private long _brokerRefusedUntil;

        public double DropByteProbability;
        public double CorruptByteProbability;
        public int ResponseDelayMs;
        /// <summary>The next N command lines get "busy p..." instead of being run.</summary>
        public int BusyAnswers;
        public int Seed = 1;

        internal void Attach(ModuleSimulator module) => _module = module;

        /// <summary>The module's broker link drops: +TCMQTTDISCON,-103 and its reconnection.</summary>
        public void KillMqttConnection() => _module?.DropMqttLink();

        // ---- reboots at bad moments ----

        /// <summary>-1 when off; else the module reboots once the next PUBL/PUBRAW payload has this many bytes.</summary>
        internal int RebootAfterPayloadBytes = -1;
        /// <summary>-1 when off; else the next +TCREADFWDATA stops after this many data bytes and the module reboots.</summary>
        internal int RebootAfterFirmwareBytes = -1;

        /// <summary>The module reboots (boot garbage, then ready) once the next PUBL/PUBRAW payload has received that many bytes.</summary>
        public void RebootDuringNextPayload(int afterBytes = 1) => RebootAfterPayloadBytes = Math.Max(1, afterBytes);

        /// <summary>The next AT+TCREADFWDATA answer is cut after that many data bytes by a reboot (boot garbage, then ready).</summary>
        public void RebootDuringNextFirmwareRead(int afterBytes = 100) => RebootAfterFirmwareBytes = Math.Max(0, afterBytes);

        // ---- WiFi ----

        /// <summary>
        /// The access point goes away: WIFI DISCONNECT, the MQTT link drops (+TCMQTTDISCON,-103, +TCMQTTRECONNECTING).
        /// With <paramref name="backAfter"/>, it comes back then, without, it stays away until <see cref="RestoreWifi"/>.
        /// Either way the module does not rejoin it by itself (NOTES.md): AT+CWJAP or a reboot does, then WIFI
        /// CONNECTED, WIFI GOT IP, +TCMQTTRECONNECTED (or -106 if that took longer than the reconnect timeout).
        /// </summary>
        public void LoseWifi(TimeSpan? backAfter = null) => _module?.SetAccessPoint(false, backAfter);

        /// <summary>The access point is back: the module joins it at its next AT+CWJAP or reboot.</summary>
        public void RestoreWifi() => _module?.SetAccessPoint(true, null);

        /// <summary>0: off; 1 (timeout) or 4 (failed): the next AT+CWJAP fails with +CWJAP:n although the AP is there.</summary>
        public int NextWifiJoinFailure;

        // ---- UART ----

        /// <summary>Every byte on the UART, both directions, is lost for that long (a loose wire, a noisy line).</summary>
        public void DropUartBytes(TimeSpan duration) =>
            Interlocked.Exchange(ref _uartDeadUntil, Environment.TickCount64 + (long)duration.TotalMilliseconds);

        internal bool UartDead => Environment.TickCount64 < Interlocked.Read(ref _uartDeadUntil);

        // ---- broker ----

        /// <summary>The broker refuses connections for that long (CONNACK refused): AT+TCMQTTCONN answers
        /// +TCMQTTCONN:FAIL,<paramref name="code"/> and reconnection attempts fail. With <paramref name="dropLink"/>
        /// an established link drops first (+TCMQTTDISCON,-103). Longer than the reconnect timeout gives -106.</summary>
        public void RefuseBroker(TimeSpan duration, int code = -115, bool dropLink = true)
        {
            BrokerRefusalCode = code;
            Interlocked.Exchange(ref _brokerRefusedUntil, Environment.TickCount64 + (long)duration.TotalMilliseconds);
            if (dropLink)
            {
                KillMqttConnection();
            }
        }

        /// <summary>The code of +TCMQTTCONN:FAIL while the broker refuses: -115 server unavailable (CONNACK 3) by default.</summary>
        public int BrokerRefusalCode { get; private set; } = -115;

        internal bool BrokerRefuses => Environment.TickCount64 < Interlocked.Read(ref _brokerRefusedUntil);

        // ---- cloud permissions (NOTES.md "Cloud permissions") ----

        /// <summary>The device may not subscribe this topic: OK, then +TCMQTTSUB:FAIL,-108.</summary>
        public void DenySubscribe(string topic) => _deniedSubscribe[topic] = true;

        /// <summary>The device may not publish this topic: QoS 1 gets +TCMQTTPUB:FAIL,202 after the command timeout
        /// (no PUBACK); QoS 0 gets +TCMQTTPUB:OK and the broker never sees the message.</summary>
        public void DenyPublish(string topic) => _deniedPublish[topic] = true;

        /// <summary>Lifts every DenySubscribe and DenyPublish.</summary>
        public void AllowAllTopics()
        {
            _deniedSubscribe.Clear();
            _deniedPublish.Clear();
        }

        internal bool SubscribeDenied(string topic) => _deniedSubscribe.ContainsKey(topic);

        internal bool PublishDenied(string topic) => _deniedPublish.ContainsKey(topic);
    }
}
