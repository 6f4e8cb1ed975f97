using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// The data template's flows on IoT Explorer's $thing topics, for one product's <see cref="Template"/>:
    /// - online: report_info (once per start), get_status; its reply brings a full report, with the desired state
    ///   it carries ("control") applied like a control first, then cleared with clear_control; no reply within
    ///   <see cref="StatusReplyWaitMs"/>: the period reports in full anyway;
    /// - control: every parameter is checked first; all valid: applied, control_reply code 0, the changes
    ///   reported, then the product told (<see cref="IThingHandler.OnControl"/>); any invalid: nothing applied,
    ///   control_reply code 406 with the reason;
    /// - report: each period only the properties that changed (all of them after <see cref="RequestFullReport"/>);
    /// - events: <see cref="PostEvent"/>, the event_reply matched by clientToken, no reply within
    ///   <see cref="EventReplyTimeoutMs"/> reported as <see cref="ThingCodes.NoReply"/> (a bounded table);
    /// - actions: inputs checked, the product's handler called, action_reply with its code and typed outputs.
    /// Received messages and the period come from the application's thread (<see cref="IReportHandler"/>,
    /// <see cref="ITelemetry"/>, <see cref="IOnlineListener"/>); nothing here allocates per message.
    /// </summary>
    public sealed class ThingClient : IReportHandler, ITelemetry, IOnlineListener
    {
        /// <summary>Longest clientToken kept for a reply; a longer one is not answered (nothing could match it).</summary>
        public const int MaxClientToken = 64;

        /// <summary>Events awaiting their reply at once.</summary>
        public const int EventSlots = 4;

        private const int MethodUnknown = 0;
        private const int MethodControl = 1;
        private const int MethodGetStatusReply = 2;
        private const int MethodReportReply = 3;
        private const int MethodReportInfoReply = 4;
        private const int MethodClearControlReply = 5;
        private const int MethodEventReply = 6;
        private const int MethodAction = 7;

        private static readonly byte[] KeyMethod = Ascii.Bytes("method");
        private static readonly byte[] KeyClientToken = Ascii.Bytes("clientToken");
        private static readonly byte[] KeyParams = Ascii.Bytes("params");
        private static readonly byte[] KeyCode = Ascii.Bytes("code");
        private static readonly byte[] KeyStatus = Ascii.Bytes("status");
        private static readonly byte[] KeyData = Ascii.Bytes("data");
        private static readonly byte[] KeyControl = Ascii.Bytes("control");
        private static readonly byte[] KeyActionId = Ascii.Bytes("actionId");
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

        private static readonly byte[] Report = Ascii.Bytes("report");
        private static readonly byte[] GetStatus = Ascii.Bytes("get_status");
        private static readonly byte[] ReportInfo = Ascii.Bytes("report_info");
        private static readonly byte[] ClearControl = Ascii.Bytes("clear_control");
        private static readonly byte[] ControlReply = Ascii.Bytes("control_reply");
        private static readonly byte[] ActionReply = Ascii.Bytes("action_reply");
        private static readonly byte[] EventPost = Ascii.Bytes("event_post");
        private static readonly byte[] TokenPrefix = Ascii.Bytes("tc-");
        private static readonly byte[] UnknownAction = Ascii.Bytes("unknown action");

        private readonly Template _template;
        private readonly IThingHandler _handler;
        private readonly IThingPublisher _publisher;
        private readonly ThingTopics _topics;
        private readonly IClock _clock;
        private readonly byte[] _hardware;
        private readonly byte[] _firmware;
        private readonly JsonReader _reader = new JsonReader();
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly byte[] _out;
        private readonly byte[] _token = new byte[MaxClientToken];
        private readonly byte[] _ours = new byte[24];
        private readonly byte[] _status = new byte[96];
        private readonly int[] _eventToken = new int[EventSlots];
        private readonly TemplateEvent[] _eventOf = new TemplateEvent[EventSlots];
        private readonly long[] _eventSentAt = new long[EventSlots];

        // The envelope of the message being handled: slices of the received buffer.
        private int _method;
        private int _tokenLength;
        private bool _tokenEscaped;
        private long _code;
        private bool _hasCode;
        private int _paramsStart = -1;
        private int _paramsEnd;
        private int _dataStart = -1;
        private int _dataEnd;
        private int _actionIdStart;
        private int _actionIdLength;
        private bool _actionIdEscaped;

        private int _nextToken = 1;
        private int _statusToken;
        private long _onlineAt;
        private bool _infoReported;
        private bool _fullReport;

        /// <param name="template">The product's template (generated code).</param>
        /// <param name="handler">The product's logic.</param>
        /// <param name="publisher">Where replies, events and immediate reports go (a <see cref="ModulePublisher"/>).</param>
        /// <param name="hardware">report_info's module_hardinfo, e.g. "ESP8266".</param>
        /// <param name="firmwareVersion">report_info's fw_ver: the MCU firmware's version.</param>
        /// <param name="outputCapacity">Size of the one buffer replies and events are written into.</param>
        public ThingClient(Template template, IThingHandler handler, IThingPublisher publisher, ThingTopics topics,
            IClock clock, string hardware, string firmwareVersion, int outputCapacity)
        {
            _template = template;
            _handler = handler;
            _publisher = publisher;
            _topics = topics;
            _clock = clock;
            _hardware = Ascii.Bytes(hardware);
            _firmware = Ascii.Bytes(firmwareVersion);
            _out = new byte[outputCapacity];
            EventReplyTimeoutMs = 10000;
            StatusReplyWaitMs = 5000;
        }

        public Template Template { get { return _template; } }
        public ThingTopics Topics { get { return _topics; } }

        public int EventReplyTimeoutMs { get; set; }

        /// <summary>How long the period's report waits for the reply to get_status after a connection.</summary>
        public int StatusReplyWaitMs { get; set; }

        /// <summary>Controls applied / refused (code 406) / actions answered / messages ignored as malformed or unknown.</summary>
        public int ControlsApplied { get; private set; }
        public int ControlsRefused { get; private set; }
        public int ActionsAnswered { get; private set; }
        public int MessagesIgnored { get; private set; }

        /// <summary>The code of the last report_reply (406: the cloud refused a reported value).</summary>
        public int LastReportCode { get; private set; }

        /// <summary>Publishes that the module did not accept (a reply or event lost to a dead link).</summary>
        public int PublishFailures { get; private set; }

        /// <summary>The next report carries every property.</summary>
        public void RequestFullReport()
        {
            _fullReport = true;
        }

        /// <summary>Called when the device is online (after each connection): report_info once, then get_status.</summary>
        public void OnOnline()
        {
            _fullReport = true;
            _onlineAt = _clock.NowMs;
            if (!_infoReported)
            {
                Begin(ReportInfo, NewToken());
                _writer.Key(KeyParams);
                _writer.BeginObject();
                _writer.Key(KeyHardware);
                _writer.String(_hardware, 0, _hardware.Length);
                _writer.Key(KeyFirmware);
                _writer.String(_firmware, 0, _firmware.Length);
                _writer.EndObject();
                _infoReported = Send(ThingChannel.Property);
            }
            _statusToken = NewToken();
            Begin(GetStatus, _statusToken);
            Send(ThingChannel.Property);
        }

        /// <summary>
        /// The period: event replies overdue are reported; the changed properties (all, after a request) are
        /// written as a report into buffer. Returns its length, 0 when nothing changed.
        /// </summary>
        public int Compose(byte[] buffer, int capacity, int sequence, long uptimeMs)
        {
            ExpireEvents();
            if (_statusToken != 0 && _clock.NowMs - _onlineAt < StatusReplyWaitMs)
            {
                return 0; // the reply to get_status brings the full report with the desired state applied
            }
            return WriteReport(buffer, capacity);
        }

        /// <summary>Publishes a report of the changed properties now; false if none changed or it was not sent.</summary>
        public bool ReportChanges()
        {
            int length = WriteReport(_out, _out.Length);
            if (length == 0)
            {
                return false;
            }
            if (!Publish(ThingChannel.Property, length))
            {
                _template.MarkAllChanged();
                return false;
            }
            return true;
        }

        public void OnReport(Report report)
        {
            if (report.Kind == ReportKind.MessageReceived)
            {
                OnMessage(report.Buffer, report.TopicOffset, report.TopicLength, report.PayloadOffset, report.PayloadLength);
            }
        }

        /// <summary>A message received on a topic: handled when it is one of the device's $thing/down topics.</summary>
        public void OnMessage(byte[] buffer, int topicOffset, int topicLength, int payloadOffset, int payloadLength)
        {
            ExpireEvents();
            bool property = Ascii.Equals(buffer, topicOffset, topicLength, _topics.DownPropertyBytes);
            bool eventTopic = !property && Ascii.Equals(buffer, topicOffset, topicLength, _topics.DownEventBytes);
            bool action = !property && !eventTopic && Ascii.Equals(buffer, topicOffset, topicLength, _topics.DownActionBytes);
            if (!property && !eventTopic && !action)
            {
                return;
            }
            if (!ParseEnvelope(buffer, payloadOffset, payloadLength))
            {
                MessagesIgnored++;
                return;
            }
            switch (_method)
            {
                case MethodControl:
                    if (property) { OnControl(buffer); return; }
                    break;
                case MethodGetStatusReply:
                    if (property) { OnStatus(buffer); return; }
                    break;
                case MethodReportReply:
                    if (property) { LastReportCode = _hasCode ? (int)_code : ThingCodes.InvalidParameter; return; }
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
            int slot = -1;
            for (int i = 0; i < EventSlots; i++)
            {
                if (_eventToken[i] == 0)
                {
                    slot = i;
                    break;
                }
            }
            if (slot < 0)
            {
                return false;
            }
            int token = NewToken();
            Begin(EventPost, token);
            _writer.Member(KeyEventId, templateEvent.Id);
            _writer.Member(KeyType, templateEvent.Type);
            _writer.Key(KeyTimestamp);
            _writer.Number(templateEvent.TimestampMs);
            _writer.Key(KeyParams);
            _writer.BeginObject();
            TemplateValue.WriteMembers(_writer, templateEvent.Parameters, false);
            _writer.EndObject();
            if (!Send(ThingChannel.Event))
            {
                return false;
            }
            _eventToken[slot] = token;
            _eventOf[slot] = templateEvent;
            _eventSentAt[slot] = _clock.NowMs;
            return true;
        }

        /// <summary>Events sent whose reply has not come yet.</summary>
        public int EventsAwaitingReply
        {
            get
            {
                int n = 0;
                for (int i = 0; i < EventSlots; i++)
                {
                    if (_eventToken[i] != 0) n++;
                }
                return n;
            }
        }

        private void OnControl(byte[] buffer)
        {
            if (_paramsStart < 0)
            {
                MessagesIgnored++;
                return;
            }
            TemplateValue bad;
            byte[] reason = Apply(buffer, _paramsStart, _paramsEnd, out bad);
            WriteReply(ControlReply, reason == null ? ThingCodes.Success : ThingCodes.InvalidParameter, reason, bad);
            Send(ThingChannel.Property);
            if (reason == null)
            {
                ReportChanges();
                _handler.OnControl();
            }
        }

        private void OnStatus(byte[] buffer)
        {
            // Only the reply to our own get_status counts: an old one must not apply an old desired state.
            if (_statusToken == 0 || !TokenIs(_statusToken) || (_hasCode && _code != 0))
            {
                return;
            }
            int token = _statusToken;
            _statusToken = 0;
            int controlStart;
            int controlEnd;
            bool desired = FindMember(buffer, _dataStart, _dataEnd, KeyControl, out controlStart, out controlEnd);
            TemplateValue bad;
            bool applied = desired && Apply(buffer, controlStart, controlEnd, out bad) == null;
            // The full report that follows each connection, with the desired state in it.
            ReportChanges();
            if (applied)
            {
                _handler.OnControl();
            }
            if (desired)
            {
                // Applied or refused (it was the cloud's, not ours to fix), the desired state is consumed.
                Begin(ClearControl, token);
                Send(ThingChannel.Property);
            }
        }

        private void OnEventReply()
        {
            for (int i = 0; i < EventSlots; i++)
            {
                if (_eventToken[i] != 0 && TokenIs(_eventToken[i]))
                {
                    TemplateEvent answered = _eventOf[i];
                    _eventToken[i] = 0;
                    _eventOf[i] = null;
                    _handler.OnEventReply(answered, _hasCode ? (int)_code : ThingCodes.InvalidParameter);
                    return;
                }
            }
        }

        private void OnAction(byte[] buffer)
        {
            TemplateAction action = FindAction(buffer);
            byte[] reason = null;
            TemplateValue bad = null;
            int code = ThingCodes.InvalidParameter;
            if (action == null)
            {
                reason = UnknownAction;
            }
            else if (_paramsStart < 0)
            {
                reason = TemplateValue.Missing;
            }
            else
            {
                reason = Apply(action.Inputs, buffer, _paramsStart, _paramsEnd, false, out bad);
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
            Send(ThingChannel.Action);
        }

        private TemplateAction FindAction(byte[] buffer)
        {
            if (_actionIdLength == 0)
            {
                return null;
            }
            TemplateAction[] actions = _template.Actions;
            for (int i = 0; i < actions.Length; i++)
            {
                byte[] id = actions[i].Id;
                if (_reader.SliceEquals(buffer, _actionIdStart, _actionIdLength, _actionIdEscaped, id, 0, id.Length))
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
            BeginReply(method);
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

        private void BeginReply(byte[] method)
        {
            _writer.BeginObject();
            _writer.Member(KeyMethod, method);
            _writer.Key(KeyClientToken);
            _writer.RawString(_token, 0, _tokenLength);
        }

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
            WriteToken(NewToken());
            _writer.Key(KeyParams);
            _writer.BeginObject();
            TemplateValue.WriteMembers(_writer, properties, !full);
            _writer.EndObject();
            _writer.EndObject();
            if (_writer.Overflowed)
            {
                // Not sent: keep every property due so that nothing is silently lost.
                _template.MarkAllChanged();
                return 0;
            }
            _fullReport = false;
            return _writer.Length;
        }

        // {"method":"<m>","clientToken":"tc-<n>" (or the get_status token for clear_control), left open.
        private void Begin(byte[] method, int token)
        {
            _writer.Reset(_out, 0, _out.Length);
            _writer.BeginObject();
            _writer.Member(KeyMethod, method);
            WriteToken(token);
        }

        private void WriteToken(int token)
        {
            int n = TokenPrefix.Length;
            System.Array.Copy(TokenPrefix, 0, _status, 0, n);
            n += Ascii.FormatDecimal(token, _status, n);
            _writer.Key(KeyClientToken);
            _writer.RawString(_status, 0, n);
        }

        private int NewToken()
        {
            int token = _nextToken;
            _nextToken = _nextToken == int.MaxValue ? 1 : _nextToken + 1;
            return token;
        }

        private bool Send(ThingChannel channel)
        {
            _writer.EndObject();
            if (_writer.Overflowed)
            {
                PublishFailures++;
                return false;
            }
            return Publish(channel, _writer.Length);
        }

        private bool Publish(ThingChannel channel, int length)
        {
            if (_publisher.Publish(channel, _out, 0, length))
            {
                return true;
            }
            PublishFailures++;
            return false;
        }

        private void ExpireEvents()
        {
            long now = _clock.NowMs;
            for (int i = 0; i < EventSlots; i++)
            {
                if (_eventToken[i] != 0 && now - _eventSentAt[i] >= EventReplyTimeoutMs)
                {
                    TemplateEvent expired = _eventOf[i];
                    _eventToken[i] = 0;
                    _eventOf[i] = null;
                    _handler.OnEventReply(expired, ThingCodes.NoReply);
                }
            }
        }

        // The received clientToken is ours, tc-<token>, byte for byte (escapes resolved): tc-02 is not tc-2.
        private bool TokenIs(int token)
        {
            int n = TokenPrefix.Length;
            System.Array.Copy(TokenPrefix, 0, _ours, 0, n);
            n += Ascii.FormatDecimal(token, _ours, n);
            return _reader.SliceEquals(_token, 0, _tokenLength, _tokenEscaped, _ours, 0, n);
        }

        /// <summary>One pass over the top-level object: method, clientToken, code, params, data, actionId.</summary>
        private bool ParseEnvelope(byte[] buffer, int offset, int count)
        {
            _method = MethodUnknown;
            _tokenLength = -1;
            _hasCode = false;
            _paramsStart = -1;
            _dataStart = -1;
            _actionIdLength = 0;
            JsonReader r = _reader;
            r.Reset(buffer, offset, count);
            if (r.Next() != JsonToken.ObjectStart)
            {
                return false;
            }
            while (true)
            {
                JsonToken token = r.Next();
                if (token == JsonToken.ObjectEnd)
                {
                    break;
                }
                if (token != JsonToken.Key)
                {
                    return false;
                }
                if (r.StringEquals(KeyMethod))
                {
                    if (r.Next() != JsonToken.String || _method != MethodUnknown)
                    {
                        return false;
                    }
                    _method = MatchMethod(r);
                }
                else if (r.StringEquals(KeyClientToken))
                {
                    // Kept as its raw bytes: written back between quotes, it is the same JSON string. Not UTF-8:
                    // the message is not answered (the reply would carry it up).
                    if (r.Next() != JsonToken.String || _tokenLength >= 0 || r.Length > MaxClientToken || !r.IsValidText())
                    {
                        return false;
                    }
                    System.Array.Copy(buffer, r.Start, _token, 0, r.Length);
                    _tokenLength = r.Length;
                    _tokenEscaped = r.Escaped;
                }
                else if (r.StringEquals(KeyCode))
                {
                    if (r.Next() != JsonToken.Number || _hasCode || !r.TryGetLong(out _code))
                    {
                        return false;
                    }
                    _hasCode = true;
                }
                else if (r.StringEquals(KeyParams))
                {
                    if (r.Next() != JsonToken.ObjectStart || _paramsStart >= 0)
                    {
                        return false;
                    }
                    _paramsStart = r.Start;
                    if (!r.SkipValue())
                    {
                        return false;
                    }
                    _paramsEnd = r.Position;
                }
                else if (r.StringEquals(KeyData))
                {
                    if (r.Next() != JsonToken.ObjectStart || _dataStart >= 0)
                    {
                        return false;
                    }
                    _dataStart = r.Start;
                    if (!r.SkipValue())
                    {
                        return false;
                    }
                    _dataEnd = r.Position;
                }
                else if (r.StringEquals(KeyActionId))
                {
                    if (r.Next() != JsonToken.String || _actionIdLength > 0)
                    {
                        return false;
                    }
                    _actionIdStart = r.Start;
                    _actionIdLength = r.Length;
                    _actionIdEscaped = r.Escaped;
                }
                else if (r.Next() == JsonToken.Error || !r.SkipValue())
                {
                    return false;
                }
            }
            return r.Next() == JsonToken.End && _method != MethodUnknown && _tokenLength >= 0;
        }

        private static int MatchMethod(JsonReader r)
        {
            for (int i = 0; i < Methods.Length; i++)
            {
                if (r.StringEquals(Methods[i]))
                {
                    return i + 1;
                }
            }
            return MethodUnknown;
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
