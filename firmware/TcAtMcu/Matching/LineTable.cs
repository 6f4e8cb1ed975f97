using TcAtMcu.Text;

namespace TcAtMcu.Matching
{
    /// <summary>
    /// Matches lines against <see cref="ReportTable"/>'s rows: final results, and unsolicited reports with their fields.
    /// </summary>
    public static class LineTable
    {
        /// <summary>Matches the final-result table. code gets the CME number, or the ERR CODE value.</summary>
        public static LineKind ClassifyFinal(byte[] line, int offset, int count, out int code)
        {
            code = 0;
            ResultRow[] rows = ReportTable.Results;
            for (int i = 0; i < rows.Length; i++)
            {
                ResultRow row = rows[i];
                byte[] text = row.Text;
                bool hit = row.Exact ? Ascii.Equals(line, offset, count, text) : Ascii.StartsWith(line, offset, count, text);
                if (!hit)
                {
                    continue;
                }
                LineKind kind = row.Kind;
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
            ReportRow[] rows = ReportTable.Reports;
            for (int i = 0; i < rows.Length; i++)
            {
                ReportRow row = rows[i];
                byte[] text = row.Text;
                if (row.Form == ReportForm.Message || !Ascii.StartsWith(line, offset, count, text))
                {
                    continue;
                }
                // "+TCSAP:FAIL" while AT+TCSAP (result prefix "+TCSAP:") is in flight is its result, not a report.
                if (row.UnlessInFlight && commandInFlight != null && Ascii.StartsWith(text, 0, text.Length, commandInFlight))
                {
                    continue;
                }
                report.Clear(row.Kind);
                int end = offset + count;
                switch (row.Form)
                {
                    case ReportForm.Code:
                        int code;
                        report.Code = Ascii.ParseInt(line, offset + text.Length, end, out code) < 0 ? 0 : code;
                        break;
                    case ReportForm.Status:
                        ParseStatus(line, offset + text.Length, end, report);
                        break;
                    case ReportForm.StatusAfterColon:
                        ParseStatus(line, AfterColon(line, offset, count), end, report);
                        break;
                }
                return true;
            }
            return false;
        }

        private static int AfterColon(byte[] line, int offset, int count)
        {
            return Ascii.IndexOf(line, offset, count, Ascii.Colon) + 1;
        }

        // <WORD>[,<code>[,<sub>]]
        private static void ParseStatus(byte[] line, int index, int end, Report report)
        {
            report.Status = ReportStatus.Unknown;
            StatusRow[] rows = ReportTable.Statuses;
            for (int i = 0; i < rows.Length; i++)
            {
                byte[] word = rows[i].Word;
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
                report.Status = rows[i].Status;
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
