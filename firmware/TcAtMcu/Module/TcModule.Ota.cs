using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    // Spec chapter 4: OTA through the module's cached image.
    public sealed partial class TcModule
    {
        /// <summary>AT+TCOTASET=&lt;0|1&gt;,"version" : enable OTA and report the running version to the cloud.</summary>
        public AtResult SetOta(bool enable, string firmwareVersion)
        {
            Check.Text(Param.FirmwareVersion, firmwareVersion, 1, TcLimits.FirmwareVersionMax);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.OtaSet).Number(enable ? 1 : 0).Quoted(firmwareVersion);
                return Run(NotDuringOta, AtReply.OkThenResult, NetworkTimeoutMs);
            }
        }

        /// <summary>AT+TCOTASET? : +TCOTASET:&lt;0|1&gt;,"version" (before or after its OK: builds differ).</summary>
        public AtResult ReadOta(OtaSettings into)
        {
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.OtaSet, AtReply.OkThenLine);
                int enabled;
                if (!result.IsOk || !_fields.Int(out enabled))
                {
                    return result.IsOk ? Malformed() : result;
                }
                into.Enabled = enabled == 1;
                into.Version = _fields.String();
                return result;
            }
        }

        /// <summary>
        /// AT+TCFWINFO? : OK, then +TCFWINFO:"version",size,"md5",maxSize. Also rewinds the module's read offset
        /// to the image's start. CME 208 when there is no valid image; BadData when a field is not valid.
        /// </summary>
        public AtResult ReadFirmwareInfo(FirmwareInfo into)
        {
            lock (_engine.Gate)
            {
                Writer.Read(AtCommands.FwInfo);
                AtResult result = Run(NotDuringOta, AtReply.OkThenLine, LocalTimeoutMs);
                if (!result.IsOk)
                {
                    return result;
                }
                // Every field checked before it is used (issue 19): a version as IoT Explorer names one, a size of
                // 1 to maxSize bytes, exactly 32 ASCII hex digits of MD5, and nothing after the fourth field.
                int size;
                int maxSize;
                int version;
                int versionLength;
                int md5;
                int md5Length;
                if (ReadLine(AtCommands.FwInfo, 0) < 0
                    || !_fields.Slice(out version, out versionLength)
                    || !FieldReader.IsVersion(_fields.Buffer, version, versionLength, TcLimits.FirmwareVersionMax)
                    || !_fields.Count(out size)
                    || !_fields.Slice(out md5, out md5Length)
                    || !FieldReader.IsHex(_fields.Buffer, md5, md5Length, 32)
                    || !_fields.Count(out maxSize)
                    || !_fields.AtEnd
                    || size < 1 || size > maxSize)
                {
                    return Malformed();
                }
                into.Version = Utf8.Decode(_fields.Buffer, version, versionLength);
                into.Size = size;
                into.Md5 = Utf8.Decode(_fields.Buffer, md5, md5Length);
                into.MaxSize = maxSize;
                return result;
            }
        }

        /// <summary>
        /// AT+TCREADFWDATA=&lt;count&gt; : the next chunk of the cached image into buffer[offset..]. Length is the
        /// bytes read; fewer than asked means the image's end. Reading past the end is CME 208.
        /// </summary>
        public AtResult ReadFirmwareData(byte[] buffer, int offset, int count)
        {
            Check.Slice(Param.Buffer, buffer, offset, count, 1, TcLimits.FirmwareChunkMax);
            lock (_engine.Gate)
            {
                AtRefusal refusal = StateRefusal(NotDuringOta);
                if (refusal != AtRefusal.None)
                {
                    return Refused(refusal);
                }
                Writer.Set(AtCommands.ReadFwData).Number(count);
                return _engine.ExecuteRead(FirmwareReadTimeoutMs, buffer, offset, count);
            }
        }
    }
}
