using TcAtMcu.Text;

namespace TcAtMcu.Matching
{
    /// <summary>
    /// The static match tables: final results, and unsolicited reports. Lines reach these tables with the
    /// framer's normalisation applied (no space after "+" or after the name's colon).
    /// </summary>
    public static class LineTable
    {
        // Final results, in match order. Exact entries must equal the whole line; the others are prefixes.
        private static readonly byte[][] FinalText =
        {
            Ascii.Bytes("OK"),
            Ascii.Bytes("ERROR"),
            Ascii.Bytes("+CME ERROR:"),
            Ascii.Bytes("+CME ERR:"),
            Ascii.Bytes("busy "),
            Ascii.Bytes("ERR CODE:"),
            Ascii.Bytes("FAIL"),
        };

        private static readonly LineKind[] FinalKind =
        {
            LineKind.Ok, LineKind.Error, LineKind.CmeError, LineKind.CmeError, LineKind.Busy, LineKind.ErrCode,
            LineKind.Error,
        };

        private static readonly bool[] FinalExact = { true, true, false, false, false, false, true };

        // Reports that are reports whatever is in flight.
        private static readonly byte[][] ReportText =
        {
            Ascii.Bytes("+TCMQTTDISCON,"),
            Ascii.Bytes("+TCMQTTRECONNECTING"),
            Ascii.Bytes("+TCMQTTRECONNECTED"),
            Ascii.Bytes("+TCOTASTATUS:"),
            Ascii.Bytes("+TCSTARTSMART:WIFI_CONNECT_"),
            Ascii.Bytes("+TCSAP:WIFI_CONNECT_"),
            Ascii.Bytes("ready"),
            Ascii.Bytes("WIFI CONNECTED"),
            Ascii.Bytes("WIFI GOT IP"),
            Ascii.Bytes("WIFI DISCONNECT"),
        };

        private static readonly ReportKind[] ReportKinds =
        {
            ReportKind.Disconnected, ReportKind.Reconnecting, ReportKind.Reconnected, ReportKind.OtaStatus,
            ReportKind.SmartConfig, ReportKind.SoftAp, ReportKind.ModuleReady, ReportKind.WifiConnected,
            ReportKind.WifiGotIp, ReportKind.WifiDisconnected,
        };

        // Provisioning result lines that are reports only when their command is not the one in flight:
        // "+TCSTARTSMART:FAIL,202" comes five minutes after the command finished.
        private static readonly byte[] SmartConfigFail = Ascii.Bytes("+TCSTARTSMART:FAIL");
        private static readonly byte[] SoftApFail = Ascii.Bytes("+TCSAP:FAIL");

        private static readonly byte[][] StatusText =
        {
            Ascii.Bytes("ENTERUPDATE"),
            Ascii.Bytes("UPDATESUCCESS"),
            Ascii.Bytes("UPDATEFAIL"),
            Ascii.Bytes("UPDATERESET"),
            Ascii.Bytes("WIFI_CONNECT_SUCCESS"),
            Ascii.Bytes("WIFI_CONNECT_FAILED"),
            Ascii.Bytes("FAIL"),
        };

        private static readonly ReportStatus[] StatusKind =
        {
            ReportStatus.OtaEnterUpdate, ReportStatus.OtaUpdateSuccess, ReportStatus.OtaUpdateFail,
            ReportStatus.OtaUpdateReset, ReportStatus.WifiConnectSuccess, ReportStatus.WifiConnectFailed,
            ReportStatus.ProvisioningFail,
        };

        /// <summary>Matches the final-result table. code gets the CME number, or the ERR CODE value.</summary>
        public static LineKind ClassifyFinal(byte[] line, int offset, int count, out int code)
        {
            code = 0;
            for (int i = 0; i < FinalText.Length; i++)
            {
                byte[] text = FinalText[i];
                bool hit = FinalExact[i] ? Ascii.Equals(line, offset, count, text) : Ascii.StartsWith(line, offset, count, text);
                if (!hit)
                {
                    continue;
                }
                LineKind kind = FinalKind[i];
                int end = offset + count;
                if (kind == LineKind.CmeError)
                {
                    if (Ascii.ParseInt(line, offset + text.Length, end, out code) < 0)
                    {
                        code = 0;
                    }
                }
                else if (kind == LineKind.ErrCode)
                {
                    uint value;
                    code = Ascii.ParseHex(line, offset + text.Length, end, out value) < 0 ? 0 : (int)value;
                }
                return kind;
            }
            return LineKind.Other;
        }

        /// <summary>The ERR CODE the module prints before "busy p..." (spec 1.3).</summary>
        public static bool IsBusyErrCode(int code)
        {
            return code == 0x010b0000;
        }

        /// <summary>
        /// Matches the report table and fills the report's kind, status and codes. commandInFlight names the
        /// result prefix of the command in flight, whose own result lines are not reports.
        /// </summary>
        public static bool MatchReport(byte[] line, int offset, int count, byte[] commandInFlight, Report report)
        {
            for (int i = 0; i < ReportText.Length; i++)
            {
                byte[] text = ReportText[i];
                if (!Ascii.StartsWith(line, offset, count, text))
                {
                    continue;
                }
                ReportKind kind = ReportKinds[i];
                report.Clear(kind);
                int end = offset + count;
                if (kind == ReportKind.Disconnected)
                {
                    int code;
                    report.Code = Ascii.ParseInt(line, offset + text.Length, end, out code) < 0 ? 0 : code;
                }
                else if (kind == ReportKind.OtaStatus)
                {
                    ParseStatus(line, offset + text.Length, end, report);
                }
                else if (kind == ReportKind.SmartConfig || kind == ReportKind.SoftAp)
                {
                    ParseStatus(line, AfterColon(line, offset, count), end, report);
                }
                return true;
            }
            if (MatchLateFail(line, offset, count, SmartConfigFail, commandInFlight))
            {
                report.Clear(ReportKind.SmartConfig);
                ParseStatus(line, AfterColon(line, offset, count), offset + count, report);
                return true;
            }
            if (MatchLateFail(line, offset, count, SoftApFail, commandInFlight))
            {
                report.Clear(ReportKind.SoftAp);
                ParseStatus(line, AfterColon(line, offset, count), offset + count, report);
                return true;
            }
            return false;
        }

        private static bool MatchLateFail(byte[] line, int offset, int count, byte[] text, byte[] commandInFlight)
        {
            if (!Ascii.StartsWith(line, offset, count, text))
            {
                return false;
            }
            // "+TCSAP:FAIL" vs in-flight result prefix "+TCSAP:": compare the name part.
            return commandInFlight == null || !Ascii.StartsWith(text, 0, text.Length, commandInFlight);
        }

        private static int AfterColon(byte[] line, int offset, int count)
        {
            return Ascii.IndexOf(line, offset, count, Ascii.Colon) + 1;
        }

        // <WORD>[,<code>[,<sub>]]
        private static void ParseStatus(byte[] line, int index, int end, Report report)
        {
            report.Status = ReportStatus.Unknown;
            for (int i = 0; i < StatusText.Length; i++)
            {
                byte[] word = StatusText[i];
                int n = end - index;
                if (!Ascii.StartsWith(line, index, n, word))
                {
                    continue;
                }
                int after = index + word.Length;
                if (after < end && line[after] != Ascii.Comma)
                {
                    continue; // a longer word that only starts like this one
                }
                report.Status = StatusKind[i];
                int code;
                if (after < end)
                {
                    int next = Ascii.ParseInt(line, after + 1, end, out code);
                    if (next > 0)
                    {
                        report.Code = code;
                        if (next < end && line[next] == Ascii.Comma && Ascii.ParseInt(line, next + 1, end, out code) > 0)
                        {
                            report.SubCode = code;
                        }
                    }
                }
                return;
            }
        }
    }
}
