using nanoFramework.TestFramework;
using TcAtMcu.Matching;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Engine
{
    /// <summary>Each report is one row: its text is matched to its kind, its fields read by its form, its name logged from the row.</summary>
    [TestClass]
    public class ReportTableTests
    {
        [TestMethod]
        public void EveryRowIsMatchedByItsTextAndNamedByIt()
        {
            ReportRow[] rows = ReportTable.Reports;
            Report report = new Report();
            for (int i = 0; i < rows.Length; i++)
            {
                ReportRow row = rows[i];
                Assert.AreEqual(row.Name, ReportNames.Of(row.Kind), "the kind's name is its row's");
                byte[] line = row.Text;
                bool matched = LineTable.MatchReport(line, 0, line.Length, null, report);
                if (row.Form == ReportForm.Message)
                {
                    Assert.IsFalse(matched, "a message is framed, never a line");
                    continue;
                }
                Assert.IsTrue(matched, Bytes.Text(line, 0, line.Length));
                Assert.AreEqual((int)row.Kind, (int)report.Kind, Bytes.Text(line, 0, line.Length));
            }
        }

        [TestMethod]
        [DataRow("+TCMQTTDISCON,-103", "TCMQTTDISCON code=-103")]
        [DataRow("+TCOTASTATUS:UPDATEFAIL,-4", "TCOTASTATUS UPDATEFAIL code=-4")]
        [DataRow("+TCSAP:WIFI_CONNECT_FAILED,-2,5", "TCSAP WIFI_CONNECT_FAILED code=-2 sub=5")]
        [DataRow("+TCSTARTSMART:FAIL,202", "TCSTARTSMART FAIL code=202")]
        [DataRow("+TCOTASTATUS:UPDATESUCCESSX", "TCOTASTATUS unknown")]
        public void FieldsAreReadByTheRowsForm(string line, string expected)
        {
            Report report = new Report();
            byte[] bytes = Bytes.Of(line);
            Assert.IsTrue(LineTable.MatchReport(bytes, 0, bytes.Length, null, report), line);
            string seen = ReportNames.Of(report.Kind);
            if (report.Status != ReportStatus.None)
            {
                seen += " " + ReportNames.Of(report.Status);
            }
            if (report.Code != 0)
            {
                seen += " code=" + report.Code;
            }
            if (report.SubCode != 0)
            {
                seen += " sub=" + report.SubCode;
            }
            Assert.AreEqual(expected, seen);
        }

        [TestMethod]
        public void AProvisioningFailIsItsCommandsResultWhileThatCommandIsInFlight()
        {
            Report report = new Report();
            byte[] line = Bytes.Of("+TCSAP:FAIL,202");
            Assert.IsFalse(LineTable.MatchReport(line, 0, line.Length, Bytes.Of("+TCSAP:"), report), "in flight");
            Assert.IsTrue(LineTable.MatchReport(line, 0, line.Length, Bytes.Of("+TCMQTTPUB:"), report), "another command in flight");
            Assert.AreEqual((int)ReportKind.SoftAp, (int)report.Kind);
        }
    }
}
