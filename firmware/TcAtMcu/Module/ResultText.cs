using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Errors;

namespace TcAtMcu.Module
{
    /// <summary>What an <see cref="AtResult"/> means, as a constant text for logs (nothing allocated).</summary>
    public static class ResultText
    {
        /// <param name="fromRegistration">The result of AT+TCDEVREG: its FAIL codes are registration codes.</param>
        /// <param name="fromProvisioning">The result of provisioning: its FAIL codes are provisioning codes.</param>
        public static string Describe(AtResult result, bool fromRegistration, bool fromProvisioning)
        {
            switch (result.Status)
            {
                case AtStatus.Ok: return "OK";
                case AtStatus.CmeError: return ErrorCatalog.Describe(ErrorDomain.Cme, result.Code);
                case AtStatus.Failed:
                    return result.Code == 0
                        ? "FAIL without a code"
                        : ErrorCatalog.Describe(ErrorCatalog.DomainOf(result.Code, fromRegistration, fromProvisioning), result.Code);
                case AtStatus.Error: return result.Code == 0x01090000 ? "ERROR: unknown command" : "ERROR: the module could not parse the command";
                case AtStatus.Busy: return "module busy through every retry";
                case AtStatus.Timeout: return "no answer in time";
                case AtStatus.BadData: return "malformed or oversized data from the module";
                case AtStatus.LinkFault: return "the UART failed";
                default: return Refusal((AtRefusal)result.Code);
            }
        }

        /// <summary>The same for AT+TCGWBIND and AT+TCGWONLINE, whose FAIL codes are gateway codes (V3.2.1 section 8.5).</summary>
        public static string DescribeGateway(AtResult result)
        {
            return result.Status == AtStatus.Failed && result.Code != 0
                ? ErrorCatalog.Describe(ErrorDomain.Gateway, result.Code)
                : Describe(result, false, false);
        }

        public static string Refusal(AtRefusal reason)
        {
            switch (reason)
            {
                case AtRefusal.CommandTooLong: return "refused: command over 256 bytes";
                case AtRefusal.LineBreakInString: return "refused: CR or LF in a string";
                case AtRefusal.NulInString: return "refused: NUL in a string";
                case AtRefusal.InvalidToken: return "refused: character that needs quoting";
                case AtRefusal.NotConnected: return "refused: MQTT not connected";
                case AtRefusal.Connected: return "refused: disconnect MQTT first";
                case AtRefusal.OtaInProgress: return "refused: OTA download in progress";
                case AtRefusal.TooManySubscriptions: return "refused: 10 subscriptions already";
                case AtRefusal.PayloadWouldBeAltered: return "refused: the module would alter this payload";
                case AtRefusal.NotInCommandSet: return "refused: not in this module's command set (V3.1.2); needs V3.2.1 (firmware 2.x)";
                case AtRefusal.CommandSetUnknown: return "refused: needs V3.2.1 and the module's command set is not detected yet";
                default: return "refused";
            }
        }
    }
}
