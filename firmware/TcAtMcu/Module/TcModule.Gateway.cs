using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    // V3.2.1 chapter 7: the module as a gateway binds sub-devices (AT+TCGWBIND) and takes them online and offline
    // (AT+TCGWONLINE). Both need the MQTT connection and block the module until the cloud answers on
    // $gateway/operation/result/<pid>/<dn> or its own wait (about 20 s) ends. Refused on a V3.1.2 module.
    public sealed partial class TcModule
    {
        /// <summary>The module waits up to 100 x 200 ms for the cloud's answer (the explorer SDK), and a bind asks the time first.</summary>
        public int GatewayTimeoutMs { get; set; } = 25000;

        private const int BindMode = 0;
        private const int UnbindMode = 1;
        private const int OnlineMode = 0;
        private const int OfflineMode = 1;

        /// <summary>
        /// AT+TCGWBIND=0,"pid","dn","secret" : binds the sub-device (key authentication only). A repeated bind is
        /// success; a FAIL carries a <see cref="Errors.GatewayError"/> (801 to 810).
        /// </summary>
        public AtResult BindSubDevice(string productId, string deviceName, string deviceSecret)
        {
            CheckSubDevice(productId, deviceName);
            Check.Text(Param.DeviceSecret, deviceSecret, 1, TcLimits.DeviceSecretMax);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.GwBind).Number(BindMode).Quoted(productId).Quoted(deviceName).Quoted(deviceSecret);
                return RunGateway();
            }
        }

        /// <summary>AT+TCGWBIND=1,"pid","dn" : unbinds it; unbinding one not bound is success.</summary>
        public AtResult UnbindSubDevice(string productId, string deviceName)
        {
            CheckSubDevice(productId, deviceName);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.GwBind).Number(UnbindMode).Quoted(productId).Quoted(deviceName);
                return RunGateway();
            }
        }

        /// <summary>AT+TCGWONLINE=0,"pid","dn" : takes the bound sub-device online (-1: not bound; -224: online already).</summary>
        public AtResult SubDeviceOnline(string productId, string deviceName)
        {
            CheckSubDevice(productId, deviceName);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.GwOnline).Number(OnlineMode).Quoted(productId).Quoted(deviceName);
                return RunGateway();
            }
        }

        /// <summary>AT+TCGWONLINE=1,"pid","dn" : takes it offline (-222: the module holds no session for it).</summary>
        public AtResult SubDeviceOffline(string productId, string deviceName)
        {
            CheckSubDevice(productId, deviceName);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.GwOnline).Number(OfflineMode).Quoted(productId).Quoted(deviceName);
                return RunGateway();
            }
        }

        /// <summary>
        /// AT+TCGWONLINE? : the sub-devices the module holds online, one line each: +TCGWONLINE:"pid,dn" (the 2.x
        /// firmware) or +TCGWONLINE:pid,dn and +TCGWONLINE:"pid","dn" (as the spec prints it).
        /// </summary>
        public AtResult ReadOnlineSubDevices(SubDeviceList into)
        {
            lock (_engine.Gate)
            {
                AtRefusal refusal = V321Refusal();
                if (refusal != AtRefusal.None)
                {
                    return Refused(refusal);
                }
                Writer.Read(AtCommands.GwOnline);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (!result.IsOk)
                {
                    return result;
                }
                into.Clear();
                AtResponse response = _engine.Response;
                int line = -1;
                while ((line = response.Find(AtCommands.GwOnline.ResultPrefix, line + 1)) >= 0)
                {
                    if (!AddSubDevice(response.Buffer, response.Offset(line) + AtCommands.GwOnline.ResultPrefix.Length,
                        response.Offset(line) + response.Length(line), into))
                    {
                        return Malformed();
                    }
                }
                return result;
            }
        }

        private AtResult RunGateway()
        {
            AtRefusal refusal = V321Refusal();
            if (refusal != AtRefusal.None)
            {
                return Refused(refusal);
            }
            AtResult result = Run(NeedsConnection, AtReply.OkThenResult, GatewayTimeoutMs);
            // The explorer SDK negates the cloud's bind codes; the spec names them positive.
            if (result.Status == AtStatus.Failed && result.Code <= -801 && result.Code >= -810)
            {
                return _engine.Conclude(AtStatus.Failed, -result.Code);
            }
            return result;
        }

        private static void CheckSubDevice(string productId, string deviceName)
        {
            Check.Text(Param.ProductId, productId, 1, TcLimits.ProductIdMax);
            Check.Text(Param.DeviceName, deviceName, 1, TcLimits.DeviceNameMax);
        }

        // pid and dn: quotes dropped, split at the first comma (neither can hold one), surrounding spaces trimmed.
        private static bool AddSubDevice(byte[] buffer, int start, int end, SubDeviceList into)
        {
            int comma = Ascii.IndexOf(buffer, start, end - start, Ascii.Comma);
            if (comma < 0)
            {
                return false;
            }
            string productId = Unquoted(buffer, start, comma);
            string deviceName = Unquoted(buffer, comma + 1, end);
            if (productId == null || deviceName == null)
            {
                return false;
            }
            into.Add(productId, deviceName);
            return true;
        }

        private static string Unquoted(byte[] buffer, int start, int end)
        {
            while (start < end && (buffer[start] == Ascii.Space || buffer[start] == Ascii.Quote))
            {
                start++;
            }
            while (end > start && (buffer[end - 1] == Ascii.Space || buffer[end - 1] == Ascii.Quote))
            {
                end--;
            }
            int n = end - start;
            return n < 1 || n > TcLimits.DeviceNameMax ? null : Utf8.Decode(buffer, start, n);
        }
    }
}
