using TcAtMcu.Engine;
using TcAtMcu.Module;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Reads the image the module downloaded (AT+TCFWINFO?, then AT+TCREADFWDATA chunks) into a sink, hashing
    /// as it goes, and commits it only when the size and the MD5 both match. One fixed chunk buffer; nothing is
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

        public OtaOutcome Run()
        {
            BytesRead = 0;
            LastResult = _module.ReadFirmwareInfo(_info);
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
            long started = Clock.NowMs;
            _md5.Reset();
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
                _md5.Update(_chunk, 0, got);
                _sink.Write(_chunk, 0, got);
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
            _md5.Final(_digest, 0);
            if (!Md5.Matches(_digest, 0, _info.Md5))
            {
                return Fail(OtaOutcome.Md5Mismatch);
            }
            _sink.Commit();
            return OtaOutcome.Installed;
        }

        private OtaOutcome Fail(OtaOutcome outcome)
        {
            _sink.Abort();
            return outcome;
        }
    }
}
