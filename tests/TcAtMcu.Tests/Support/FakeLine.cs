using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Link;

namespace TcAtMcu.Tests.Support
{
    /// <summary>The MCU's side of the UART's rate, recorded; and the negotiation outcomes told to the state log.</summary>
    public sealed class FakeLine : ILineSpeed, IBaudObserver
    {
        private string _rates;
        private string _outcomes = "";

        public FakeLine(int baud)
        {
            BaudRate = baud;
            _rates = baud.ToString();
        }

        public int BaudRate { get; private set; }

        /// <summary>Every rate the line was set to, from the first: "115200 921600 115200".</summary>
        public string Rates { get { return _rates; } }

        /// <summary>Each outcome told: "Negotiated@921600 Refused@115200".</summary>
        public string Outcomes { get { return _outcomes; } }

        public int LastResultCode { get; private set; }

        public void SetBaudRate(int baud)
        {
            BaudRate = baud;
            _rates = _rates + " " + baud;
        }

        public void OnBaudRate(int baud, int requested, BaudOutcome outcome, AtResult result)
        {
            _outcomes = (_outcomes.Length == 0 ? "" : _outcomes + " ") + Name(outcome) + "@" + baud;
            LastResultCode = result == null ? 0 : result.Code;
        }

        private static string Name(BaudOutcome outcome)
        {
            switch (outcome)
            {
                case BaudOutcome.Default: return "Default";
                case BaudOutcome.Negotiated: return "Negotiated";
                case BaudOutcome.Refused: return "Refused";
                case BaudOutcome.NoAnswerAtRate: return "NoAnswerAtRate";
                case BaudOutcome.GivenUp: return "GivenUp";
                default: return "Lost";
            }
        }
    }
}
