using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace TcAtMcu.Simulator
{
    // The module's side of Tencent IoT Hub OTA (NOTES.md "OTA", cloud side): update_firmware on $ota/update, an HTTP
    // download with a Range header, progress on $ota/report, the module's own MD5 check, then +TCOTASTATUS.
    public sealed partial class ModuleSimulator
    {
        private static readonly HttpClient Http = new HttpClient();

        private string OtaSuffix => _flash.ProductId + "/" + _flash.DeviceName;

        /// <summary>True when the message was the module's own (an OTA command), not one for the MCU.</summary>
        private bool TakeOtaMessage(string topic, byte[] payload)
        {
            if (topic != "$ota/update/" + OtaSuffix)
            {
                return false;
            }
            try
            {
                using JsonDocument doc = JsonDocument.Parse(payload);
                JsonElement root = doc.RootElement;
                if (root.GetProperty("type").GetString() != "update_firmware")
                {
                    return true; // report_version_rsp and the like
                }
                string version = root.GetProperty("version").GetString();
                string url = root.GetProperty("url").GetString();
                string md5 = root.GetProperty("md5sum").GetString();
                long size = root.GetProperty("file_size").GetInt64();
                if (size <= 0 || version == null || url == null || md5 == null)
                {
                    Say("malformed update message");
                    return true;
                }
                lock (_sync)
                {
                    if (!_otaEnabled || _otaDownloading)
                    {
                        Say("update ignored: " + (_otaDownloading ? "a download runs" : "OTA disabled"));
                        return true;
                    }
                    _otaDownloading = true;
                }
                Send("+TCOTASTATUS:ENTERUPDATE\r\n");
                CancellationToken token = _background.Token;
                if (size > _flash.FirmwareMaxSize)
                {
                    // The real firmware fails to erase that much of its OTA partition: eFLASH_ERR (207), before any download.
                    Say("image of " + size + " bytes refused: the buffer holds " + _flash.FirmwareMaxSize);
                    _ = Task.Run(() => FailAsync(version, 207, token));
                    return true;
                }
                _ = Task.Run(() => DownloadAsync(version, url, md5, (int)size, token));
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is FormatException)
            {
                Say("malformed update message: " + e.Message);
            }
            return true;
        }

        private async Task DownloadAsync(string version, string url, string md5, int size, CancellationToken token)
        {
            try
            {
                byte[] image = new byte[size];
                int have = 0;
                long lastReport = 0;
                // Resumable by offset, as the real module is; three tries.
                for (int attempt = 0; attempt < 3 && have < size; attempt++)
                {
                    using HttpRequestMessage request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Range = new RangeHeaderValue(have, size);
                    using HttpResponseMessage response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                    if (!response.IsSuccessStatusCode)
                    {
                        continue;
                    }
                    using Stream body = await response.Content.ReadAsStreamAsync(token);
                    int n;
                    while (have < size && (n = await body.ReadAsync(image.AsMemory(have, size - have), token)) > 0)
                    {
                        have += n;
                        if (Environment.TickCount64 - lastReport >= 1000)
                        {
                            lastReport = Environment.TickCount64;
                            await ReportProgressAsync("downloading", have * 100L / size, version, token);
                        }
                    }
                }
                if (have < size)
                {
                    await FailAsync(version, -8, token);
                    return;
                }
                if (Convert.ToHexStringLower(MD5.HashData(image)) != md5.ToLowerInvariant())
                {
                    await FailAsync(version, 205, token);
                    return;
                }
                lock (_sync)
                {
                    _flash.FirmwareVersion = version;
                    _flash.Firmware = image;
                    _flash.Save(_options.FlashFile);
                    _otaDownloading = false;
                }
                await ReportProgressAsync("done", 100, version, token);
                Say("downloaded firmware " + version + ", " + size + " bytes");
                Send("+TCOTASTATUS:UPDATESUCCESS\r\n");
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                Say("download failed: " + e.Message);
                await FailAsync(version, -8, token);
            }
        }

        private async Task FailAsync(string version, int code, CancellationToken token)
        {
            lock (_sync)
            {
                _otaDownloading = false;
            }
            // The cloud's OTA result codes: -1 download failed, -4 MD5 mismatch, -5 update failed; the module's code in the text.
            (int cloudCode, string why) = code switch
            {
                205 => (-4, "MD5 mismatch (module error 205)"),
                207 => (-5, "image larger than the module's buffer (module error 207)"),
                _ => (-1, "download failed (module error " + code + ")"),
            };
            await ReportProgressAsync("fail", 0, version, token, cloudCode, why);
            Send("+TCOTASTATUS:UPDATEFAIL," + code + "\r\n");
        }

        private async Task ReportProgressAsync(string state, long percent, string version, CancellationToken token, int resultCode = 0, string resultMessage = "")
        {
            if (!_connected)
            {
                return;
            }
            string json = "{\"type\":\"report_progress\",\"report\":{\"progress\":{\"state\":\"" + state + "\",\"percent\":\"" + percent
                + "\",\"result_code\":\"" + resultCode + "\",\"result_msg\":\"" + resultMessage + "\"},\"version\":\"" + version + "\"}}";
            await PublishAsync("$ota/report/" + OtaSuffix, 0, Wire.GetBytes(json), token);
        }
    }
}
