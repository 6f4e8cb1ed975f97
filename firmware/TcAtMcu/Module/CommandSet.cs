namespace TcAtMcu.Module
{
    /// <summary>
    /// The module's AT command set: V3.1.2 (Tencent's TC AT firmware 1.x) or V3.2.1 (firmware 2.x, what modules ship
    /// with today). Found at start by <see cref="TcModule.DetectCommandSet"/>.
    /// </summary>
    public enum CommandSet
    {
        /// <summary>Not detected yet: the V3.1.2 forms are used and V3.2.1's additions are refused.</summary>
        Unknown = 0,
        /// <summary>V3.1.2, firmware 1.x ("AT_v1.0.0_ESP_WiFi", "QCloud_AT_v1.0.0_ESP_WiFi").</summary>
        V312,
        /// <summary>V3.2.1, firmware 2.x ("QCloud_AT_ESP8266_v2.0.0"): region, host names, open soft AP, PUBRAW, gateway.</summary>
        V321,
    }

    /// <summary>Reads the command set from a firmware version text.</summary>
    public static class CommandSets
    {
        /// <summary>
        /// The set a Tencent AT firmware version names: the major number after the last "_v" or "v" followed by a
        /// digit ("QCloud_AT_ESP8266_v2.0.0" is 2, "AT_v1.0.0_ESP_WiFi" is 1); 1 is V3.1.2, 2 and later V3.2.1.
        /// Unknown when the text holds no such version.
        /// </summary>
        public static CommandSet FromVersion(string version)
        {
            if (version == null)
            {
                return CommandSet.Unknown;
            }
            int major = -1;
            for (int i = 0; i + 1 < version.Length; i++)
            {
                char c = version[i];
                if ((c == 'v' || c == 'V') && IsDigit(version[i + 1]) && (i == 0 || !IsLetterOrDigit(version[i - 1]) || version[i - 1] == '_'))
                {
                    int n = 0;
                    int j = i + 1;
                    while (j < version.Length && IsDigit(version[j]) && n < 1000)
                    {
                        n = n * 10 + (version[j] - '0');
                        j++;
                    }
                    // a version has a dot after its major number: "v2.1.1", not "v3" of a chip name
                    if (j < version.Length && version[j] == '.')
                    {
                        major = n;
                    }
                }
            }
            if (major < 1)
            {
                return CommandSet.Unknown;
            }
            return major == 1 ? CommandSet.V312 : CommandSet.V321;
        }

        /// <summary>"V3.1.2", "V3.2.1" or "unknown", for logs.</summary>
        public static string Name(CommandSet set)
        {
            switch (set)
            {
                case CommandSet.V312: return "V3.1.2";
                case CommandSet.V321: return "V3.2.1";
                default: return "unknown";
            }
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static bool IsLetterOrDigit(char c)
        {
            return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }
}
