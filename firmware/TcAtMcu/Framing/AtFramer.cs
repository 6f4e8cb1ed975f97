using TcAtMcu.Text;

namespace TcAtMcu.Framing
{
    /// <summary>
    /// Cuts the module's byte stream into lines, the PUBL prompt, and length-prefixed data blocks.
    /// Byte by byte, so it does not care how the UART fragments its reads. All buffers are fixed at construction.
    /// </summary>
    public sealed class AtFramer
    {
        /// <summary>A declared length above this cannot be real (the module's buffers are smaller): the line is garbage.</summary>
        public const int MaxDeclaredLength = 4096;

        private static readonly byte[] ReceivedMessagePrefix = Ascii.Bytes("+TCMQTTRCVPUB:");
        private static readonly byte[] FirmwareDataPrefix = Ascii.Bytes("+TCREADFWDATA:");

        private const int StateLine = 0;
        private const int StateData = 1;
        private const int StateDataTail = 2;

        private readonly IFrameSink _sink;
        private readonly byte[] _line;
        private readonly byte[] _decoded;
        private int _lineLength;
        private bool _discarding;
        private int _nameColon;
        private int _state;
        private DataKind _dataKind;
        private int _dataRemaining;
        private bool _tailNeedsQuote;
        private int _hexHigh;

        public AtFramer(IFrameSink sink, int lineCapacity)
        {
            _sink = sink;
            _line = new byte[lineCapacity];
            _decoded = new byte[64];
            _hexHigh = -1;
            _nameColon = -1;
        }

        /// <summary>Set while a command waits for the '>' prompt, so a '>' starting a line is taken as that prompt.</summary>
        public bool ExpectPrompt { get; set; }

        /// <summary>Firmware data arrives as hex digits (the spec's form) instead of raw bytes (the real module's).</summary>
        public bool HexFirmwareData { get; set; }

        /// <summary>True while part of a frame has been received: a stalled partial frame is reset by the engine.</summary>
        public bool InFrame
        {
            get { return _state != StateLine || _lineLength > 0 || _discarding; }
        }

        public int LineCapacity
        {
            get { return _line.Length; }
        }

        /// <summary>Drops whatever partial frame is held (after a stall or a module reboot).</summary>
        public void Reset()
        {
            if (_state != StateLine)
            {
                _sink.OnDataEnd(false);
            }
            _state = StateLine;
            _lineLength = 0;
            _discarding = false;
            _nameColon = -1;
            _hexHigh = -1;
        }

        public void Process(byte[] buffer, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                if (_state == StateData)
                {
                    i = _dataKind == DataKind.FirmwareData && HexFirmwareData
                        ? ProcessHexData(buffer, i, end)
                        : ProcessRawData(buffer, i, end);
                }
                else if (_state == StateDataTail)
                {
                    i = ProcessTail(buffer, i);
                }
                else
                {
                    i = CopyPlainBytes(buffer, i, end);
                    if (i < end)
                    {
                        ProcessLineByte(buffer[i]);
                        i++;
                    }
                }
            }
        }

        // The bulk of a line: bytes that need no decision are copied in a tight loop.
        private int CopyPlainBytes(byte[] buffer, int i, int end)
        {
            if (_lineLength == 0 || _discarding)
            {
                return i;
            }
            int room = _line.Length - _lineLength;
            while (i < end && room > 0)
            {
                byte b = buffer[i];
                if (b <= Ascii.Space || b == Ascii.Quote || b == Ascii.Comma || b == Ascii.Colon)
                {
                    break;
                }
                _line[_lineLength++] = b;
                room--;
                i++;
            }
            return i;
        }

        private int ProcessRawData(byte[] buffer, int i, int end)
        {
            int n = end - i;
            if (n > _dataRemaining)
            {
                n = _dataRemaining;
            }
            if (n > 0)
            {
                _sink.OnData(buffer, i, n);
                _dataRemaining -= n;
            }
            if (_dataRemaining == 0)
            {
                _state = StateDataTail;
            }
            return i + n;
        }

        private int ProcessHexData(byte[] buffer, int i, int end)
        {
            int k = 0;
            while (i < end && _dataRemaining > 0)
            {
                int v = Ascii.HexValue(buffer[i]);
                if (v < 0)
                {
                    FlushDecoded(k);
                    _sink.OnDataEnd(false);
                    _state = StateLine;
                    _hexHigh = -1;
                    return i; // the offending byte starts the next line
                }
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
                    FlushDecoded(k);
                    k = 0;
                }
            }
            FlushDecoded(k);
            if (_dataRemaining == 0)
            {
                _state = StateDataTail;
            }
            return i;
        }

        private void FlushDecoded(int count)
        {
            if (count > 0)
            {
                _sink.OnData(_decoded, 0, count);
            }
        }

        private int ProcessTail(byte[] buffer, int i)
        {
            byte b = buffer[i];
            if (b == Ascii.Quote && _tailNeedsQuote)
            {
                _tailNeedsQuote = false;
                return i + 1;
            }
            if (b == Ascii.Cr)
            {
                return i + 1;
            }
            _state = StateLine;
            if (b == Ascii.Lf)
            {
                _sink.OnDataEnd(!_tailNeedsQuote);
                return i + 1;
            }
            // The block was not followed by its tail: its declared length was wrong. Resynchronise on this byte.
            _sink.OnDataEnd(false);
            return i;
        }

        private void ProcessLineByte(byte b)
        {
            if (b == Ascii.Lf)
            {
                EndLine();
                return;
            }
            if (b == Ascii.Cr || _discarding)
            {
                return;
            }
            if (_lineLength == 0)
            {
                if (b == Ascii.Greater && ExpectPrompt)
                {
                    _sink.OnPrompt();
                    return;
                }
                if (b == Ascii.Space)
                {
                    return;
                }
            }
            // "+ TCMQTTRECONNECTING" and "+TCMQTTPUB: OK" (spec's spaces) are stored as "+TCMQTTRECONNECTING", "+TCMQTTPUB:OK".
            if (b == Ascii.Space && _line[0] == Ascii.Plus && (_lineLength == 1 || _lineLength - 1 == _nameColon))
            {
                return;
            }
            if (_lineLength == _line.Length)
            {
                _discarding = true;
                _lineLength = 0;
                _sink.OnLineDiscarded();
                return;
            }
            _line[_lineLength++] = b;
            if (_line[0] != Ascii.Plus)
            {
                return;
            }
            if (b == Ascii.Colon && _nameColon < 0)
            {
                _nameColon = _lineLength - 1;
            }
            else if (b == Ascii.Quote)
            {
                TryStartReceivedMessage();
            }
            else if (b == Ascii.Comma)
            {
                TryStartFirmwareData();
            }
        }

        private void EndLine()
        {
            int n = _lineLength;
            bool discarded = _discarding;
            _lineLength = 0;
            _discarding = false;
            _nameColon = -1;
            if (n > 0 && !discarded)
            {
                _sink.OnLine(_line, 0, n);
            }
        }

        // +TCMQTTRCVPUB:"<topic>",<len>," : called on each quote; starts the block once the header is complete.
        private void TryStartReceivedMessage()
        {
            int end = _lineLength;
            if (!Ascii.StartsWith(_line, 0, end, ReceivedMessagePrefix))
            {
                return;
            }
            int p = ReceivedMessagePrefix.Length;
            if (p >= end || _line[p] != Ascii.Quote)
            {
                return;
            }
            int topicStart = p + 1;
            int topicEnd = Ascii.IndexOf(_line, topicStart, end - topicStart, Ascii.Quote);
            if (topicEnd < 0 || topicEnd + 1 >= end || _line[topicEnd + 1] != Ascii.Comma)
            {
                return;
            }
            int length;
            int q = Ascii.ParseInt(_line, topicEnd + 2, end, out length);
            if (q < 0 || q + 2 != end || _line[q] != Ascii.Comma || _line[q + 1] != Ascii.Quote)
            {
                return;
            }
            if (length < 0 || length > MaxDeclaredLength)
            {
                return; // garbage header: the line runs on and is dropped as an unknown line
            }
            BeginData(DataKind.ReceivedMessage, topicStart, topicEnd - topicStart, length, true);
        }

        // +TCREADFWDATA:<len>, : called on each comma.
        private void TryStartFirmwareData()
        {
            int end = _lineLength;
            if (!Ascii.StartsWith(_line, 0, end, FirmwareDataPrefix))
            {
                return;
            }
            int length;
            int q = Ascii.ParseInt(_line, FirmwareDataPrefix.Length, end, out length);
            if (q < 0 || q + 1 != end || length < 0 || length > MaxDeclaredLength)
            {
                return;
            }
            BeginData(DataKind.FirmwareData, 0, 0, length, false);
        }

        private void BeginData(DataKind kind, int topicOffset, int topicCount, int length, bool quoted)
        {
            _dataKind = kind;
            _dataRemaining = length;
            _tailNeedsQuote = quoted;
            _hexHigh = -1;
            _lineLength = 0;
            _nameColon = -1;
            _state = length == 0 ? StateDataTail : StateData;
            _sink.OnDataStart(kind, _line, topicOffset, topicCount, length);
        }
    }
}
