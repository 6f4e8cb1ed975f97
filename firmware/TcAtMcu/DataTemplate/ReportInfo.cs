using TcAtMcu.Json;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// What report_info tells IoT Explorer's console about the device: module_hardinfo and module_softinfo (the
    /// module's AT+TCMODULE: hardware name, firmware), fw_ver (the one <see cref="FirmwareVersion"/>), mac (the
    /// module's), and device_label, the product's own name/value pairs (board, product line, hardware revision ...).
    /// With a <see cref="Module"/>, AT+TCMODULE is read once, before the first report_info; what the module does not
    /// print is left out (module_hardinfo falls back to the hardware named here).
    /// </summary>
    public sealed class ReportInfo
    {
        /// <summary>device_label entries at most.</summary>
        public const int MaxLabels = 8;

        private static readonly byte[] KeyHardware = Ascii.Bytes("module_hardinfo");
        private static readonly byte[] KeySoftware = Ascii.Bytes("module_softinfo");
        private static readonly byte[] KeyFirmware = Ascii.Bytes("fw_ver");
        private static readonly byte[] KeyMac = Ascii.Bytes("mac");
        private static readonly byte[] KeyLabel = Ascii.Bytes("device_label");

        private readonly byte[][] _labelKeys = new byte[MaxLabels][];
        private readonly byte[][] _labelValues = new byte[MaxLabels][];
        private readonly ModuleInfo _read = new ModuleInfo();
        private byte[] _hardware;
        private byte[] _software;
        private byte[] _mac;
        private int _labels;
        private bool _asked;

        public ReportInfo(string hardware)
        {
            _hardware = Utf8.Bytes(hardware);
        }

        /// <summary>The module to ask (AT+TCMODULE) once; null: only what is set here.</summary>
        public TcModule Module { get; set; }

        /// <summary>Adds a device_label entry; false when there are <see cref="MaxLabels"/> already, or the name needs escaping (quote, backslash, control).</summary>
        public bool Label(string name, string value)
        {
            if (_labels == MaxLabels || name == null || name.Length == 0 || value == null)
            {
                return false;
            }
            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '"' || chars[i] == '\\' || chars[i] < ' ')
                {
                    return false;
                }
            }
            _labelKeys[_labels] = Utf8.Bytes(name);
            _labelValues[_labels++] = Utf8.Bytes(value);
            return true;
        }

        /// <summary>Writes the members of report_info's params into the open object.</summary>
        public void Write(JsonWriter writer, FirmwareVersion version)
        {
            if (Module != null && !_asked)
            {
                _asked = true;
                if (Module.ReadModuleInfo(_read).IsOk)
                {
                    if (_read.HardwareName != null && _read.HardwareName.Length > 0)
                    {
                        _hardware = Utf8.Bytes(_read.HardwareName);
                    }
                    _software = _read.FirmwareVersion == null ? null : Utf8.Bytes(_read.FirmwareVersion);
                    _mac = _read.MacAddress == null ? null : Utf8.Bytes(_read.MacAddress);
                }
            }
            Member(writer, KeyHardware, _hardware);
            Member(writer, KeySoftware, _software);
            Member(writer, KeyFirmware, version.Bytes);
            Member(writer, KeyMac, _mac);
            if (_labels > 0)
            {
                writer.Key(KeyLabel);
                writer.BeginObject();
                for (int i = 0; i < _labels; i++)
                {
                    Member(writer, _labelKeys[i], _labelValues[i]);
                }
                writer.EndObject();
            }
        }

        private static void Member(JsonWriter writer, byte[] key, byte[] value)
        {
            if (value == null)
            {
                return;
            }
            writer.Key(key);
            writer.String(value, 0, value.Length);
        }
    }
}
