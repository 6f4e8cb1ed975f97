using System.Text.Json;

namespace TcAtMcu.Simulator
{
    /// <summary>What the module keeps across reboots, saved as JSON when a file is given.</summary>
    public sealed class ModuleFlash
    {
        public string ProductId { get; set; }
        public string DeviceName { get; set; }
        public string DeviceSecret { get; set; }
        public string ProductSecret { get; set; }
        /// <summary>Firmware 2.x: the product region of AT+TCDEVINFOSET / AT+TCPRDINFOSET.</summary>
        public string Region { get; set; } = "ap-guangzhou";
        public string ModuleName { get; set; } = "ESP-WROOM-02D";
        public int FlashSizeMb { get; set; } = 2;
        public int WifiLedGpio { get; set; }
        public int FirmwareInfoAddress { get; set; } = 1118208;
        public int FirmwareBaseAddress { get; set; } = 1122304;
        public int FirmwareMaxSize { get; set; } = 716800;
        public int FixedConnectionId { get; set; } = 1;
        public string FirmwareVersion { get; set; }
        /// <summary>The access point AT+CWJAP stored (ESP-AT keeps it in flash); the module joins it at boot.</summary>
        public string WifiSsid { get; set; }
        public string WifiPassword { get; set; }
        /// <summary>AT+CWMODE: 1 station, 2 soft AP, 3 both.</summary>
        public int WifiMode { get; set; } = 1;
        public byte[] Firmware { get; set; }

        public static ModuleFlash Load(string path) =>
            path != null && File.Exists(path) ? JsonSerializer.Deserialize<ModuleFlash>(File.ReadAllText(path)) : new ModuleFlash();

        /// <summary>Null when <paramref name="path"/> can serve as the flash file; else the sentence that says why not.</summary>
        public static string Refusal(string path)
        {
            if (path == null)
            {
                return null;
            }
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return $"--flash {full} is a folder; give a file (it is created if missing).";
            }
            string folder = Path.GetDirectoryName(full);
            if (folder != null && !Directory.Exists(folder))
            {
                return $"--flash {full}: the folder {folder} does not exist.";
            }
            if (!File.Exists(full))
            {
                return null;
            }
            try
            {
                string shape = ShapeRefusal(File.ReadAllText(full));
                return shape == null ? null : $"--flash {full} is not a simulator flash file ({shape}); delete it or choose another path.";
            }
            catch (Exception e) when (e is JsonException || e is NotSupportedException || e is ArgumentException)
            {
                return $"--flash {full} is not a simulator flash file (not the JSON this simulator writes); delete it or choose another path.";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return $"--flash {full} cannot be read ({e.Message.TrimEnd('.')}).";
            }
        }

        // What Save writes: one JSON object whose fields are all this class's. Valid JSON of another shape (a config
        // file, {}) would otherwise be taken as an empty flash and overwritten at the first save.
        private static readonly JsonSerializerOptions Strict = new JsonSerializerOptions { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

        private static string ShapeRefusal(string json)
        {
            using (JsonDocument document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return "it holds " + document.RootElement.ValueKind.ToString().ToLowerInvariant() + ", not an object";
                }
                if (!document.RootElement.EnumerateObject().Any())
                {
                    return "it holds none of a flash file's fields";
                }
            }
            JsonSerializer.Deserialize<ModuleFlash>(json, Strict);
            return null;
        }

        public void Save(string path)
        {
            if (path != null)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(this));
            }
        }
    }
}
