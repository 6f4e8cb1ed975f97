namespace TcAtMcu.Matching
{
    /// <summary>Names of report kinds and states for logs (nanoFramework's enum ToString gives numbers), from <see cref="ReportTable"/>'s rows.</summary>
    public static class ReportNames
    {
        public static string Of(ReportKind kind)
        {
            ReportRow[] rows = ReportTable.Reports;
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows[i].Kind == kind)
                {
                    return rows[i].Name;
                }
            }
            return "none";
        }

        public static string Of(ReportStatus status)
        {
            if (status == ReportStatus.Unknown)
            {
                return "unknown";
            }
            StatusRow[] rows = ReportTable.Statuses;
            for (int i = 0; i < rows.Length; i++)
            {
                if (rows[i].Status == status)
                {
                    return rows[i].Name;
                }
            }
            return "";
        }
    }
}
