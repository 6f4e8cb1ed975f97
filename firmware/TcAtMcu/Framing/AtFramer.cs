using System;
using TcAtMcu.Text;

namespace TcAtMcu.Framing
{
    /// <summary>
    /// Cuts the module's byte stream into lines, the PUBL prompt, received messages and firmware data blocks,
    /// whatever the fragmentation. Works in bulk: Array.IndexOf finds line ends and quotes, Array.Copy moves the
    /// bytes, so the interpreter runs IL only per line and per header, not per byte. All buffers are fixed at
    /// construction.
    ///
    /// A received message, +TCMQTTRCVPUB:"topic",len,"payload" CR LF, carries bytes that whoever publishes to the
    /// topic chooses: quotes, commas and CR LF may stand in the topic and the payload, and the module cuts the
    /// payload at a NUL without fixing len. So no byte of it may be read as a line: the frame ends only where a
    /// header reading ("topic",len," with the topic at most TopicMax bytes) is confirmed by '"' CR LF exactly len
    /// bytes later. Readings are tried leftmost first. When none is confirmed, the module cut the payload: the frame
    /// is closed at the last '"' LF it holds (every byte after that point came after the message), the part of the
    /// payload that certainly belongs to it is delivered marked truncated, and the rest is read again as lines.
    /// A reading whose length is over <see cref="MaxMessagePayload"/> (no module sends one: it drops such messages)
    /// is skipped by counting exactly len bytes without storing them and confirmed by its tail: the message is
    /// dropped (<see cref="FrameFault.MessageTooLong"/>), nothing in it is read as a line, and nothing after it is
    /// lost. When its tail is not there, nothing is trusted until the line goes idle.
    /// </summary>
    public sealed class AtFramer
    {
        /// <summary>AT+TCREADFWDATA's largest block: one flash sector.</summary>
        public const int MaxDataLength = 4096;

        /// <summary>The module's receive buffer: no received message is longer (NOTES.md).</summary>
        public const int MaxMessagePayload = 2048;

        private const int MaxReadings = 24;
        private const int NameMax = 24;

        private static readonly byte[] MessageName = Ascii.Bytes("+TCMQTTRCVPUB:");
        private static readonly byte[] DataName = Ascii.Bytes("+TCREADFWDATA:");

        // Array.IndexOf(Array, object, ...) takes the value boxed: box it once, not per call.
        private static readonly object LfBoxed = Ascii.Lf;
        private static readonly object QuoteBoxed = Ascii.Quote;

        private const int StateLine = 0;
        private const int StateName = 1;
        private const int StateValueStart = 2;
        private const int StateMessage = 3;
        private const int StateDataLength = 4;
        private const int StateData = 5;
        private const int StateDataTail = 6;
        private const int StateDiscard = 7;
        private const int StateQuarantine = 8;
        private const int StateSkip = 9;

        private readonly IFrameSink _sink;
        private readonly byte[] _line;
        private readonly int _lineCapacity;
        private int _lineLength;
        private int _state;
        private bool _valueSpaceSkipped;

        // The received message being framed, from its opening quote.
        private readonly byte[] _frame;
        private readonly int _topicMax;
        private readonly int _lastPayloadQuote;
        private int _filled;
        private int _scanned;
        private readonly int[] _split = new int[MaxReadings];
        private readonly int[] _payloadStart = new int[MaxReadings];
        private readonly int[] _payloadLength = new int[MaxReadings];
        private int _readings;
        private int _reading;
        private int _replayFrom;
        private int _replayCount;

        // A message too long to hold, being skipped: bytes of its payload still to come, then its tail's bytes seen.
        private int _skipRemaining;
        private int _skipTail;

        // The firmware data block being read.
        private int _dataLength;
        private int _dataDigits;
        private int _dataRemaining;
        private bool _dataStarted;
        private int _hexHigh;
        private readonly byte[] _decoded = new byte[64];

        /// <summary>topicMax bounds a received message's topic (spec: 128).</summary>
        public AtFramer(IFrameSink sink, int lineCapacity, int topicMax)
        {
            _sink = sink;
            _lineCapacity = lineCapacity;
            _line = new byte[lineCapacity + 1]; // and its CR
            _topicMax = topicMax;
            // '"' topic '",' digits ',"' : the opening quote of a payload stands at most here.
            _lastPayloadQuote = 1 + topicMax + 2 + 5 + 1;
            _frame = new byte[_lastPayloadQuote + 1 + MaxMessagePayload + 3];
            _hexHigh = -1;
        }

        /// <summary>Set while a command waits for the '>' prompt, so a '>' starting a line is taken as that prompt.</summary>
        public bool ExpectPrompt { get; set; }

        /// <summary>Firmware data arrives as hex digits (the spec's form) instead of raw bytes (the real module's).</summary>
        public bool HexFirmwareData { get; set; }

        /// <summary>True while part of a frame has been received: a stalled partial frame is closed by <see cref="Stall"/>.</summary>
        public bool InFrame
        {
            get { return _state != StateLine || _lineLength > 0; }
        }

        public int LineCapacity
        {
            get { return _lineCapacity; }
        }

        /// <summary>Bytes of fixed buffers this framer holds.</summary>
        public int BufferBytes
        {
            get { return _line.Length + _frame.Length + _decoded.Length + 3 * 4 * MaxReadings; }
        }

        /// <summary>Drops whatever partial frame is held (the module was reset).</summary>
        public void Reset()
        {
            if (_state == StateData || _state == StateDataTail)
            {
                _sink.OnDataEnd(false);
            }
            _state = StateLine;
            _lineLength = 0;
            _replayCount = 0;
        }

        /// <summary>
        /// The line went idle inside a frame. The module has sent all it will, so a received message is closed at
        /// what it holds, a data block is cut short, and a quarantine ends.
        /// </summary>
        public void Stall()
        {
            int state = _state;
            if (state == StateLine && _lineLength == 0)
            {
                return;
            }
            _sink.OnFault(FrameFault.Stalled);
            if (state == StateMessage)
            {
                GiveUpMessage();
                if (_state == StateQuarantine)
                {
                    _state = StateLine; // the quarantine's condition, an idle line, holds already
                }
                if (_replayCount > 0)
                {
                    int n = _replayCount;
                    _replayCount = 0;
                    Process(_frame, _replayFrom, n);
                }
                return;
            }
            Reset();
        }

        public void Process(byte[] buffer, int offset, int count)
        {
            byte[] source = buffer;
            int i = offset;
            int end = offset + count;
            byte[] resumeSource = null;
            int resumeAt = 0;
            int resumeEnd = 0;
            while (true)
            {
                while (i < end)
                {
                    i = Step(source, i, end);
                    if (_replayCount == 0)
                    {
                        continue;
                    }
                    // Bytes the last message frame read past its end: read them again, before the rest.
                    int n = _replayCount;
                    _replayCount = 0;
                    if (source == _frame)
                    {
                        // Already replaying: a new frame only ever wrote below i, so the bytes fit just before it.
                        Array.Copy(_frame, _replayFrom, _frame, i - n, n);
                        i -= n;
                    }
                    else
                    {
                        Array.Copy(_frame, _replayFrom, _frame, 0, n);
                        resumeSource = source;
                        resumeAt = i;
                        resumeEnd = end;
                        source = _frame;
                        i = 0;
                        end = n;
                    }
                }
                if (resumeSource == null)
                {
                    return;
                }
                source = resumeSource;
                i = resumeAt;
                end = resumeEnd;
                resumeSource = null;
            }
        }

        private int Step(byte[] source, int i, int end)
        {
            switch (_state)
            {
                case StateLine: return ProcessLine(source, i, end);
                case StateName: return ProcessName(source, i, end);
                case StateValueStart: return ProcessValueStart(source, i);
                case StateMessage: return ProcessMessage(source, i, end);
                case StateDataLength: return ProcessDataLength(source, i);
                case StateData:
                    return HexFirmwareData ? ProcessHexData(source, i, end) : ProcessRawData(source, i, end);
                case StateDataTail: return ProcessDataTail(source, i);
                case StateDiscard: return ProcessDiscard(source, i, end);
                case StateSkip: return ProcessSkip(source, i, end);
                default: return end; // quarantine: nothing is read until the line goes idle
            }
        }

        // ---- lines ----

        private int ProcessLine(byte[] source, int i, int end)
        {
            if (_lineLength == 0)
            {
                byte b = source[i];
                if (b == Ascii.Lf || b == Ascii.Cr || b == Ascii.Space)
                {
                    return i + 1;
                }
                if (b == Ascii.Greater && ExpectPrompt)
                {
                    _sink.OnPrompt();
                    return i + 1;
                }
                if (b == Ascii.Plus)
                {
                    if (IsMessageHeader(source, i, end))
                    {
                        return MessageFromRead(source, i + MessageName.Length + 1, end);
                    }
                    _line[0] = b;
                    _lineLength = 1;
                    _state = StateName;
                    return i + 1;
                }
            }
            int lf = Array.IndexOf(source, LfBoxed, i, end - i);
            int stop = lf < 0 ? end : lf;
            int n = stop - i;
            if (n > _line.Length - _lineLength)
            {
                _sink.OnFault(FrameFault.LineTooLong);
                _lineLength = 0;
                if (lf < 0)
                {
                    _state = StateDiscard;
                    return end;
                }
                return lf + 1;
            }
            Array.Copy(source, i, _line, _lineLength, n);
            _lineLength += n;
            if (lf < 0)
            {
                return end;
            }
            EndLine();
            return lf + 1;
        }

        private int ProcessDiscard(byte[] source, int i, int end)
        {
            int lf = Array.IndexOf(source, LfBoxed, i, end - i);
            if (lf < 0)
            {
                return end;
            }
            _state = StateLine;
            return lf + 1;
        }

        private void EndLine()
        {
            int n = _lineLength;
            while (n > 0 && _line[n - 1] == Ascii.Cr)
            {
                n--;
            }
            _lineLength = 0;
            _state = StateLine;
            if (n > _lineCapacity)
            {
                _sink.OnFault(FrameFault.LineTooLong);
                return;
            }
            if (n > 0)
            {
                _sink.OnLine(_line, 0, n);
            }
        }

        // The hot path: a whole '+TCMQTTRCVPUB:"' in this read is compared at once, not a byte per state step,
        // and unrolled (a loop costs the interpreter twice the instructions).
        private static bool IsMessageHeader(byte[] s, int i, int end)
        {
            return end - i > 14 && s[i + 14] == Ascii.Quote && s[i + 13] == Ascii.Colon
                && s[i + 7] == (byte)'R' && s[i + 8] == (byte)'C' && s[i + 9] == (byte)'V' && s[i + 10] == (byte)'P'
                && s[i + 11] == (byte)'U' && s[i + 12] == (byte)'B' && s[i + 1] == (byte)'T' && s[i + 2] == (byte)'C'
                && s[i + 3] == (byte)'M' && s[i + 4] == (byte)'Q' && s[i + 5] == (byte)'T' && s[i + 6] == (byte)'T';
        }

        // "+NAME" up to its ':' or ','. The spec's "+ NAME" loses its space here.
        private int ProcessName(byte[] source, int i, int end)
        {
            while (i < end)
            {
                byte b = source[i++];
                if (b == Ascii.Lf)
                {
                    EndLine();
                    return i;
                }
                if (b == Ascii.Cr || (b == Ascii.Space && _lineLength == 1))
                {
                    continue;
                }
                _line[_lineLength++] = b;
                if (b == Ascii.Colon)
                {
                    _state = StateValueStart;
                    _valueSpaceSkipped = false;
                    return i;
                }
                if (b == Ascii.Comma || _lineLength == NameMax)
                {
                    _state = StateLine;
                    return i;
                }
            }
            return i;
        }

        // After "+NAME:": the spec's one space is dropped; received messages and data blocks start here.
        private int ProcessValueStart(byte[] source, int i)
        {
            byte b = source[i];
            if (b == Ascii.Space && !_valueSpaceSkipped)
            {
                _valueSpaceSkipped = true;
                return i + 1;
            }
            if (b == Ascii.Quote && Ascii.Equals(_line, 0, _lineLength, MessageName))
            {
                BeginMessage();
                return i + 1;
            }
            if (Ascii.Equals(_line, 0, _lineLength, DataName))
            {
                _state = StateDataLength;
                _dataLength = 0;
                _dataDigits = 0;
                return i;
            }
            _state = StateLine;
            return i;
        }

        // ---- received messages ----

        // The common cases, straight from the read: its header in this read and its first quote closing the topic.
        // That quote followed by ',len,"' is the leftmost reading, so the outcome is the one the general path would
        // reach. A whole message is delivered from the read itself; a header alone starts the frame with its reading
        // known. Anything else (a header cut by the read, a quote in the topic) goes the general way.
        private int MessageFromRead(byte[] source, int topic, int end)
        {
            BeginMessage();
            int window = end - topic < _topicMax + 1 ? end - topic : _topicMax + 1;
            int split = Array.IndexOf(source, QuoteBoxed, topic, window);
            if (split <= topic || split + 4 >= end || source[split + 1] != Ascii.Comma)
            {
                return topic;
            }
            int d = split + 2;
            int length = 0;
            int digitsEnd = d + 5 < end ? d + 5 : end;
            while (d < digitsEnd && source[d] >= (byte)'0' && source[d] <= (byte)'9')
            {
                length = length * 10 + (source[d] - '0');
                d++;
            }
            if (d == split + 2 || d + 1 >= end || source[d] != Ascii.Comma || source[d + 1] != Ascii.Quote || length > MaxMessagePayload)
            {
                return topic;
            }
            int payload = d + 2;
            int tail = payload + length;
            if (tail + 3 <= end && source[tail] == Ascii.Quote && source[tail + 1] == Ascii.Cr && source[tail + 2] == Ascii.Lf)
            {
                _state = StateLine;
                _sink.OnMessage(source, topic, split - topic, payload, length, false);
                return tail + 3;
            }
            int header = payload - topic;
            Array.Copy(source, topic, _frame, 1, header);
            _filled = 1 + header;
            _scanned = _filled;
            _split[0] = split - topic + 1;
            _payloadStart[0] = _filled;
            _payloadLength[0] = length;
            _readings = 1;
            return payload;
        }

        private void BeginMessage()
        {
            _frame[0] = Ascii.Quote;
            _filled = 1;
            _scanned = 1;
            _readings = 0;
            _reading = 0;
            _lineLength = 0;
            _state = StateMessage;
        }

        private int ProcessMessage(byte[] source, int i, int end)
        {
            while (i < end)
            {
                if (_reading < _readings)
                {
                    // Confirm the leftmost reading not yet refuted: '"' then LF or CR LF right after its payload.
                    int tail = _payloadStart[_reading] + _payloadLength[_reading];
                    if (_payloadLength[_reading] > MaxMessagePayload)
                    {
                        BeginSkip(tail);
                        return i;
                    }
                    int need = tail + 3 - _filled;
                    if (need > 0)
                    {
                        int n = end - i < need ? end - i : need;
                        Array.Copy(source, i, _frame, _filled, n);
                        _filled += n;
                        i += n;
                        if (_filled < tail + 2)
                        {
                            return i; // the payload is still arriving
                        }
                    }
                    int tailLength = TailLength(tail);
                    if (tailLength == 0 && _filled < tail + 3)
                    {
                        return i; // wait for more bytes
                    }
                    if (tailLength > 0)
                    {
                        int r = _reading;
                        DeliverMessage(_split[r], _payloadStart[r], _payloadLength[r], false, tail + tailLength);
                        return i;
                    }
                    _reading++;
                    continue;
                }
                if (FindReading())
                {
                    continue;
                }
                if (_scanned > _lastPayloadQuote)
                {
                    GiveUpMessage();
                    return i;
                }
                // Header bytes: up to the next quote, which may complete a reading.
                int room = _lastPayloadQuote + 1 - _filled;
                int count = end - i < room ? end - i : room;
                int quote = Array.IndexOf(source, QuoteBoxed, i, count);
                int take = quote < 0 ? count : quote + 1 - i;
                Array.Copy(source, i, _frame, _filled, take);
                _filled += take;
                i += take;
                if (quote >= 0 && _scanned == _filled - take)
                {
                    // Nothing before this quote is unscanned: try it as a reading now, without searching again.
                    _scanned = _filled;
                    TryReading(_filled - 1);
                }
            }
            return i;
        }

        // Bytes of the tail '"' CR LF or '"' LF at 'at'; 0 when refuted or not all there yet (the caller tells which).
        private int TailLength(int at)
        {
            if (_filled < at + 2 || _frame[at] != Ascii.Quote)
            {
                return 0;
            }
            byte b = _frame[at + 1];
            if (b == Ascii.Lf)
            {
                return 2;
            }
            if (b == Ascii.Cr && _filled >= at + 3 && _frame[at + 2] == Ascii.Lf)
            {
                return 3;
            }
            return 0;
        }

        // Looks for the next quote in the header window that completes a reading; records it.
        private bool FindReading()
        {
            while (true)
            {
                int limit = _filled < _lastPayloadQuote + 1 ? _filled : _lastPayloadQuote + 1;
                if (_scanned >= limit)
                {
                    return false;
                }
                int q = Array.IndexOf(_frame, QuoteBoxed, _scanned, limit - _scanned);
                if (q < 0)
                {
                    _scanned = limit;
                    return false;
                }
                _scanned = q + 1;
                if (TryReading(q))
                {
                    return true;
                }
            }
        }

        // Is the quote at q the last of '"' topic '",' digits ',"'? Then it is a reading: recorded, true.
        private bool TryReading(int q)
        {
            if (_frame[q - 1] != Ascii.Comma)
            {
                return false;
            }
            int d = q - 2;
            int length = 0;
            int scale = 1;
            while (d > 0 && d >= q - 6 && _frame[d] >= (byte)'0' && _frame[d] <= (byte)'9')
            {
                length += (_frame[d] - '0') * scale;
                scale *= 10;
                d--;
            }
            if (d == q - 2 || d < 3 || _frame[d] != Ascii.Comma || _frame[d - 1] != Ascii.Quote)
            {
                return false;
            }
            int split = d - 1;
            if (split - 1 > _topicMax || _readings == MaxReadings)
            {
                return false;
            }
            _split[_readings] = split;
            _payloadStart[_readings] = q + 1;
            _payloadLength[_readings] = length;
            _readings++;
            return true;
        }

        // No reading was confirmed (or the line went idle): the module cut the payload.
        private void GiveUpMessage()
        {
            int end = LastTailEnd();
            if (_readings == 0 || end < 0)
            {
                // Nothing tells where the message ends: trust no byte until the line goes idle.
                _sink.OnFault(FrameFault.MessageMalformed);
                _state = StateQuarantine;
                return;
            }
            _sink.OnFault(FrameFault.MessageTruncated);
            if (_readings > 1)
            {
                // Which topic it was cannot be told: deliver nothing, but resume after it.
                DeliverMessage(0, 0, 0, true, end);
                return;
            }
            int start = _payloadStart[0];
            int cut = start < end ? Array.IndexOf(_frame, QuoteBoxed, start, end - start) : -1;
            while (cut >= 0 && TailLength(cut) == 0)
            {
                cut = Array.IndexOf(_frame, QuoteBoxed, cut + 1, end - cut - 1);
            }
            if (cut < 0 || cut - start > _payloadLength[0])
            {
                DeliverMessage(0, 0, 0, true, end); // longer than it said: not a cut message, garbage
                return;
            }
            DeliverMessage(_split[0], start, cut - start, true, end);
        }

        // Just past the last '"' LF (or '"' CR LF) held, or -1.
        private int LastTailEnd()
        {
            for (int lf = _filled - 1; lf > 0; lf--)
            {
                if (_frame[lf] != Ascii.Lf)
                {
                    continue;
                }
                byte before = _frame[lf - 1];
                if (before == Ascii.Quote || (before == Ascii.Cr && lf > 1 && _frame[lf - 2] == Ascii.Quote))
                {
                    return lf + 1;
                }
            }
            return -1;
        }

        private void DeliverMessage(int split, int payloadStart, int payloadLength, bool truncated, int frameEnd)
        {
            _state = StateLine;
            _lineLength = 0;
            if (split > 0)
            {
                _sink.OnMessage(_frame, 1, split - 1, payloadStart, payloadLength, truncated);
            }
            if (frameEnd < _filled)
            {
                _replayFrom = frameEnd;
                _replayCount = _filled - frameEnd;
            }
        }

        // The leftmost reading is longer than any message the module sends: its payload is counted, not stored,
        // from what the frame holds already (the tail may be in it: read again through the skip).
        private void BeginSkip(int tail)
        {
            _state = StateSkip;
            _lineLength = 0;
            _skipTail = 0;
            if (tail >= _filled)
            {
                _skipRemaining = tail - _filled;
                return;
            }
            _skipRemaining = 0;
            _replayFrom = tail;
            _replayCount = _filled - tail;
        }

        private int ProcessSkip(byte[] source, int i, int end)
        {
            if (_skipRemaining > 0)
            {
                int n = end - i < _skipRemaining ? end - i : _skipRemaining;
                _skipRemaining -= n;
                return i + n;
            }
            byte b = source[i];
            if (_skipTail == 0 && b == Ascii.Quote)
            {
                _skipTail = 1;
                return i + 1;
            }
            if (_skipTail == 1 && b == Ascii.Cr)
            {
                _skipTail = 2;
                return i + 1;
            }
            if (_skipTail > 0 && b == Ascii.Lf)
            {
                _sink.OnFault(FrameFault.MessageTooLong);
                _state = StateLine;
                return i + 1;
            }
            // Its length lied: where the message ends cannot be told.
            _sink.OnFault(FrameFault.MessageMalformed);
            _state = StateQuarantine;
            return end;
        }

        // ---- firmware data ----

        // +TCREADFWDATA:<len>, : the spec's spaces are allowed around the number.
        private int ProcessDataLength(byte[] source, int i)
        {
            byte b = source[i];
            if (b >= (byte)'0' && b <= (byte)'9' && _dataDigits < 5)
            {
                _dataLength = _dataLength * 10 + (b - '0');
                _dataDigits++;
            }
            else if (b == Ascii.Comma && _dataDigits > 0 && _dataLength <= MaxDataLength)
            {
                BeginData();
                return i + 1;
            }
            else if (b != Ascii.Space)
            {
                _state = StateLine; // not a data header: the rest of the line is read as a line
                return i;
            }
            if (_lineLength < _line.Length)
            {
                _line[_lineLength++] = b;
            }
            return i + 1;
        }

        private void BeginData()
        {
            _dataRemaining = _dataLength;
            _dataStarted = false;
            _hexHigh = -1;
            _lineLength = 0;
            _state = _dataLength == 0 ? StateDataTail : StateData;
            _sink.OnDataStart(_dataLength);
        }

        private int ProcessRawData(byte[] source, int i, int end)
        {
            int n = end - i;
            if (n > _dataRemaining)
            {
                n = _dataRemaining;
            }
            _sink.OnData(source, i, n);
            _dataRemaining -= n;
            if (_dataRemaining == 0)
            {
                _state = StateDataTail;
            }
            return i + n;
        }

        private int ProcessHexData(byte[] source, int i, int end)
        {
            int k = 0;
            while (i < end && _dataRemaining > 0)
            {
                byte b = source[i];
                int v = Ascii.HexValue(b);
                if (v < 0)
                {
                    if (b == Ascii.Space && !_dataStarted)
                    {
                        i++;
                        continue;
                    }
                    Flush(k);
                    _sink.OnFault(FrameFault.DataMalformed);
                    _sink.OnDataEnd(false);
                    _state = StateLine;
                    return i; // the offending byte starts the next line
                }
                _dataStarted = true;
                i++;
                if (_hexHigh < 0)
                {
                    _hexHigh = v;
                    continue;
                }
                _decoded[k++] = (byte)((_hexHigh << 4) | v);
                _hexHigh = -1;
                _dataRemaining--;
                if (k == _decoded.Length)
                {
                    Flush(k);
                    k = 0;
                }
            }
            Flush(k);
            if (_dataRemaining == 0)
            {
                _state = StateDataTail;
            }
            return i;
        }

        private void Flush(int count)
        {
            if (count > 0)
            {
                _sink.OnData(_decoded, 0, count);
            }
        }

        private int ProcessDataTail(byte[] source, int i)
        {
            byte b = source[i];
            if (b == Ascii.Cr)
            {
                return i + 1;
            }
            _state = StateLine;
            if (b == Ascii.Lf)
            {
                _sink.OnDataEnd(true);
                return i + 1;
            }
            // Not followed by CR LF: its length was wrong. Read on from this byte.
            _sink.OnFault(FrameFault.DataMalformed);
            _sink.OnDataEnd(false);
            return i;
        }
    }
}
