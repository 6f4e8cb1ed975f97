using TcAtMcu.Engine;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Services;
using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// The data template's flows on IoT Explorer's $thing topics, for one product's <see cref="Template"/>, as a
    /// service behind the <see cref="CloudRouter"/>:
    /// - online: report_info (once per start), get_status; its reply brings a full report, with the desired state
    ///   it carries ("control") applied like a control first, then cleared with clear_control; no reply within
    ///   <see cref="StatusReplyWaitMs"/>: the report goes out in full anyway;
    /// - control: every parameter is checked first; all valid: applied, control_reply code 0, the changes
    ///   reported, then the product told (<see cref="IThingHandler.OnControl"/>); any invalid: nothing applied,
    ///   control_reply code 406 with the reason;
    /// - report: every <see cref="ReportPeriodMs"/> the properties that changed (all of them after
    ///   <see cref="RequestFullReport"/>); a report the module did not take stays due and is tried again after
    ///   <see cref="RetryMs"/>;
    /// - events: <see cref="PostEvent"/>, the event_reply matched by clientToken, no reply within
    ///   <see cref="EventReplyTimeoutMs"/> reported as <see cref="ThingCodes.NoReply"/> (a bounded table); several in
    ///   one events_post with <see cref="QueueEvent"/> and <see cref="SendEvents"/>;
    /// - actions: inputs checked, the product's handler called, action_reply with its code and typed outputs.
    /// Everything runs on the application's thread; nothing here allocates per message.
    /// </summary>
    public sealed partial class ThingClient : ICloudService
    {
        /// <summary>Longest clientToken kept for a reply; a longer one is not answered (nothing could match it).</summary>
        public const int MaxClientToken = CloudEnvelope.MaxClientToken;

        /// <summary>Events awaiting their reply at once.</summary>
        public const int EventSlots = 4;

        private const int MethodControl = 1;
        private const int MethodGetStatusReply = 2;
        private const int MethodReportReply = 3;
        private const int MethodReportInfoReply = 4;
        private const int MethodClearControlReply = 5;
        private const int MethodEventReply = 6;
        private const int MethodAction = 7;

        // The envelope's members this service reads, by index.
        private const int MemberParams = 0;
        private const int MemberData = 1;
        private const int MemberActionId = 2;

        private static readonly byte[] KeyMethod = CloudEnvelope.KeyMethod;
        private static readonly byte[] KeyParams = Ascii.Bytes("params");
        private static readonly byte[] KeyCode = CloudEnvelope.KeyCode;
        private static readonly byte[] KeyStatus = Ascii.Bytes("status");
        private static readonly byte[] KeyControl = Ascii.Bytes("control");
        private static readonly byte[] KeyEventId = Ascii.Bytes("eventId");
        private static readonly byte[] KeyType = Ascii.Bytes("type");
        private static readonly byte[] KeyTimestamp = Ascii.Bytes("timestamp");
        private static readonly byte[] KeyResponse = Ascii.Bytes("response");
        private static readonly byte[] KeyHardware = Ascii.Bytes("module_hardinfo");
        private static readonly byte[] KeyFirmware = Ascii.Bytes("fw_ver");

        private static readonly byte[][] Methods =
        {
            Ascii.Bytes("control"), Ascii.Bytes("get_status_reply"), Ascii.Bytes("report_reply"),
            Ascii.Bytes("report_info_reply"), Ascii.Bytes("clear_control_reply"), Ascii.Bytes("event_reply"),
            Ascii.Bytes("action")
        };

        private static readonly byte[][] Members = { KeyParams, Ascii.Bytes("data"), Ascii.Bytes("actionId") };

        private static readonly byte[] Report = Ascii.Bytes("report");
        private static readonly byte[] GetStatus = Ascii.Bytes("get_status");
        private static readonly byte[] ReportInfoMethod = Ascii.Bytes("report_info");
        private static readonly byte[] ClearControl = Ascii.Bytes("clear_control");
        private static readonly byte[] ControlReply = Ascii.Bytes("control_reply");
        private static readonly byte[] ActionReply = Ascii.Bytes("action_reply");
        private static readonly byte[] EventPost = Ascii.Bytes("event_post");
        private static readonly byte[] UnknownAction = Ascii.Bytes("unknown action");

        private readonly Template _template;
        private readonly IThingHandler _handler;
        private readonly IClock _clock;
        private readonly byte[] _hardware;
        private readonly JsonReader _reader = new JsonReader();
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly CloudEnvelope _envelope = new CloudEnvelope(CloudEnvelope.KeyMethod, Methods, Members);
        private readonly PendingReplies _events = new PendingReplies(EventSlots);
        private readonly byte[] _out;
        private readonly byte[] _status = new byte[96];

        private CloudRouter _router;
        private CloudTopic _upProperty;
        private CloudTopic _upEvent;
        private CloudTopic _upAction;
        private CloudTopic _downProperty;
        private CloudTopic _downEvent;
        private CloudTopic _downAction;

        private int _statusToken;
        private long _onlineAt;
        private long _reportDueAt = long.MaxValue;
        private bool _infoReported;
        private bool _fullReport;
        private bool _lastReportFailed;

        /// <param name="template">The product's template (generated code).</param>
        /// <param name="handler">The product's logic.</param>
        /// <param name="clock">Time for the period, event replies and the wait for get_status.</param>
        /// <param name="hardware">report_info's module_hardinfo, e.g. "ESP8266".</param>
        /// <param name="outputCapacity">Size of the one buffer reports, replies and events are written into.</param>
        public ThingClient(Template template, IThingHandler handler, IClock clock, string hardware, int outputCapacity)
        {
            _template = template;
            _handler = handler;
            _clock = clock;
            _hardware = Ascii.Bytes(hardware);
            _out = new byte[outputCapacity];
            EventReplyTimeoutMs = 10000;
            StatusReplyWaitMs = 5000;
            ReportPeriodMs = 60000;
            RetryMs = 5000;
        }

        public Template Template { get { return _template; } }

        /// <summary>The $thing topics, made by the router's <see cref="DeviceTopics"/> when the service was added.</summary>
        public CloudTopic DownProperty { get { return _downProperty; } }
        public CloudTopic DownEvent { get { return _downEvent; } }
        public CloudTopic DownAction { get { return _downAction; } }
        public CloudTopic UpProperty { get { return _upProperty; } }

        public int EventReplyTimeoutMs { get; set; }

        /// <summary>The cloud's time (a <see cref="TimeService"/>'s clock) for events without their own timestamp; null: 0 (the cloud stamps them).</summary>
        public CloudClock Time { get; set; }

        /// <summary>What report_info tells the console about the device (module, MAC, labels); fw_ver is the router's version.</summary>
        public ReportInfo Info { get; set; }

        /// <summary>How long the report waits for the reply to get_status after a connection.</summary>
        public int StatusReplyWaitMs { get; set; }

        /// <summary>The period of the property report (only what changed).</summary>
        public int ReportPeriodMs { get; set; }

        /// <summary>A report the module did not take is tried again this soon (or at the period, if sooner).</summary>
        public int RetryMs { get; set; }

        /// <summary>Controls applied / refused (code 406) / actions answered / messages ignored as malformed or unknown.</summary>
        public int ControlsApplied { get; private set; }
        public int ControlsRefused { get; private set; }
        public int ActionsAnswered { get; private set; }
        public int MessagesIgnored { get; private set; }

        /// <summary>Reports the module accepted (periodic and immediate).</summary>
        public int Reports { get; private set; }

        /// <summary>The code of the last report_reply (406: the cloud refused a reported value).</summary>
        public int LastReportCode { get; private set; }

        /// <summary>Publishes that the module did not accept (a reply or event lost to a dead link).</summary>
        public int PublishFailures { get; private set; }

        public void Attach(CloudRouter router)
        {
            _router = router;
            DeviceTopics topics = router.Topics;
            _downProperty = router.Subscribe(topics.Of("$thing/down/property"));
            _downEvent = router.Subscribe(topics.Of("$thing/down/event"));
            _downAction = router.Subscribe(topics.Of("$thing/down/action"));
            _upProperty = router.Publishes(topics.Of("$thing/up/property"));
            _upEvent = router.Publishes(topics.Of("$thing/up/event"));
            _upAction = router.Publishes(topics.Of("$thing/up/action"));
        }

        /// <summary>The next report carries every property.</summary>
        public void RequestFullReport()
        {
            _fullReport = true;
        }

        /// <summary>The device is online (after each connection): report_info once, then get_status.</summary>
        public void OnOnline(long nowMs)
        {
            _fullReport = true;
            _onlineAt = nowMs;
            if (!_infoReported)
            {
                Begin(ReportInfoMethod, _router.NewToken());
                _writer.Key(KeyParams);
                _writer.BeginObject();
                if (Info != null)
                {
                    Info.Write(_writer, _router.Version);
                }
                else
                {
                    _writer.Key(KeyHardware);
                    _writer.String(_hardware, 0, _hardware.Length);
                    _writer.Key(KeyFirmware);
                    byte[] version = _router.Version.Bytes;
                    _writer.String(version, 0, version.Length);
                }
                _writer.EndObject();
                _infoReported = Send(_upProperty);
            }
            _statusToken = _router.NewToken();
            Begin(GetStatus, _statusToken);
            Send(_upProperty);
            // The reply to get_status brings the full report; without one, it goes out when the wait is over.
            _reportDueAt = nowMs + StatusReplyWaitMs;
        }

        public long DueAtMs
        {
            get
            {
                long events = _events.NextDeadline;
                return events < _reportDueAt ? events : _reportDueAt;
            }
        }

        public void OnDue(long nowMs)
        {
            ExpireEvents();
            if (nowMs >= _reportDueAt)
            {
                bool sent = ReportPeriod();
                _reportDueAt = nowMs + (sent || RetryMs > ReportPeriodMs ? ReportPeriodMs : RetryMs);
            }
        }

        /// <summary>
        /// What the period does: overdue event replies are reported, the changed properties (all, after a request)
        /// published; nothing while the reply to get_status is awaited. False when a report was due and not sent.
        /// </summary>
        public bool ReportPeriod()
        {
            ExpireEvents();
            if (_statusToken != 0 && _clock.NowMs - _onlineAt < StatusReplyWaitMs)
            {
                return true; // the reply to get_status brings the full report with the desired state applied
            }
            return ReportChanges() || !_lastReportFailed;
        }

        /// <summary>Publishes a report of the changed properties now; false if none changed or it was not sent (then they all stay due).</summary>
        public bool ReportChanges()
        {
            _lastReportFailed = false;
            int length = WriteReport(_out, _out.Length);
            if (length == 0)
            {
                return false;
            }
            if (!Publish(_upProperty, length))
            {
                // Not sent: every property stays due, the next report carries them all.
                _template.MarkAllChanged();
                _fullReport = true;
                _lastReportFailed = true;
                return false;
            }
            _fullReport = false;
            Reports++;
            return true;
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            OnMessage(topic, report.Buffer, report.PayloadOffset, report.PayloadLength);
        }

        /// <summary>A message received on one of the $thing/down topics.</summary>
        public void OnMessage(CloudTopic topic, byte[] buffer, int payloadOffset, int payloadLength)
        {
            ExpireEvents();
            bool property = topic == _downProperty;
            bool eventTopic = topic == _downEvent;
            bool action = topic == _downAction;
            if (!property && !eventTopic && !action)
            {
                return;
            }
            CloudEnvelope e = _envelope;
            if (!e.Parse(buffer, payloadOffset, payloadLength) || e.Method == 0 || !e.HasToken
                || !Valid(MemberParams, JsonToken.ObjectStart) || !Valid(MemberData, JsonToken.ObjectStart)
                || !Valid(MemberActionId, JsonToken.String))
            {
                MessagesIgnored++;
                return;
            }
            switch (e.Method)
            {
                case MethodControl:
                    if (property) { OnControl(buffer); return; }
                    break;
                case MethodGetStatusReply:
                    if (property) { OnStatus(buffer); return; }
                    break;
                case MethodReportReply:
                    if (property) { LastReportCode = e.CodeOr406; return; }
                    break;
                case MethodReportInfoReply:
                case MethodClearControlReply:
                    if (property) { return; }
                    break;
                case MethodEventReply:
                    if (eventTopic) { OnEventReply(); return; }
                    break;
                case MethodAction:
                    if (action) { OnAction(buffer); return; }
                    break;
            }
            MessagesIgnored++;
        }

        /// <summary>
        /// Posts an event with its parameters' current values, on the application's thread (from a handler or the
        /// period). False when it was not sent: EventSlots events
        /// still await their reply, it does not fit the output buffer, or the module refused it.
        /// </summary>
        public bool PostEvent(TemplateEvent templateEvent)
        {
            ExpireEvents();
            if (!_events.HasRoom)
            {
                return false;
            }
            int token = _router.NewToken();
            Begin(EventPost, token);
            _writer.Member(KeyEventId, templateEvent.Id);
            _writer.Member(KeyType, templateEvent.Type);
            _writer.Key(KeyTimestamp);
            _writer.Number(Timestamp(templateEvent));
            _writer.Key(KeyParams);
            _writer.BeginObject();
            TemplateValue.WriteMembers(_writer, templateEvent.Parameters, false);
            _writer.EndObject();
            if (!Send(_upEvent))
            {
                return false;
            }
            _events.Open(token, templateEvent, _clock.NowMs + EventReplyTimeoutMs);
            return true;
        }

        /// <summary>
        /// The event's own timestamp when the product set one, else the cloud's time now; 0 while the device has
        /// no time yet (IoT Explorer then stamps the event on arrival; never a date in 1970).
        /// </summary>
        private long Timestamp(TemplateEvent templateEvent)
        {
            if (templateEvent.TimestampMs != 0)
            {
                return templateEvent.TimestampMs;
            }
            return Time != null ? Time.NowUnixMs : 0;
        }

        /// <summary>Events sent whose reply has not come yet.</summary>
        public int EventsAwaitingReply { get { return _events.Count; } }

        private bool Valid(int member, JsonToken kind)
        {
            return !_envelope.Has(member) || _envelope.Kind(member) == kind;
        }

        private void OnControl(byte[] buffer)
        {
            if (!_envelope.Has(MemberParams))
            {
                MessagesIgnored++;
                return;
            }
            TemplateValue bad;
            byte[] reason = Apply(buffer, _envelope.Start(MemberParams), _envelope.End(MemberParams), out bad);
            WriteReply(ControlReply, reason == null ? ThingCodes.Success : ThingCodes.InvalidParameter, reason, bad);
            Send(_upProperty);
            if (reason == null)
            {
                ReportChanges();
                _handler.OnControl();
            }
        }

        private void OnStatus(byte[] buffer)
        {
            CloudEnvelope e = _envelope;
            // Only the reply to our own get_status counts: an old one must not apply an old desired state.
            if (_statusToken == 0 || !e.TokenIs(_statusToken) || (e.HasCode && e.Code != 0))
            {
                return;
            }
            int token = _statusToken;
            _statusToken = 0;
            int controlStart;
            int controlEnd;
            bool desired = FindMember(buffer, e.Has(MemberData) ? e.Start(MemberData) : -1, e.End(MemberData), KeyControl,
                out controlStart, out controlEnd);
            TemplateValue bad;
            bool applied = desired && Apply(buffer, controlStart, controlEnd, out bad) == null;
            // The full report that follows each connection, with the desired state in it.
            ReportChanges();
            _reportDueAt = _clock.NowMs + (_lastReportFailed ? RetryMs : ReportPeriodMs);
            if (applied)
            {
                _handler.OnControl();
            }
            if (desired)
            {
                // Applied or refused (it was the cloud's, not ours to fix), the desired state is consumed.
                Begin(ClearControl, token);
                Send(_upProperty);
            }
        }

        private void OnEventReply()
        {
            object answered = _events.Take(_envelope);
            if (answered != null)
            {
                Answer(answered, _envelope.CodeOr406);
            }
        }

        private void OnAction(byte[] buffer)
        {
            TemplateAction action = FindAction();
            byte[] reason = null;
            TemplateValue bad = null;
            int code = ThingCodes.InvalidParameter;
            if (action == null)
            {
                reason = UnknownAction;
            }
            else if (!_envelope.Has(MemberParams))
            {
                reason = TemplateValue.Missing;
            }
            else
            {
                reason = Apply(action.Inputs, buffer, _envelope.Start(MemberParams), _envelope.End(MemberParams), false, out bad);
                if (reason == null)
                {
                    for (int i = 0; i < action.Inputs.Length; i++)
                    {
                        if (!action.Inputs[i].Controlled)
                        {
                            bad = action.Inputs[i];
                            reason = TemplateValue.Missing;
                        }
                    }
                }
                if (reason == null)
                {
                    code = _handler.OnAction(action);
                }
            }
            WriteReply(ActionReply, code, reason, bad);
            if (reason == null)
            {
                _writer.Key(KeyResponse);
                _writer.BeginObject();
                TemplateValue.WriteMembers(_writer, action.Outputs, false);
                _writer.EndObject();
            }
            ActionsAnswered++;
            Send(_upAction);
        }

        private TemplateAction FindAction()
        {
            if (!_envelope.Has(MemberActionId))
            {
                return null;
            }
            TemplateAction[] actions = _template.Actions;
            for (int i = 0; i < actions.Length; i++)
            {
                if (_envelope.StringEquals(MemberActionId, actions[i].Id))
                {
                    return actions[i];
                }
            }
            return null;
        }

        private byte[] Apply(byte[] buffer, int start, int end, out TemplateValue bad)
        {
            byte[] reason = Apply(_template.Properties, buffer, start, end, true, out bad);
            if (reason == null)
            {
                ControlsApplied++;
            }
            else
            {
                ControlsRefused++;
            }
            return reason;
        }

        private byte[] Apply(TemplateValue[] members, byte[] buffer, int start, int end, bool requireWritable, out TemplateValue bad)
        {
            _reader.Reset(buffer, start, end - start);
            _reader.Next();
            byte[] reason = TemplateValue.StageObject(members, _reader, requireWritable, out bad);
            if (reason != null)
            {
                return reason;
            }
            TemplateValue.CommitAll(members);
            return null;
        }

        // {"method":"x_reply","clientToken":"<theirs>","code":<c> and, for a refusal, "status":"<id>: <reason>"; left open.
        private void WriteReply(byte[] method, int code, byte[] reason, TemplateValue bad)
        {
            _writer.Reset(_out, 0, _out.Length);
            _writer.BeginObject();
            _writer.Member(KeyMethod, method);
            _envelope.WriteToken(_writer);
            _writer.Key(KeyCode);
            _writer.Number(code);
            if (reason == null)
            {
                return;
            }
            int n = 0;
            if (bad != null && bad.Id.Length <= 64)
            {
                System.Array.Copy(bad.Id, 0, _status, 0, bad.Id.Length);
                n = bad.Id.Length;
                _status[n++] = Ascii.Colon;
                _status[n++] = Ascii.Space;
            }
            System.Array.Copy(reason, 0, _status, n, reason.Length);
            n += reason.Length;
            _writer.Key(KeyStatus);
            _writer.String(_status, 0, n);
        }

        // The changed flags are cleared as the members are written; a report that is then not sent marks them all again.
        private int WriteReport(byte[] buffer, int capacity)
        {
            bool full = _fullReport;
            TemplateValue[] properties = _template.Properties;
            bool any = false;
            for (int i = 0; i < properties.Length && !any; i++)
            {
                any = full || properties[i].Changed;
            }
            if (!any)
            {
                return 0;
            }
            _writer.Reset(buffer, 0, capacity);
            _writer.BeginObject();
            _writer.Member(KeyMethod, Report);
            _router.WriteToken(_writer, _router.NewToken());
            _writer.Key(KeyParams);
            _writer.BeginObject();
            TemplateValue.WriteMembers(_writer, properties, !full);
            _writer.EndObject();
            _writer.EndObject();
            if (_writer.Overflowed)
            {
                // Not sent: keep every property due so that nothing is silently lost.
                _template.MarkAllChanged();
                PublishFailures++;
                _lastReportFailed = true;
                return 0;
            }
            return _writer.Length;
        }

        // {"method":"<m>","clientToken":"tc-<n>" (or the get_status token for clear_control), left open.
        private void Begin(byte[] method, int token)
        {
            _router.Begin(_writer, _out, KeyMethod, method, token);
        }

        private bool Send(CloudTopic topic)
        {
            if (_router.Send(_writer, topic))
            {
                return true;
            }
            PublishFailures++;
            return false;
        }

        private bool Publish(CloudTopic topic, int length)
        {
            if (_router.Publish(topic, _out, 0, length))
            {
                return true;
            }
            PublishFailures++;
            return false;
        }

        private void ExpireEvents()
        {
            long now = _clock.NowMs;
            object expired;
            while ((expired = _events.TakeExpired(now)) != null)
            {
                Answer(expired, ThingCodes.NoReply);
            }
        }

        // Finds "key":{...} directly inside the object at buffer[start..end).
        private bool FindMember(byte[] buffer, int start, int end, byte[] key, out int memberStart, out int memberEnd)
        {
            memberStart = -1;
            memberEnd = -1;
            if (start < 0)
            {
                return false;
            }
            JsonReader r = _reader;
            r.Reset(buffer, start, end - start);
            r.Next();
            while (r.Next() == JsonToken.Key)
            {
                bool wanted = r.StringEquals(key);
                JsonToken value = r.Next();
                if (wanted && value == JsonToken.ObjectStart)
                {
                    memberStart = r.Start;
                    if (!r.SkipValue())
                    {
                        return false;
                    }
                    memberEnd = r.Position;
                    return true;
                }
                if (value == JsonToken.Error || !r.SkipValue())
                {
                    return false;
                }
            }
            return false;
        }
    }
}
