using System;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    /// <summary>
    /// Argument checks whose messages name the parameter and its bound. Callers pass the names from
    /// <see cref="Param"/>: on nanoCLR each string literal executed allocates, and these run on every call.
    /// </summary>
    internal static class Check
    {
        /// <summary>A string of min..max UTF-8 bytes with no CR, LF or NUL (they would end or cut the command).</summary>
        public static void Text(string name, string value, int min, int max)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
            char[] chars = value.ToCharArray();
            int n = Utf8.ByteCount(chars, 0, chars.Length);
            if (n < min || n > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + " bytes, not " + n, name);
            }
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == '\r' || c == '\n' || c == '\0')
                {
                    throw new ArgumentException(name + " must not contain CR, LF or NUL", name);
                }
            }
        }

        /// <summary>Text given as its UTF-8 bytes: min..max bytes, no CR, LF or NUL.</summary>
        public static void TextBytes(string name, byte[] value, int min, int max)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
            if (value.Length < min || value.Length > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + " bytes, not " + value.Length, name);
            }
            for (int i = 0; i < value.Length; i++)
            {
                byte b = value[i];
                if (b == Ascii.Cr || b == Ascii.Lf || b == 0)
                {
                    throw new ArgumentException(name + " must not contain CR, LF or NUL", name);
                }
            }
        }

        public static void Range(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + ", not " + value, name);
            }
        }

        public static void Slice(string name, byte[] buffer, int offset, int count, int min, int max)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(name);
            }
            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentException(name + ": offset and count outside the buffer", name);
            }
            if (count < min || count > max)
            {
                throw new ArgumentException(name + " must be " + min + " to " + max + " bytes, not " + count, name);
            }
        }

        public static void Qos(int qos)
        {
            Range(Param.Qos, qos, 0, 1);
        }
    }

    /// <summary>Parameter names for <see cref="Check"/>, created once.</summary>
    internal static class Param
    {
        public static readonly string Buffer = "buffer";
        public static readonly string CommandTimeoutMs = "commandTimeoutMs";
        public static readonly string DeviceName = "deviceName";
        public static readonly string DeviceSecret = "deviceSecret";
        public static readonly string FirmwareMaxSize = "firmwareMaxSize";
        public static readonly string FirmwareVersion = "firmwareVersion";
        public static readonly string Host = "host";
        public static readonly string Region = "region";
        public static readonly string Channel = "channel";
        public static readonly string Mode = "mode";
        public static readonly string FixedConnectionId = "fixedConnectionId";
        public static readonly string KeepAliveS = "keepAliveS";
        public static readonly string ModuleName = "moduleName";
        public static readonly string Password = "password";
        public static readonly string Payload = "payload";
        public static readonly string PayloadBytes = "payload bytes";
        public static readonly string ProductId = "productId";
        public static readonly string ProductSecret = "productSecret";
        public static readonly string Qos = "qos";
        public static readonly string Ssid = "ssid";
        public static readonly string TlsMode = "tlsMode";
        public static readonly string Topic = "topic";
        public static readonly string WifiLedGpio = "wifiLedGpio";
    }
}
