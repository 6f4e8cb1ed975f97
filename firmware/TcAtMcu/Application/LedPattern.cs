namespace TcAtMcu.Application
{
    /// <summary>
    /// A repeating on/off pattern as durations in ms, starting with "on". Static instances only: showing a
    /// pattern allocates nothing.
    /// </summary>
    public sealed class LedPattern
    {
        public static readonly LedPattern Off = new LedPattern("off", new int[0]);
        public static readonly LedPattern Solid = new LedPattern("solid", new int[] { 1000 });
        /// <summary>Connecting to the module, the network or the cloud.</summary>
        public static readonly LedPattern FastBlink = new LedPattern("fast blink", new int[] { 100, 100 });
        /// <summary>Provisioning (smart config or soft AP).</summary>
        public static readonly LedPattern SlowBlink = new LedPattern("slow blink", new int[] { 1000, 1000 });
        /// <summary>Firmware update in progress.</summary>
        public static readonly LedPattern DoubleFlash = new LedPattern("double flash", new int[] { 100, 100, 100, 700 });
        /// <summary>WiFi down: one short flash a second.</summary>
        public static readonly LedPattern NoWifi = new LedPattern("wifi flash", new int[] { 100, 900 });
        /// <summary>Error: waiting before the next attempt.</summary>
        public static readonly LedPattern ErrorFlash = new LedPattern("error flash", new int[] { 50, 100, 50, 100, 50, 1650 });

        private readonly int[] _durations;
        private readonly int _period;

        private LedPattern(string name, int[] durations)
        {
            Name = name;
            _durations = durations;
            for (int i = 0; i < durations.Length; i++)
            {
                _period += durations[i];
            }
        }

        public string Name { get; private set; }

        /// <summary>Whether the LED is lit at elapsedMs into the pattern.</summary>
        public bool IsOnAt(long elapsedMs)
        {
            if (_durations.Length == 0)
            {
                return false;
            }
            if (_durations.Length == 1)
            {
                return true;
            }
            long t = elapsedMs % _period;
            for (int i = 0; i < _durations.Length; i++)
            {
                if (t < _durations[i])
                {
                    return i % 2 == 0;
                }
                t -= _durations[i];
            }
            return false;
        }
    }
}
