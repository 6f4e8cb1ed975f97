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

        /// <summary>AT+TCSAP="ssid","password" : enter soft AP provisioning; both at most 32 bytes.</summary>
        public AtResult StartSoftAp(string ssid, string password)
        {
            Check.Text(Param.Ssid, ssid, 1, TcLimits.SsidMax);
            Check.Text(Param.Password, password, 0, TcLimits.PasswordMax);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.SoftAp).Quoted(ssid).Quoted(password);
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
