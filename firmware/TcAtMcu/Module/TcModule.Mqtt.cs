using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    // Spec chapter 3: MQTT connection, publish, subscribe.
    public sealed partial class TcModule
    {
        private readonly byte[] _payload = new byte[TcLimits.LongPayloadMax];
        private readonly byte[] _topic = new byte[TcLimits.TopicMax];

        /// <summary>AT+TCMQTTCONN=1,&lt;cmdtimeout&gt;,&lt;keepalive&gt;,&lt;clean&gt;,&lt;reconnect&gt;, then the connect result.</summary>
        public AtResult Connect(MqttSettings settings)
        {
            Check.Range(Param.TlsMode, settings.TlsMode, TcLimits.TlsMode, TcLimits.TlsMode);
            Check.Range(Param.CommandTimeoutMs, settings.CommandTimeoutMs, TcLimits.CommandTimeoutMinMs, TcLimits.CommandTimeoutMaxMs);
            Check.Range(Param.KeepAliveS, settings.KeepAliveS, TcLimits.KeepAliveMinS, TcLimits.KeepAliveMaxS);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.MqttConn).Number(settings.TlsMode).Number(settings.CommandTimeoutMs)
                    .Number(settings.KeepAliveS).Number(settings.CleanSession ? 1 : 0).Number(settings.AutoReconnect ? 1 : 0);
                AtResult result = Run(NeedsNoConnection | NotDuringOta, AtReply.OkThenResult, settings.CommandTimeoutMs + NetworkMarginMs);
                if (result.IsOk)
                {
                    SetConnectedByResult(true, true);
                    _state.CommandTimeoutMs = settings.CommandTimeoutMs;
                    _state.AutoReconnect = settings.AutoReconnect;
                    _state.Subscriptions.SetAllInactive();
                }
                return result;
            }
        }

        /// <summary>AT+TCMQTTCONN? : +TCMQTTCONN:&lt;tls&gt;,&lt;cmdtimeout&gt;,&lt;keepalive&gt;,&lt;clean&gt;,&lt;reconnect&gt;</summary>
        public AtResult ReadConnectSettings(MqttSettings into)
        {
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.MqttConn, AtReply.Ok);
                if (!result.IsOk)
                {
                    return result;
                }
                int clean;
                int reconnect;
                if (!_fields.Int(out into.TlsMode) || !_fields.Int(out into.CommandTimeoutMs)
                    || !_fields.Int(out into.KeepAliveS) || !_fields.Int(out clean) || !_fields.Int(out reconnect))
                {
                    return Malformed();
                }
                into.CleanSession = clean == 1;
                into.AutoReconnect = reconnect == 1;
                return result;
            }
        }

        /// <summary>AT+TCMQTTDISCONN : the module reports +TCMQTTDISCON before its OK; CME 208 when not connected.</summary>
        public AtResult Disconnect()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.MqttDisconn);
                AtResult result = Run(NotDuringOta, AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk || (result.Status == AtStatus.CmeError && result.Code == Errors.CmeError.StateError))
                {
                    SetConnectedByResult(false, true);
                    _state.Subscriptions.SetAllInactive();
                }
                return result;
            }
        }

        /// <summary>AT+TCMQTTSTATE? : asks the module and updates State.Connected.</summary>
        public AtResult ReadState()
        {
            bool connected;
            return ReadState(out connected);
        }

        /// <summary>AT+TCMQTTSTATE? : connected is what the module answered (false unless the result is Ok).</summary>
        public AtResult ReadState(out bool connected)
        {
            connected = false;
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.MqttState, AtReply.Ok);
                // Exactly 0 or 1 (the strict reading): a 7 or "1x" is no answer, not "not connected".
                int state;
                if (!result.IsOk || !_fields.Count(out state) || state > 1 || !_fields.AtEnd)
                {
                    return result.IsOk ? Malformed() : result;
                }
                connected = state == 1;
                SetConnectedByResult(connected, connected);
                return result;
            }
        }

        /// <summary>AT+TCMQTTSUB="topic",qos : at most 10 topics (spec 3.5).</summary>
        public AtResult Subscribe(string topic, int qos)
        {
            Check.Text(Param.Topic, topic, 1, TcLimits.TopicMax);
            Check.Qos(qos);
            lock (_engine.Gate)
            {
                AtRefusal refusal = StateRefusal(NeedsConnection | NotDuringOta);
                if (refusal == AtRefusal.None && _state.Subscriptions.IndexOf(topic) < 0 && _state.Subscriptions.Count == TcLimits.Subscriptions)
                {
                    refusal = AtRefusal.TooManySubscriptions;
                }
                if (refusal != AtRefusal.None)
                {
                    return Refused(refusal);
                }
                Writer.Set(AtCommands.MqttSub).Quoted(topic).Number(qos);
                AtResult result = _engine.Execute(AtReply.OkThenResult, NetworkTimeoutMs);
                if (result.IsOk)
                {
                    _state.Subscriptions.Set(topic, qos, true);
                }
                return result;
            }
        }

        /// <summary>AT+TCMQTTUNSUB="topic"</summary>
        public AtResult Unsubscribe(string topic)
        {
            Check.Text(Param.Topic, topic, 1, TcLimits.TopicMax);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.MqttUnsub).Quoted(topic);
                AtResult result = Run(NeedsConnection | NotDuringOta, AtReply.OkThenResult, NetworkTimeoutMs);
                if (result.IsOk)
                {
                    _state.Subscriptions.Remove(topic);
                }
                return result;
            }
        }

        /// <summary>
        /// The MCU renews this topic itself (a gateway's sub-device topics, only once the sub-device is online again):
        /// it is no longer in State.Subscriptions, so VerifySubscriptions and Resubscribe leave it alone. Sends nothing.
        /// </summary>
        public void ReleaseSubscription(string topic)
        {
            lock (_engine.Gate)
            {
                _state.Subscriptions.Remove(topic);
            }
        }

        /// <summary>AT+TCMQTTSUB? : the module's list, one +TCMQTTSUB:"topic",qos line each, into 'into'.</summary>
        public AtResult ReadSubscriptions(Subscriptions into)
        {
            lock (_engine.Gate)
            {
                Writer.Read(AtCommands.MqttSub);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (!result.IsOk)
                {
                    return result;
                }
                into.Clear();
                int line = -1;
                while ((line = ReadLine(AtCommands.MqttSub, line + 1)) >= 0)
                {
                    // A topic of 1 to 128 bytes and a QoS of 0 or 1, nothing after (the spec's bounds).
                    int offset;
                    int count;
                    int qos;
                    if (!_fields.Slice(out offset, out count) || count < 1 || count > TcLimits.TopicMax
                        || !_fields.Count(out qos) || qos > 1 || !_fields.AtEnd)
                    {
                        return Malformed();
                    }
                    string topic = Utf8.Decode(_fields.Buffer, offset, count);
                    // The module lists its own topics too ($ota/update/..., $gateway/operation/result/...): past the
                    // MCU's 10 they are not kept (a wanted topic not kept is subscribed again, which the module accepts).
                    into.Set(topic, qos, true);
                }
                return result;
            }
        }

        /// <summary>
        /// Makes the module hold every topic the MCU subscribed to: reads its list, marks what it has, and
        /// subscribes again to what it lacks (after a reconnect, a reboot or -106). Returns the first failure.
        /// </summary>
        public AtResult VerifySubscriptions(Subscriptions scratch)
        {
            lock (_engine.Gate)
            {
                AtResult result = ReadSubscriptions(scratch);
                if (!result.IsOk)
                {
                    return result;
                }
                Subscriptions wanted = _state.Subscriptions;
                for (int i = 0; i < wanted.Count; i++)
                {
                    int held = scratch.IndexOf(wanted.Topic(i));
                    wanted.Set(wanted.Topic(i), wanted.Qos(i), held >= 0 && scratch.Qos(held) == wanted.Qos(i));
                }
                return Resubscribe();
            }
        }

        /// <summary>Subscribes again to every topic the module does not hold; returns the first failure.</summary>
        public AtResult Resubscribe()
        {
            lock (_engine.Gate)
            {
                Subscriptions wanted = _state.Subscriptions;
                for (int i = 0; i < wanted.Count; i++)
                {
                    if (wanted.IsActive(i))
                    {
                        continue;
                    }
                    AtResult result = Subscribe(wanted.Topic(i), wanted.Qos(i));
                    if (!result.IsOk)
                    {
                        return result;
                    }
                }
                return _engine.Conclude(AtStatus.Ok, 0);
            }
        }

        /// <summary>
        /// Publishes a text payload, UTF-8 (text only: a device string cannot hold NUL; binary data goes as byte[]).
        /// Allocates the strings' char[]: a payload sent per message is better given as bytes.
        /// </summary>
        public AtResult Publish(string topic, int qos, string payload)
        {
            if (payload == null)
            {
                throw new System.ArgumentNullException(Param.Payload);
            }
            char[] chars = payload.ToCharArray();
            int n = Utf8.ByteCount(chars, 0, chars.Length);
            Check.Range(Param.PayloadBytes, n, 1, TcLimits.LongPayloadMax);
            lock (_engine.Gate)
            {
                Utf8.Encode(chars, 0, chars.Length, _payload, 0);
                return Publish(topic, qos, _payload, 0, n);
            }
        }

        /// <summary>
        /// Publishes the payload byte for byte, choosing the form: AT+TCMQTTPUB when the escaped command fits
        /// 256 bytes; else AT+TCMQTTPUBRAW when the module has it; else AT+TCMQTTPUBL, which the module alters
        /// ('\"' and '\,' become ' "' and ' ,') and may cut at a CR LF: such payloads are refused with
        /// PayloadWouldBeAltered rather than delivered changed. The topic as text costs its char[]; see
        /// <see cref="Publish(byte[],int,byte[],int,int)"/> for a topic prepared once.
        /// </summary>
        public AtResult Publish(string topic, int qos, byte[] payload, int offset, int count)
        {
            Check.Text(Param.Topic, topic, 1, TcLimits.TopicMax);
            lock (_engine.Gate)
            {
                return PublishAny(_topic, EncodeTopic(topic), qos, payload, offset, count);
            }
        }

        /// <summary>
        /// The same with the topic as its UTF-8 bytes (e.g. <see cref="Utf8.Bytes"/> once at start-up): nothing is
        /// allocated per call.
        /// </summary>
        public AtResult Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
        {
            Check.TextBytes(Param.Topic, topic, 1, TcLimits.TopicMax);
            lock (_engine.Gate)
            {
                return PublishAny(topic, topic.Length, qos, payload, offset, count);
            }
        }

        /// <summary>AT+TCMQTTPUB="topic",qos,"payload" only; Refused when the escaped line is over 256 bytes.</summary>
        public AtResult PublishShort(string topic, int qos, byte[] payload, int offset, int count)
        {
            Check.Text(Param.Topic, topic, 1, TcLimits.TopicMax);
            Check.Qos(qos);
            Check.Slice(Param.Payload, payload, offset, count, 1, TcLimits.LongPayloadMax);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.MqttPub).Quoted(_topic, 0, EncodeTopic(topic)).Number(qos).Quoted(payload, offset, count);
                return Run(NeedsConnection | NotDuringOta, AtReply.OkThenResult, NetworkTimeoutMs);
            }
        }

        /// <summary>AT+TCMQTTPUBL (rawForm false) or AT+TCMQTTPUBRAW (true): '>' prompt, then the payload bytes.</summary>
        public AtResult PublishLong(string topic, int qos, byte[] payload, int offset, int count, bool rawForm)
        {
            Check.Text(Param.Topic, topic, 1, TcLimits.TopicMax);
            Check.Qos(qos);
            Check.Slice(Param.Payload, payload, offset, count, 1, TcLimits.LongPayloadMax);
            lock (_engine.Gate)
            {
                AtRefusal refusal = StateRefusal(NeedsConnection | NotDuringOta);
                if (refusal == AtRefusal.None && (rawForm ? StartsWithAbort(payload, offset, count) : AlteredByLongPublish(payload, offset, count)))
                {
                    refusal = AtRefusal.PayloadWouldBeAltered;
                }
                if (refusal != AtRefusal.None)
                {
                    return Refused(refusal);
                }
                int topicCount = EncodeTopic(topic);
                return PublishWithPrompt(rawForm ? AtCommands.MqttPubRaw : AtCommands.MqttPubL, _topic, topicCount, qos, payload, offset, count);
            }
        }

        /// <summary>
        /// AT+TCMQTTPUBRAW="topic",qos,len then the bytes as they are, whatever their length (1 to 2048): binary data,
        /// e.g. on $thing/up/raw/&lt;pid&gt;/&lt;dn&gt;. Refused (NotInCommandSet) when the module has no PUBRAW, and
        /// (PayloadWouldBeAltered) for a payload starting "+++" CR LF, the module's abort.
        /// </summary>
        public AtResult PublishRaw(byte[] topic, int qos, byte[] payload, int offset, int count)
        {
            Check.TextBytes(Param.Topic, topic, 1, TcLimits.TopicMax);
            Check.Qos(qos);
            Check.Slice(Param.Payload, payload, offset, count, 1, TcLimits.LongPayloadMax);
            lock (_engine.Gate)
            {
                AtRefusal refusal = StateRefusal(NeedsConnection | NotDuringOta);
                if (refusal == AtRefusal.None && !RawPublishSupported())
                {
                    refusal = _state.RawPublishProbed || _state.CommandSet != CommandSet.Unknown ? AtRefusal.NotInCommandSet : AtRefusal.CommandSetUnknown;
                }
                if (refusal == AtRefusal.None && StartsWithAbort(payload, offset, count))
                {
                    refusal = AtRefusal.PayloadWouldBeAltered;
                }
                if (refusal != AtRefusal.None)
                {
                    return Refused(refusal);
                }
                return PublishWithPrompt(AtCommands.MqttPubRaw, topic, topic.Length, qos, payload, offset, count);
            }
        }

        /// <summary>The checked topic's UTF-8 into _topic (under the gate); its length.</summary>
        private int EncodeTopic(string topic)
        {
            char[] chars = topic.ToCharArray();
            return Utf8.Encode(chars, 0, chars.Length, _topic, 0);
        }

        private AtResult PublishAny(byte[] topic, int topicCount, int qos, byte[] payload, int offset, int count)
        {
            Check.Qos(qos);
            Check.Slice(Param.Payload, payload, offset, count, 1, TcLimits.LongPayloadMax);
            AtRefusal refusal = StateRefusal(NeedsConnection | NotDuringOta);
            if (refusal != AtRefusal.None)
            {
                return Refused(refusal);
            }
            Writer.Set(AtCommands.MqttPub).Quoted(topic, 0, topicCount).Number(qos).Quoted(payload, offset, count);
            if (Writer.Terminate())
            {
                return _engine.Execute(AtReply.OkThenResult, NetworkTimeoutMs);
            }
            if (RawPublishSupported() && !StartsWithAbort(payload, offset, count))
            {
                return PublishWithPrompt(AtCommands.MqttPubRaw, topic, topicCount, qos, payload, offset, count);
            }
            if (AlteredByLongPublish(payload, offset, count))
            {
                return Refused(AtRefusal.PayloadWouldBeAltered);
            }
            return PublishWithPrompt(AtCommands.MqttPubL, topic, topicCount, qos, payload, offset, count);
        }

        /// <summary>
        /// V3.2.1 documents AT+TCMQTTPUBRAW (section 3.5): true at once. Else AT+TCMQTTPUBRAW=? once per module boot:
        /// OK means the byte-exact long publish exists (some 1.x builds have it).
        /// </summary>
        public bool RawPublishSupported()
        {
            lock (_engine.Gate)
            {
                if (SpeaksV321)
                {
                    return true;
                }
                if (!_state.RawPublishProbed)
                {
                    AtResult result = Test(AtCommands.MqttPubRaw);
                    // Only a definite answer counts; a busy or silent module is asked again next time.
                    if (result.IsOk || result.Status == AtStatus.Error || result.Status == AtStatus.CmeError)
                    {
                        _state.RawPublishProbed = true;
                        _state.RawPublishSupported = result.IsOk;
                    }
                }
                return _state.RawPublishSupported;
            }
        }

        private static bool StartsWithAbort(byte[] payload, int offset, int count)
        {
            return count >= 5 && payload[offset] == Ascii.Plus && payload[offset + 1] == Ascii.Plus && payload[offset + 2] == Ascii.Plus
                && payload[offset + 3] == Ascii.Cr && payload[offset + 4] == Ascii.Lf;
        }

        private AtResult PublishWithPrompt(AtCommand command, byte[] topic, int topicCount, int qos, byte[] payload, int offset, int count)
        {
            Writer.Set(command).Quoted(topic, 0, topicCount).Number(qos).Number(count);
            return _engine.ExecuteWithPayload(NetworkTimeoutMs, payload, offset, count);
        }

        /// <summary>
        /// What AT+TCMQTTPUBL cannot carry unchanged: \" and \, (rewritten), CR LF (may end the read), NUL, and a
        /// payload starting "+++" CR LF (the module's abort, in PUBRAW too).
        /// </summary>
        public static bool AlteredByLongPublish(byte[] payload, int offset, int count)
        {
            if (StartsWithAbort(payload, offset, count))
            {
                return true;
            }
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = payload[i];
                if (b == 0)
                {
                    return true;
                }
                if (i + 1 < end)
                {
                    byte next = payload[i + 1];
                    if (b == Ascii.Backslash && (next == Ascii.Quote || next == Ascii.Comma))
                    {
                        return true;
                    }
                    if (b == Ascii.Cr && next == Ascii.Lf)
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
