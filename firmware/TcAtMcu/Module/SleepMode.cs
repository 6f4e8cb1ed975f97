namespace TcAtMcu.Module
{
    /// <summary>AT+SLEEP: the module's power mode between transmissions (ESP-AT; MQTT and WiFi stay up).</summary>
    public enum SleepMode
    {
        /// <summary>Radio always on: the lowest latency, the most current (about 70 mA on an ESP8266).</summary>
        None = 0,

        /// <summary>CPU and radio off between DTIM beacons; the module wakes for the UART and the access point.</summary>
        Light = 1,

        /// <summary>Radio off between DTIM beacons, CPU on (the ESP8266's default in station mode).</summary>
        Modem = 2,
    }
}
