using TcAtMcu.Engine;
using TcAtMcu.Module;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Reads the image the module downloaded (AT+TCFWINFO?, then AT+TCREADFWDATA chunks) into a sink, hashing
    /// as it goes, and commits it only when the size and the MD5 both match. Each chunk is hashed and stored on a
    /// second thread (<see cref="ChunkHasher"/>) while the next one arrives. Two fixed chunk buffers; nothing is
    /// allocated per chunk. Every failure aborts the sink; the next attempt starts over, since AT+TCFWINFO?
    /// rewinds the module's read offset.
    /// </summary>
    public sealed class OtaUpdater
    {
        private readonly TcModule _module;
        private readonly IFirmwareSink _sink;
        private readonly byte[] _chunk;
        private readonly byte[] _digest = new byte[16];
        private readonly Md5 _md5 = new Md5();
        private readonly FirmwareInfo _info = new FirmwareInfo();
        private readonly ChunkHasher _hasher;

        /// <param name="chunkSize">Bytes per AT+TCREADFWDATA, 1 to 4096: bigger chunks spend less time on commands.</param>
        public OtaUpdater(TcModule module, IFirmwareSink sink, int chunkSize)
        {
            if (chunkSize < 1 || chunkSize > TcLimits.FirmwareChunkMax)
            {
                throw new System.ArgumentException("chunkSize must be 1 to 4096, not " + chunkSize, "chunkSize");
            }
            _module = module;
            _sink = sink;
            _chunk = new byte[chunkSize];
            _hasher = new ChunkHasher(_md5, chunkSize);
        }

        public IOtaProgress Progress { get; set; }

        /// <summary>The image of the last run (version, size, MD5).</summary>
        public FirmwareInfo Image { get { return _info; } }

        /// <summary>Bytes read from the module in the last run.</summary>
        public int BytesRead { get; private set; }

        /// <summary>Bytes the sink already held from an interrupted transfer of the same image in the last run.</summary>
        public int ResumedBytes { get; private set; }

        /// <summary>The module's answer that ended a failed read.</summary>
        public AtResult LastResult { get; private set; }

        /// <summary>
        /// $ota/report/&lt;pid&gt;/&lt;dn&gt;: when set, a storage failure is published there as report_progress
        /// "fail" with its message (the module reports its own download's progress, but not what the MCU does after).
        /// </summary>
        public string ReportTopic { get; set; }

        /// <summary>Why the sink failed, after <see cref="OtaOutcome.StoreFailed"/>.</summary>
        public string FailureMessage { get; private set; }

        public OtaOutcome Run()
        {
            try
            {
                return Transfer();
            }
            catch (System.Exception e)
            {
                // A sink's failure (flash full, a write error, a package refused at commit) must not crash the application.
                FailureMessage = e.Message != null && e.Message.Length > 0 ? e.Message : e.GetType().Name;
                try
                {
                    _sink.Abort();
                }
                catch (System.Exception)
                {
                    // Already failing: the first error is the one reported.
                }
                try
                {
                    ReportFailure();
                }
                catch (System.Exception)
                {
                    // The report is a courtesy: a module that cannot take it must not turn a failure into a crash.
                }
                return OtaOutcome.StoreFailed;
            }
        }

        private OtaOutcome Transfer()
        {
            BytesRead = 0;
            FailureMessage = null;
            LastResult = _module.ReadFirmwareInfo(_info);
            if (LastResult.Status == AtStatus.BadData)
            {
                return OtaOutcome.BadImageInfo; // a field of +TCFWINFO is not valid: no byte is read
            }
            if (!LastResult.IsOk)
            {
                return OtaOutcome.NoImage;
            }
            int size = _info.Size;
            if (size <= 0 || size > _sink.Capacity || _info.Md5 == null || _info.Md5.Length != 32)
            {
                return OtaOutcome.BadImageInfo;
            }
            ResumedBytes = _sink.Begin(_info.Version, size, _info.Md5);
            _md5.Reset();
            _hasher.Start(_sink);
            try
            {
                return Read(size);
            }
            finally
            {
                _hasher.Stop();
            }
        }

        private OtaOutcome Read(int size)
        {
            long started = Clock.NowMs;
            while (BytesRead < size)
            {
                int want = size - BytesRead < _chunk.Length ? size - BytesRead : _chunk.Length;
                LastResult = _module.ReadFirmwareData(_chunk, 0, want);
                if (!LastResult.IsOk)
                {
                    return Fail(OtaOutcome.ReadFailed);
                }
                int got = LastResult.Length;
                if (got == 0)
                {
                    return Fail(OtaOutcome.ShortImage);
                }
                _hasher.Submit(_chunk, 0, got); // hashed and stored while the next chunk is asked for and arrives
                BytesRead += got;
                if (Progress != null)
                {
                    Progress.OnProgress(BytesRead, size, Clock.NowMs - started);
                }
                if (got < want && BytesRead < size)
                {
                    return Fail(OtaOutcome.ShortImage);
                }
            }
            _hasher.Finish();
            _md5.Final(_digest, 0);
            if (!Md5.Matches(_digest, 0, _info.Md5))
            {
                return Fail(OtaOutcome.Md5Mismatch);
            }
            _sink.Commit();
            return OtaOutcome.Installed;
        }

        // report_progress as the module sends it (NOTES.md, OTA cloud side), state fail, result_code -5 (upgrade failed).
        private void ReportFailure()
        {
            if (ReportTopic == null)
            {
                return;
            }
            string json = "{\"type\":\"report_progress\",\"report\":{\"progress\":{\"state\":\"fail\",\"percent\":\"0\","
                + "\"result_code\":\"-5\",\"result_msg\":\"" + JsonSafe(FailureMessage) + "\"},\"version\":\"" + JsonSafe(_info.Version) + "\"}}";
            _module.Publish(ReportTopic, 1, json);
        }

        // Keeps printable ASCII other than quote and backslash, at most 64 characters: a message never breaks the JSON.
        private static string JsonSafe(string text)
        {
            if (text == null)
            {
                return "";
            }
            char[] chars = text.ToCharArray();
            int n = 0;
            for (int i = 0; i < chars.Length && n < 64; i++)
            {
                char c = chars[i];
                if (c >= ' ' && c <= '~' && c != '"' && c != '\\')
                {
                    chars[n++] = c;
                }
            }
            return new string(chars, 0, n);
        }

        private OtaOutcome Fail(OtaOutcome outcome)
        {
            _hasher.Finish(); // a store that failed meanwhile is the reason (thrown, reported by Run)
            _sink.Abort();
            return outcome;
        }
    }
}
