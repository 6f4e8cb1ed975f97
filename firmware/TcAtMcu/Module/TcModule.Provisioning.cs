using TcAtMcu.Commands;
using TcAtMcu.Engine;

namespace TcAtMcu.Module
{
    // Spec 6.1 to 6.4: WiFi provisioning. The outcome comes minutes later as a SmartConfig or SoftAp report:
    // WIFI_CONNECT_SUCCESS, WIFI_CONNECT_FAILED,<err>,<sub>, or FAIL,202 after five idle minutes.
    public sealed partial class TcModule
    {
        /// <summary>AT+TCSTARTSMART : enter smart config (ESP-TOUCH with Tencent's app).</summary>
        public AtResult StartSmartConfig()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.StartSmart);
                AtResult result = Run(NeedsNoConnection | NotDuringOta, AtReply.OkThenResult, LocalTimeoutMs);
                _state.SmartConfigActive = result.IsOk;
                return result;
            }
        }

        /// <summary>AT+TCSTOPSMART</summary>
        public AtResult StopSmartConfig()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.StopSmart);
                AtResult result = Run(NeedsNoConnection | NotDuringOta, AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    _state.SmartConfigActive = false;
                }
                return result;
            }
        }

        /// <summary>
        /// AT+TCSAP="ssid","password" : enter soft AP provisioning; both at most 32 bytes. On a V3.2.1 module an empty
        /// password starts an open hotspot (AT+TCSAP="ssid") and a password is 8 to 32 bytes (its stricter check).
        /// </summary>
        public AtResult StartSoftAp(string ssid, string password)
        {
            return StartSoftAp(ssid, password, 0);
        }

        /// <summary>AT+TCSAP="ssid" : an open hotspot (V3.2.1).</summary>
        public AtResult StartSoftAp(string ssid)
        {
            return StartSoftAp(ssid, string.Empty, 0);
        }

        /// <summary>
        /// AT+TCSAP="ssid","password",channel (V3.2.1): the hotspot on channel 1 to 13; 0 leaves the module's
        /// choice (the channel is not sent). Its form is [,pwd,ch]: a channel needs a password.
        /// </summary>
        public AtResult StartSoftAp(string ssid, string password, int channel)
        {
            Check.Text(Param.Ssid, ssid, 1, TcLimits.SsidMax);
            Check.Text(Param.Password, password, 0, TcLimits.PasswordMax);
            if (channel != 0)
            {
                Check.Range(Param.Channel, channel, TcLimits.SoftApChannelMin, TcLimits.SoftApChannelMax);
                Check.Text(Param.Password, password, TcLimits.SoftApPasswordMin, TcLimits.PasswordMax);
            }
            lock (_engine.Gate)
            {
                bool v321 = SpeaksV321;
                if (v321 && password.Length > 0)
                {
                    Check.Text(Param.Password, password, TcLimits.SoftApPasswordMin, TcLimits.PasswordMax);
                }
                // V3.1.2 takes exactly ssid and password (an empty one as before); a channel needs V3.2.1.
                if (!v321 && channel != 0)
                {
                    return Refused(V321Refusal());
                }
                Writer.Set(AtCommands.SoftAp).Quoted(ssid);
                if (!v321 || password.Length > 0)
                {
                    Writer.Quoted(password);
                }
                if (channel != 0)
                {
                    Writer.Number(channel);
                }
                AtResult result = Run(NeedsNoConnection | NotDuringOta, AtReply.OkThenResult, LocalTimeoutMs);
                _state.SoftApActive = result.IsOk;
                return result;
            }
        }

        /// <summary>AT+TCSTOPSAP</summary>
        public AtResult StopSoftAp()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.StopSoftAp);
                AtResult result = Run(NeedsNoConnection | NotDuringOta, AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    _state.SoftApActive = false;
                }
                return result;
            }
        }
    }
}
