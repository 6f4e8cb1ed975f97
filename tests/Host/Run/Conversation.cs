using System;
using TcAtMcu.Errors;

namespace TcAtMcu.Run
{
    /// <summary>
    /// Follows the AT conversation on a <see cref="WireTap"/> so the run can say, in one line and without --trace,
    /// why the application backed off (which command, what the module answered or that it stayed silent), and what
    /// the module reports about WiFi, its broker link and OTA downloads.
    /// </summary>
    public sealed class Conversation
    {
        private readonly object _sync = new object();
        private string _command;
        private string _failure;
        private int _timeoutsAtCommand;

        public Conversation(WireTap tap)
        {
            tap.Sent += OnSent;
            tap.Received += OnReceived;
        }

        /// <summary>The engine's timeout count, to tell a silent module from one that answered.</summary>
        public Func<int> Timeouts { get; set; } = () => 0;

        /// <summary>"connected", "connected, got an IP address", "disconnected": the module's WIFI lines.</summary>
        public event Action<string> Wifi;

        /// <summary>+TCMQTTDISCON / RECONNECTING / RECONNECTED lines, as the module sent them.</summary>
        public event Action<string> MqttLink;

        /// <summary>+TCOTASTATUS: the state and, for UPDATEFAIL, a description of its code.</summary>
        public event Action<string, string> OtaStatus;

        /// <summary>Why the last step failed, in words, or null when nothing in the conversation says.</summary>
        public string LastFailure()
        {
            lock (_sync)
            {
                if (_command == null)
                {
                    return "the module has not been sent a command yet";
                }
                if (_failure != null)
                {
                    return $"{_command} was answered {_failure}";
                }
                if (Timeouts() > _timeoutsAtCommand)
                {
                    return $"the module did not answer {_command} in time";
                }
                return null;
            }
        }

        private void OnSent(string line)
        {
            if (!line.StartsWith("AT", StringComparison.Ordinal))
            {
                return; // a payload after the prompt
            }
            int end = line.IndexOf('=');
            lock (_sync)
            {
                _command = end < 0 ? line : line.Substring(0, end);
                _failure = null;
                _timeoutsAtCommand = Timeouts();
            }
        }

        private void OnReceived(string line)
        {
            if (line.StartsWith("WIFI ", StringComparison.Ordinal))
            {
                string state = line.Substring(5);
                Wifi?.Invoke(state == "GOT IP" ? "connected, got an IP address" : state == "DISCONNECT" ? "disconnected" : state.ToLowerInvariant());
                return;
            }
            if (line.StartsWith("+TCMQTTDISCON", StringComparison.Ordinal) || line.StartsWith("+TCMQTTRECONNECT", StringComparison.Ordinal))
            {
                MqttLink?.Invoke(line + Described(line, ','));
                return;
            }
            if (line.StartsWith("+TCOTASTATUS:", StringComparison.Ordinal))
            {
                string status = line.Substring(13);
                OtaStatus?.Invoke(status.Split(',')[0], status.Contains(',') ? line + Described(line, ',') : line);
                return;
            }
            bool failed = line == "ERROR" || line.StartsWith("+CME ERROR", StringComparison.Ordinal) || line.StartsWith("ERR CODE", StringComparison.Ordinal)
                || line.Contains(":FAIL", StringComparison.Ordinal) || line.StartsWith("busy", StringComparison.Ordinal);
            if (failed)
            {
                lock (_sync)
                {
                    _failure = (line.Length > 80 ? line.Substring(0, 80) + "..." : line) + Described(line, line.StartsWith("+CME", StringComparison.Ordinal) ? ':' : ',');
                }
            }
        }

        // " (CME 208 state error or not ready)" for a line that ends in a known error code.
        private string Described(string line, char separator)
        {
            int at = line.LastIndexOf(separator);
            if (at < 0 || !int.TryParse(line.AsSpan(at + 1), out int code))
            {
                return "";
            }
            string command;
            lock (_sync)
            {
                command = _command ?? "";
            }
            ErrorDomain domain = ErrorCatalog.DomainOf(code, command.StartsWith("AT+TCDEVREG", StringComparison.Ordinal),
                command.StartsWith("AT+TCSTARTSMART", StringComparison.Ordinal) || command.StartsWith("AT+TCSAP", StringComparison.Ordinal));
            string text = ErrorCatalog.Describe(domain, code);
            return text == ErrorCatalog.Unknown ? "" : " (" + text + ")";
        }
    }
}
