using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    // Which command set the module speaks: V3.1.2 (firmware 1.x) or V3.2.1 (firmware 2.x). One firmware serves both:
    // a call or form only V3.2.1 has is refused (NotInCommandSet) on a V3.1.2 module before a byte is sent.
    public sealed partial class TcModule
    {
        // "Tencent Cloud IoT AT version:" (the spec) or "Tencent Cloud IoT AT  version:" (the 2.x source prints two spaces).
        private static readonly byte[] TencentAtLine = Ascii.Bytes("Tencent Cloud IoT AT");

        /// <summary>The command set found by <see cref="DetectCommandSet"/>; Unknown before.</summary>
        public CommandSet CommandSet
        {
            get { return _state.CommandSet; }
        }

        /// <summary>
        /// AT+GMR and AT+TCVER into 'into', and the command set they name: the Tencent AT version of AT+TCVER
        /// ("QCloud_AT_ESP8266_v2.0.0" is V3.2.1, "AT_v1.0.0_ESP_WiFi" V3.1.2), else the build line of AT+GMR; a
        /// version neither names is asked with AT+TCGWONLINE=? (only V3.2.1 has it). Ok once the set is known.
        /// </summary>
        public AtResult DetectCommandSet(ModuleInfo into)
        {
            lock (_engine.Gate)
            {
                ReadBaseVersion(into);
                Writer.Execute(AtCommands.Version);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    into.TencentAtVersion = TencentAtVersionLine();
                    into.TencentSdkVersion = LabelledValue(SdkVersionLabel);
                }
                CommandSet set = CommandSets.FromVersion(into.TencentAtVersion);
                if (set == CommandSet.Unknown)
                {
                    set = CommandSets.FromVersion(into.BuildVersion);
                }
                if (set == CommandSet.Unknown)
                {
                    result = Test(AtCommands.GwOnline);
                    if (result.IsOk)
                    {
                        set = CommandSet.V321;
                    }
                    else if (result.Status == AtStatus.Error || result.Status == AtStatus.CmeError)
                    {
                        set = CommandSet.V312;
                    }
                }
                into.CommandSet = set;
                lock (_state)
                {
                    _state.CommandSet = set;
                }
                return set == CommandSet.Unknown ? result : _engine.Conclude(AtStatus.Ok, 0);
            }
        }

        /// <summary>None when the module speaks V3.2.1; else why a V3.2.1 call is refused.</summary>
        private AtRefusal V321Refusal()
        {
            CommandSet set = _state.CommandSet;
            return set == CommandSet.V321 ? AtRefusal.None : set == CommandSet.Unknown ? AtRefusal.CommandSetUnknown : AtRefusal.NotInCommandSet;
        }

        private bool SpeaksV321
        {
            get { return _state.CommandSet == CommandSet.V321; }
        }

        // AT+TCVER: the text after the colon of the "Tencent Cloud IoT AT ... version:" line; null if none.
        private string TencentAtVersionLine()
        {
            AtResponse response = _engine.Response;
            byte[] buffer = response.Buffer;
            for (int line = 0; line < response.Count; line++)
            {
                int offset = response.Offset(line);
                int length = response.Length(line);
                if (!Ascii.StartsWith(buffer, offset, length, TencentAtLine))
                {
                    continue;
                }
                int colon = Ascii.IndexOf(buffer, offset, length, Ascii.Colon);
                if (colon < 0)
                {
                    continue;
                }
                int start = colon + 1;
                int end = offset + length;
                while (start < end && buffer[start] == Ascii.Space)
                {
                    start++;
                }
                while (end > start && buffer[end - 1] == Ascii.Space)
                {
                    end--;
                }
                return Utf8.Decode(buffer, start, end - start);
            }
            return null;
        }
    }
}
