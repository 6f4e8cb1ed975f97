using TcAtMcu.Commands;
using TcAtMcu.Engine;

namespace TcAtMcu.Module
{
    // The ESP-AT commands for the UART's speed and the module's power (NOTES.md, "speed and power").
    public sealed partial class TcModule
    {
        /// <summary>The ESP8266's UART: 110 baud to 40 times 115200.</summary>
        public const int BaudMin = 110;
        public const int BaudMax = 4608000;

        /// <summary>
        /// AT+UART_CUR=&lt;baud&gt;,8,1,0,&lt;flow&gt; : OK at the old rate, then the module listens at the new one until its next
        /// reboot (nothing is written to flash). flowControl: RTS and CTS both (3), else none (0). The caller switches its
        /// own side after the OK and confirms with a command at the new rate.
        /// </summary>
        public AtResult SetUartCurrent(int baud, bool flowControl)
        {
            Check.Range(BaudParameter, baud, BaudMin, BaudMax);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.UartCurrent).Number(baud).Number(8).Number(1).Number(0).Number(flowControl ? 3 : 0);
                return _engine.Execute(AtReply.Ok, LocalTimeoutMs);
            }
        }

        /// <summary>AT+SLEEP=&lt;0|1|2&gt; : none, light or modem sleep.</summary>
        public AtResult SetSleepMode(SleepMode mode)
        {
            Check.Range(ModeParameter, (int)mode, 0, 2);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.Sleep).Number((int)mode);
                return _engine.Execute(AtReply.Ok, LocalTimeoutMs);
            }
        }

        /// <summary>AT+SLEEP? : +SLEEP:&lt;mode&gt;</summary>
        public AtResult ReadSleepMode(out SleepMode mode)
        {
            mode = SleepMode.None;
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.Sleep, AtReply.Ok);
                int value;
                if (!result.IsOk)
                {
                    return result;
                }
                if (!_fields.Int(out value) || value < 0 || value > 2)
                {
                    return Malformed();
                }
                mode = (SleepMode)value;
                return result;
            }
        }

        /// <summary>
        /// AT+GSLP=&lt;ms&gt; : OK, then deep sleep. WiFi and MQTT are gone; the module wakes only through its RST (GPIO16
        /// wired to RST wakes it after ms; a reset line wakes it at any time) and boots with "ready" at its default rate.
        /// What the module held is forgotten on OK.
        /// </summary>
        public AtResult DeepSleep(int ms)
        {
            Check.Range(MsParameter, ms, 1, int.MaxValue);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.DeepSleep).Number(ms);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    ForgetModuleState();
                }
                return result;
            }
        }

        private static readonly string BaudParameter = "baud";
        private static readonly string ModeParameter = "mode";
        private static readonly string MsParameter = "ms";
    }
}
