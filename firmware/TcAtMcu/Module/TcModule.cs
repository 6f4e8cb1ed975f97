using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    /// <summary>
    /// The module's AT command set as typed calls. Each call checks its arguments against the spec's bounds
    /// (ArgumentException naming the parameter and bound) and the module's state (AtStatus.Refused with an
    /// <see cref="AtRefusal"/>) before a byte is sent, then runs one command on the engine.
    /// Calls are serialised on the engine's gate, so any thread, report handlers included, may make them.
    /// It follows the module's state from each report as the engine parses it (in stream order, whoever
    /// dispatches). Give it to <see cref="AtEngine.Start"/> (or to DispatchReports) to pass each report on to
    /// <see cref="Events"/>.
    /// </summary>
    public sealed partial class TcModule : IReportHandler, IReportObserver
    {
        /// <summary>Wait for commands the module answers at once.</summary>
        public int LocalTimeoutMs { get; set; } = 3000;

        /// <summary>Dynamic registration blocks the module for about 10 s.</summary>
        public int RegistrationTimeoutMs { get; set; } = 20000;

        /// <summary>Wait for one firmware chunk: 4 KB takes 0.36 s at 115200 baud, 4.3 s at 9600.</summary>
        public int FirmwareReadTimeoutMs { get; set; } = 6000;

        // State rules of the spec, combined per command.
        private const int NeedsConnection = 1;
        private const int NeedsNoConnection = 2;
        private const int NotDuringOta = 4;

        private static readonly byte[] AtProbe = Ascii.Bytes("AT");
        private static readonly byte[] AtEchoOff = Ascii.Bytes("ATE0");

        private readonly AtEngine _engine;
        private readonly FieldReader _fields = new FieldReader();
        private readonly ModuleState _state = new ModuleState();

        public TcModule(AtEngine engine)
        {
            _engine = engine;
            engine.Observer = this;
        }

        public AtEngine Engine { get { return _engine; } }
        public ModuleState State { get { return _state; } }

        /// <summary>Receives every report after the state has followed it; on the dispatching thread.</summary>
        public IReportHandler Events { get; set; }

        /// <summary>Added to the module's cmdtimeout when waiting for network commands: UART time and the module's task.</summary>
        public int NetworkMarginMs { get; set; } = 3000;

        /// <summary>Wait for network commands: the module's own cmdtimeout plus <see cref="NetworkMarginMs"/>.</summary>
        public int NetworkTimeoutMs
        {
            get { return _state.CommandTimeoutMs + NetworkMarginMs; }
        }

        /// <summary>"AT": is the module there and answering?</summary>
        public AtResult Probe()
        {
            lock (_engine.Gate)
            {
                _engine.Writer.Plain(AtProbe);
                return _engine.Execute(AtReply.Ok, LocalTimeoutMs);
            }
        }

        /// <summary>"ATE0": no echo of commands (the engine tolerates echo, but it costs UART time).</summary>
        public AtResult DisableEcho()
        {
            lock (_engine.Gate)
            {
                _engine.Writer.Plain(AtEchoOff);
                return _engine.Execute(AtReply.Ok, LocalTimeoutMs);
            }
        }

        /// <summary>The test form "AT+NAME=?" of any command; its lines are in Engine.Response.</summary>
        public AtResult Test(AtCommand command)
        {
            lock (_engine.Gate)
            {
                _engine.Writer.Test(command);
                return _engine.Execute(AtReply.Ok, LocalTimeoutMs);
            }
        }

        public void OnReport(Report report)
        {
            IReportHandler events = Events;
            if (events != null)
            {
                events.OnReport(report);
            }
        }

        /// <summary>Forget what the module held: after resetting or rebooting it.</summary>
        public void ForgetModuleState()
        {
            lock (_engine.Gate)
            {
                lock (_state)
                {
                    ForgetRam();
                }
                _engine.ResetReceiver();
            }
        }

        // What a reboot takes: the MQTT link, subscriptions, the OTA download, provisioning, the PUBRAW probe.
        private void ForgetRam()
        {
            _state.Connected = false;
            _state.Reconnecting = false;
            _state.OtaDownloading = false;
            _state.SmartConfigActive = false;
            _state.SoftApActive = false;
            _state.RawPublishProbed = false;
            _state.Subscriptions.SetAllInactive();
        }

        /// <summary>On the reader thread, as the report is parsed.</summary>
        public void Observe(Report report)
        {
            lock (_state)
            {
                Follow(report);
            }
        }

        /// <summary>A command's result changed the connection state: kept unless a report after that result changed it already.</summary>
        private void SetConnectedByResult(bool connected, bool endsReconnecting)
        {
            lock (_state)
            {
                int result = _engine.ResultSequence;
                if (_state.ConnectionSequence > result)
                {
                    return;
                }
                _state.ConnectionSequence = result;
                _state.Connected = connected;
                if (endsReconnecting)
                {
                    _state.Reconnecting = false;
                }
            }
        }

        private void Follow(Report report)
        {
            switch (report.Kind)
            {
                case ReportKind.Disconnected:
                    _state.ConnectionSequence = report.Sequence;
                    _state.Connected = false;
                    _state.LastDisconnectCode = report.Code;
                    // -106: the module gave up reconnecting; the MCU must connect and subscribe again.
                    if (report.Code == Errors.ServerError.MqttReconnectTimeout || !_state.AutoReconnect)
                    {
                        _state.Reconnecting = false;
                        _state.Subscriptions.SetAllInactive();
                    }
                    break;
                case ReportKind.Reconnecting:
                    _state.ConnectionSequence = report.Sequence;
                    _state.Connected = false;
                    _state.Reconnecting = true;
                    break;
                case ReportKind.Reconnected:
                    // The module restores its subscriptions itself (NOTES.md); VerifySubscriptions checks.
                    _state.ConnectionSequence = report.Sequence;
                    _state.Connected = true;
                    _state.Reconnecting = false;
                    break;
                case ReportKind.OtaStatus:
                    _state.OtaDownloading = report.Status == ReportStatus.OtaEnterUpdate;
                    break;
                case ReportKind.SmartConfig:
                    _state.SmartConfigActive = false;
                    break;
                case ReportKind.SoftAp:
                    _state.SoftApActive = false;
                    break;
                case ReportKind.ModuleReady:
                    _state.ConnectionSequence = report.Sequence;
                    _state.Reboots++;
                    ForgetRam();
                    break;
                case ReportKind.WifiGotIp:
                    _state.WifiConnected = true;
                    break;
                case ReportKind.WifiDisconnected:
                    _state.WifiConnected = false;
                    break;
            }
        }

        private AtCommandWriter Writer
        {
            get { return _engine.Writer; }
        }

        /// <summary>The refusal the spec's state rules give for this command now, or None.</summary>
        private AtRefusal StateRefusal(int rules)
        {
            if ((rules & NotDuringOta) != 0 && _state.OtaDownloading)
            {
                return AtRefusal.OtaInProgress;
            }
            if ((rules & NeedsConnection) != 0 && !_state.Connected)
            {
                return AtRefusal.NotConnected;
            }
            if ((rules & NeedsNoConnection) != 0 && _state.Connected)
            {
                return AtRefusal.Connected;
            }
            return AtRefusal.None;
        }

        private AtResult Refused(AtRefusal reason)
        {
            return _engine.Conclude(AtStatus.Refused, (int)reason);
        }

        /// <summary>Sends the command in the writer unless the spec's state rules refuse it now (then nothing is sent).</summary>
        private AtResult Run(int rules, AtReply reply, int timeoutMs)
        {
            AtRefusal refusal = StateRefusal(rules);
            return refusal != AtRefusal.None ? Refused(refusal) : _engine.Execute(reply, timeoutMs);
        }

        /// <summary>Runs the read form "AT+NAME?" and starts the field reader on its "+NAME:" line.</summary>
        private AtResult Query(AtCommand command, AtReply reply)
        {
            Writer.Read(command);
            AtResult result = _engine.Execute(reply, LocalTimeoutMs);
            return result.IsOk && ReadLine(command, 0) < 0 ? Malformed() : result;
        }

        private AtResult Malformed()
        {
            return _engine.Conclude(AtStatus.BadData, 0);
        }

        /// <summary>Starts the field reader on the first response line with the command's prefix from line 'from'; its index, or -1.</summary>
        private int ReadLine(AtCommand command, int from)
        {
            AtResponse response = _engine.Response;
            int line = response.Find(command.ResultPrefix, from);
            if (line >= 0)
            {
                _fields.Start(response.Buffer, response.Offset(line), response.Length(line), command.ResultPrefix.Length);
            }
            return line;
        }

        /// <summary>The text after "label" on the first response line starting with it, trimmed and unquoted; null if none.</summary>
        private string LabelledValue(byte[] label)
        {
            AtResponse response = _engine.Response;
            int line = response.Find(label, 0);
            if (line < 0)
            {
                return null;
            }
            int start = response.Offset(line) + label.Length;
            int end = response.Offset(line) + response.Length(line);
            while (start < end && response.Buffer[start] == Ascii.Space)
            {
                start++;
            }
            while (end > start && response.Buffer[end - 1] == Ascii.Space)
            {
                end--;
            }
            if (end - start >= 2 && response.Buffer[start] == Ascii.Quote && response.Buffer[end - 1] == Ascii.Quote)
            {
                start++;
                end--;
            }
            return Utf8.Decode(response.Buffer, start, end - start);
        }
    }
}
