using System;
using System.Threading;
using TcAtMcu.Commands;
using TcAtMcu.Framing;
using TcAtMcu.Link;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.Engine
{
    /// <summary>
    /// The AT engine: one command in flight, its answer told apart from unsolicited reports, every wait bounded.
    ///
    /// Threads: a reader feeds received bytes to <see cref="Receive"/> (the thread started by <see cref="Start"/>,
    /// or a test). The caller builds a command in <see cref="Writer"/> and blocks in Execute until the reader has
    /// seen the final result. Reports are shown to the <see cref="Observer"/> as they are parsed (state tracking,
    /// in stream order), queued, and handed to an <see cref="IReportHandler"/> by <see cref="DispatchReports"/> on
    /// the dispatcher thread or the application's, never on the reader, so a handler may itself send commands.
    ///
    /// What is trusted: a command's result only after its own OK (an earlier, timed-out command's late result is
    /// ignored); a data block only while its command waits for it (a late one is read to its end and dropped).
    /// </summary>
    public sealed class AtEngine : IFrameSink
    {
        private static readonly byte[] CrLf = { Ascii.Cr, Ascii.Lf };
        private static readonly byte[] PayloadAbort = Ascii.Bytes("+++\r\n");

        private readonly IByteLink _link;
        private readonly AtEngineOptions _options;
        private readonly IClock _clock;
        private readonly AtFramer _framer;
        private readonly AtCommandWriter _writer = new AtCommandWriter();
        private readonly AtResponse _response;
        private readonly ReportQueue _reports;
        private readonly Report _parsed = new Report();
        private readonly Report _view = new Report();
        private readonly byte[] _receiveBuffer;
        private readonly object _sync = new object();
        private readonly object _gate = new object();
        private readonly AutoResetEvent _answer = new AutoResetEvent(false);
        private readonly AutoResetEvent _reportReady = new AutoResetEvent(false);
        private readonly AutoResetEvent _never = new AutoResetEvent(false);
        private readonly AtEngineStats _stats = new AtEngineStats();
        private readonly AtResult _result = new AtResult(AtStatus.Ok, 0, 0);

        // The command in flight; guarded by _sync.
        private bool _inFlight;
        private byte[] _resultPrefix;
        private AtReply _reply;
        private bool _okSeen;
        private bool _promptSeen;
        private bool _resultSeen;
        private bool _done;
        private AtStatus _resultStatus;
        private int _resultCode;
        private AtStatus _status;
        private int _code;
        private int _errCode;
        private bool _swallowBusyLine;
        private byte[] _dataDestination;
        private int _dataOffset;
        private int _dataCapacity;
        private int _dataCount;
        private bool _dataForCommand;
        private bool _dataOverrun;
        private int _sequence;
        private int _resultSequence;
        private int _answerSequence;
        private int _bytesReceived;
        private int _bytesAtLastCheck;
        private long _quietSinceMs;

        private Thread _reader;
        private Thread _dispatcher;
        private IReportHandler _handler;
        private bool _running;
        private int _dispatching;

        public AtEngine(IByteLink link, AtEngineOptions options)
        {
            _link = link;
            _options = options;
            _clock = options.Clock ?? SystemClock.Instance;
            _framer = new AtFramer(this, options.LineCapacity, options.TopicCapacity);
            _framer.HexFirmwareData = options.HexFirmwareData;
            _response = new AtResponse(options.ResponseCapacity, options.ResponseLines);
            _reports = new ReportQueue(options.ReportSlots, options.ReportBytes);
            _receiveBuffer = new byte[options.ReceiveChunk];
        }

        /// <summary>Where the next command is built. Hold <see cref="Gate"/> from building it until its response is read.</summary>
        public AtCommandWriter Writer { get { return _writer; } }

        /// <summary>Response lines of the last command.</summary>
        public AtResponse Response { get { return _response; } }

        /// <summary>Serialises callers: one command is built, sent and read at a time.</summary>
        public object Gate { get { return _gate; } }

        public AtEngineStats Stats { get { return _stats; } }

        public IClock Clock { get { return _clock; } }

        /// <summary>Sees each report as it is parsed (see <see cref="IReportObserver"/>). Set before Start.</summary>
        public IReportObserver Observer { get; set; }

        /// <summary>Set when a report is queued; for an application that dispatches on its own thread.</summary>
        public WaitHandle ReportReady { get { return _reportReady; } }

        /// <summary>
        /// The place of the last command's final result in the module's output (see Report.Sequence): the place of
        /// the line that carried it (its "+NAME:" answer or result line), else of its OK or error. A report between
        /// that line and the OK came after the result.
        /// </summary>
        public int ResultSequence { get { return _resultSequence; } }

        /// <summary>Bytes of fixed buffers the engine holds (framer, response, report queue, reader, command).</summary>
        public int BufferBytes
        {
            get
            {
                return _framer.BufferBytes + _response.BufferBytes + _reports.BufferBytes + _receiveBuffer.Length
                    + _writer.Buffer.Length;
            }
        }

        /// <summary>Reports queued and not yet dispatched.</summary>
        public int PendingReports
        {
            get { lock (_sync) { return _reports.Count; } }
        }

        /// <summary>Ends a command that was not sent (refused, malformed answer...) in the engine's one result.</summary>
        internal AtResult Conclude(AtStatus status, int code)
        {
            return _result.Set(status, code, 0);
        }

        /// <summary>Sends the command in <see cref="Writer"/> and waits for its final result (the engine's one
        /// <see cref="AtResult"/>, valid until its next command).</summary>
        public AtResult Execute(AtReply reply, int timeoutMs)
        {
            return Run(reply, timeoutMs, null, 0, 0, null, 0, 0);
        }

        /// <summary>Sends the command, waits for '>', writes the payload and CR LF, then waits for the result.</summary>
        public AtResult ExecuteWithPayload(int timeoutMs, byte[] payload, int offset, int count)
        {
            return Run(AtReply.PromptThenResult, timeoutMs, payload, offset, count, null, 0, 0);
        }

        /// <summary>Sends the command and copies its data block into destination; Length is the bytes delivered.</summary>
        public AtResult ExecuteRead(int timeoutMs, byte[] destination, int offset, int capacity)
        {
            return Run(AtReply.OkThenData, timeoutMs, null, 0, 0, destination, offset, capacity);
        }

        /// <summary>Bytes from the module, in any fragmentation.</summary>
        public void Receive(byte[] data, int offset, int count)
        {
            bool queued;
            lock (_sync)
            {
                int before = _stats.Reports;
                _bytesReceived += count; // CheckStall reads the clock, so each read need not
                _framer.Process(data, offset, count);
                queued = _stats.Reports != before;
            }
            if (queued)
            {
                _reportReady.Set();
            }
        }

        /// <summary>Closes a partial frame that has seen no byte for FrameStallMs (counted from the first check that
        /// saw no new byte). The reader calls it when idle, and a waiting command at least every FrameStallMs.</summary>
        public void CheckStall()
        {
            bool queued;
            lock (_sync)
            {
                long now = _clock.NowMs;
                if (_bytesReceived != _bytesAtLastCheck)
                {
                    _bytesAtLastCheck = _bytesReceived;
                    _quietSinceMs = now;
                }
                if (!_framer.InFrame || now - _quietSinceMs <= _options.FrameStallMs)
                {
                    return;
                }
                int before = _stats.Reports;
                _framer.Stall();
                queued = _stats.Reports != before;
            }
            if (queued)
            {
                _reportReady.Set();
            }
        }

        /// <summary>Forgets any partial frame, e.g. after resetting the module.</summary>
        public void ResetReceiver()
        {
            lock (_sync)
            {
                _framer.Reset();
            }
        }

        /// <summary>Hands every queued report to the handler on this thread, oldest first; returns how many.
        /// While one thread dispatches, a call from another (or from a handler) returns 0 at once.</summary>
        public int DispatchReports(IReportHandler handler)
        {
            if (_reports.Count == 0 || Interlocked.CompareExchange(ref _dispatching, 1, 0) != 0)
            {
                return 0;
            }
            // The exchange is a full fence: the count and the records the reader added before it are seen whole.
            int n = _reports.Count;
            int delivered = 0;
            try
            {
                while (n > 0)
                {
                    // The reader only writes into free room, so these n stay put until released.
                    for (int i = 0; i < n; i++)
                    {
                        _reports.Read(i, _view);
                        try
                        {
                            handler.OnReport(_view);
                        }
                        catch (Exception)
                        {
                            _stats.HandlerFaults++;
                        }
                    }
                    delivered += n;
                    lock (_sync)
                    {
                        _reports.Release(n);
                        n = _reports.Count;
                    }
                }
            }
            finally
            {
                Interlocked.Exchange(ref _dispatching, 0);
            }
            return delivered;
        }

        /// <summary>Starts the reader thread, and a dispatcher thread when a handler is given.</summary>
        public void Start(IReportHandler handler)
        {
            _running = true;
            _reader = new Thread(ReadLoop);
            _reader.Start();
            if (handler != null)
            {
                _handler = handler;
                _dispatcher = new Thread(DispatchLoop);
                _dispatcher.Start();
            }
        }

        public void Stop()
        {
            _running = false;
            _reportReady.Set();
            if (_reader != null)
            {
                _reader.Join();
                _reader = null;
            }
            if (_dispatcher != null)
            {
                _dispatcher.Join();
                _dispatcher = null;
            }
        }

        private void ReadLoop()
        {
            while (_running)
            {
                int n;
                try
                {
                    n = _link.Read(_receiveBuffer, 0, _receiveBuffer.Length);
                }
                catch (Exception)
                {
                    _stats.LinkFaults++;
                    Thread.Sleep(50);
                    continue;
                }
                if (n > 0)
                {
                    Receive(_receiveBuffer, 0, n);
                }
                else
                {
                    CheckStall();
                }
            }
        }

        private void DispatchLoop()
        {
            while (_running)
            {
                _reportReady.WaitOne(200, false);
                DispatchReports(_handler);
            }
        }

        private AtResult Run(AtReply reply, int timeoutMs, byte[] payload, int payloadOffset, int payloadCount,
            byte[] destination, int destinationOffset, int destinationCapacity)
        {
            if (!_writer.Terminate())
            {
                return _result.Set(AtStatus.Refused, (int)_writer.Refusal, 0);
            }
            for (int attempt = 0; ; attempt++)
            {
                lock (_sync)
                {
                    if (_inFlight)
                    {
                        throw new InvalidOperationException("an AT command is already in flight; hold AtEngine.Gate");
                    }
                    _inFlight = true;
                    _resultPrefix = _writer.Command == null ? null : _writer.Command.ResultPrefix;
                    _reply = reply;
                    _okSeen = false;
                    _promptSeen = false;
                    _resultSeen = false;
                    _done = false;
                    _errCode = 0;
                    _answerSequence = 0;
                    _response.Clear();
                    _framer.ExpectPrompt = reply == AtReply.PromptThenResult;
                    _dataDestination = destination;
                    _dataOffset = destinationOffset;
                    _dataCapacity = destinationCapacity;
                    _dataCount = 0;
                    _answer.Reset();
                    _stats.Commands++;
                }

                AtStatus status;
                try
                {
                    _link.Write(_writer.Buffer, 0, _writer.Length);
                    status = Await(timeoutMs, payload, payloadOffset, payloadCount);
                }
                catch (Exception)
                {
                    _stats.LinkFaults++;
                    status = AtStatus.LinkFault;
                }

                lock (_sync)
                {
                    _inFlight = false;
                    _framer.ExpectPrompt = false;
                    // A block still arriving is read to its end and dropped: the caller owns its buffer again.
                    _dataForCommand = false;
                    _dataDestination = null;
                    if (status == AtStatus.Timeout)
                    {
                        _stats.Timeouts++;
                    }
                    bool answered = status != AtStatus.Timeout && status != AtStatus.LinkFault;
                    _result.Set(status, answered ? _code : 0, answered ? _dataCount : 0);
                }
                if (status != AtStatus.Busy || attempt >= _options.BusyRetries)
                {
                    return _result;
                }
                _stats.BusyRetries++;
                _clock.Wait(_never, _options.BusyBackoffMs * (attempt + 1));
            }
        }

        private AtStatus Await(int timeoutMs, byte[] payload, int offset, int count)
        {
            long deadline = _clock.NowMs + timeoutMs;
            bool payloadSent = false;
            while (true)
            {
                bool sendPayload = false;
                bool waitingForPayload = false;
                lock (_sync)
                {
                    if (_done)
                    {
                        return _status;
                    }
                    if (payload != null && !payloadSent)
                    {
                        sendPayload = _promptSeen;
                        waitingForPayload = _okSeen;
                    }
                }
                if (sendPayload)
                {
                    payloadSent = true;
                    _link.Write(payload, offset, count);
                    _link.Write(CrLf, 0, CrLf.Length);
                    continue;
                }
                long left = deadline - _clock.NowMs;
                if (left <= 0)
                {
                    if (waitingForPayload)
                    {
                        // The module accepted the command and may sit in its payload state: take it out.
                        _link.Write(PayloadAbort, 0, PayloadAbort.Length);
                    }
                    return AtStatus.Timeout;
                }
                // Woken at least every stall time: a frame the module left unfinished is closed even with no reader idle.
                int slice = left > _options.FrameStallMs ? _options.FrameStallMs + 1 : (int)left;
                if (!_clock.Wait(_answer, slice))
                {
                    CheckStall();
                }
            }
        }

        // ---- IFrameSink: called by the framer under _sync, on the reader's thread ----

        void IFrameSink.OnLine(byte[] line, int offset, int count)
        {
            _stats.Lines++;
            bool swallowBusy = _swallowBusyLine;
            _swallowBusyLine = false;

            if (_inFlight && Ascii.Equals(line, offset, count, _writer.Buffer, 0, _writer.Length - CrLf.Length))
            {
                _stats.EchoLines++;
                return;
            }

            if (LineTable.MatchReport(line, offset, count, _inFlight ? _resultPrefix : null, _parsed))
            {
                AddReport(null, 0, 0, null, 0, 0);
                return;
            }

            if (_inFlight && _resultPrefix != null && Ascii.StartsWith(line, offset, count, _resultPrefix))
            {
                OnResultLine(line, offset, count);
                return;
            }

            int code;
            switch (LineTable.ClassifyFinal(line, offset, count, out code))
            {
                case LineKind.Ok:
                    OnOk();
                    return;
                case LineKind.Error:
                    Finish(AtStatus.Error, _errCode);
                    return;
                case LineKind.CmeError:
                    Finish(AtStatus.CmeError, code);
                    return;
                case LineKind.Busy:
                    if (!swallowBusy)
                    {
                        Finish(AtStatus.Busy, 0);
                    }
                    return;
                case LineKind.ErrCode:
                    if (LineTable.IsBusyErrCode(code))
                    {
                        // Spec 1.3 prints "ERR CODE:0x010b0000" then "busy p...": one busy answer, not two.
                        Finish(AtStatus.Busy, code);
                        _swallowBusyLine = true;
                    }
                    else
                    {
                        _errCode = code;
                    }
                    return;
            }

            if (_inFlight && !_done)
            {
                Capture(line, offset, count);
                return;
            }
            _stats.StrayLines++;
        }

        void IFrameSink.OnPrompt()
        {
            if (_inFlight && !_done)
            {
                _promptSeen = true;
                _answer.Set();
            }
        }

        void IFrameSink.OnMessage(byte[] buffer, int topicOffset, int topicCount, int payloadOffset, int payloadCount, bool truncated)
        {
            if (topicCount > _options.TopicCapacity || payloadCount > _options.PayloadCapacity)
            {
                _stats.ReportsDropped++;
                return;
            }
            _parsed.Clear(ReportKind.MessageReceived);
            _parsed.Truncated = truncated;
            AddReport(buffer, topicOffset, topicCount, buffer, payloadOffset, payloadCount);
        }

        void IFrameSink.OnDataStart(int length)
        {
            _dataForCommand = _inFlight && !_done && _okSeen && _reply == AtReply.OkThenData;
            if (!_dataForCommand)
            {
                _stats.StrayLines++;
                return; // a stray block (a copy behind the answer) must not reset the count of the one delivered
            }
            _dataOverrun = length > _dataCapacity;
            _dataCount = 0;
        }

        void IFrameSink.OnData(byte[] buffer, int offset, int count)
        {
            if (_dataForCommand && !_dataOverrun)
            {
                Array.Copy(buffer, offset, _dataDestination, _dataOffset + _dataCount, count);
                _dataCount += count;
            }
        }

        void IFrameSink.OnDataEnd(bool complete)
        {
            if (!_dataForCommand)
            {
                return;
            }
            _dataForCommand = false;
            Finish(complete && !_dataOverrun ? AtStatus.Ok : AtStatus.BadData, 0);
        }

        void IFrameSink.OnFault(FrameFault fault)
        {
            switch (fault)
            {
                case FrameFault.LineTooLong: _stats.LinesTooLong++; break;
                case FrameFault.MessageTruncated: _stats.MessagesTruncated++; break;
                case FrameFault.Stalled: _stats.StalledFrames++; break;
                case FrameFault.MessageTooLong: _stats.ReportsDropped++; _stats.MessagesTooLong++; break;
                default: _stats.MalformedFrames++; break;
            }
        }

        // The report in _parsed, with its topic and payload: observed now, in stream order, then queued.
        private void AddReport(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount)
        {
            _parsed.Sequence = ++_sequence;
            IReportObserver observer = Observer;
            if (observer != null)
            {
                _parsed.Buffer = topic;
                _parsed.TopicOffset = topicOffset;
                _parsed.TopicLength = topicCount;
                _parsed.PayloadOffset = payloadOffset;
                _parsed.PayloadLength = payloadCount;
                observer.Observe(_parsed);
            }
            if (!_reports.Add(_parsed, topic, topicOffset, topicCount, payload, payloadOffset, payloadCount))
            {
                _stats.ReportsDropped++;
                return;
            }
            _stats.Reports++;
        }

        // "+NAME:..." while NAME is in flight: its result, its data line, or a response line.
        private void OnResultLine(byte[] line, int offset, int count)
        {
            if (_done)
            {
                _stats.StrayLines++;
                return;
            }
            int rest = offset + _resultPrefix.Length;
            int end = offset + count;
            if (_reply == AtReply.OkThenResult || _reply == AtReply.PromptThenResult)
            {
                if (!_okSeen)
                {
                    // These commands answer OK first: a result before it is a late one of an earlier command.
                    _stats.StaleResults++;
                    return;
                }
                if (end - rest == 2 && line[rest] == (byte)'O' && line[rest + 1] == (byte)'K')
                {
                    _answerSequence = _answerSequence != 0 ? _answerSequence : ++_sequence; // this answer's place (see ResultSequence)
                    SetResult(AtStatus.Ok, 0);
                    return;
                }
                if (end - rest >= 4 && line[rest] == (byte)'F' && line[rest + 1] == (byte)'A' && line[rest + 2] == (byte)'I' && line[rest + 3] == (byte)'L')
                {
                    // "FAIL,<err>", the spec's "FAIL<err>", or TCMQTTSRV's bare "FAIL".
                    int p = rest + 4;
                    if (p < end && line[p] == Ascii.Comma)
                    {
                        p++;
                    }
                    int code;
                    _answerSequence = _answerSequence != 0 ? _answerSequence : ++_sequence; // this answer's place (see ResultSequence)
                    SetResult(AtStatus.Failed, Ascii.ParseInt(line, p, end, out code) < 0 ? 0 : code);
                    return;
                }
            }
            _answerSequence = _answerSequence != 0 ? _answerSequence : ++_sequence;
            Capture(line, offset, count);
            if (_reply == AtReply.OkThenLine)
            {
                SetResult(AtStatus.Ok, 0);
            }
        }

        private void SetResult(AtStatus status, int code)
        {
            _resultSeen = true;
            _resultStatus = status;
            _resultCode = code;
            if (_okSeen)
            {
                Finish(status, code);
            }
        }

        private void OnOk()
        {
            if (!_inFlight || _done)
            {
                _stats.StrayLines++;
                return;
            }
            _okSeen = true;
            if (_reply == AtReply.Ok)
            {
                Finish(AtStatus.Ok, 0);
            }
            else if (_resultSeen)
            {
                Finish(_resultStatus, _resultCode);
            }
        }

        private void Capture(byte[] line, int offset, int count)
        {
            if (!_response.Add(line, offset, count))
            {
                _stats.ResponseOverflows++;
            }
        }

        private void Finish(AtStatus status, int code)
        {
            if (!_inFlight || _done)
            {
                _stats.StrayLines++;
                return;
            }
            _status = status;
            _code = code;
            _done = true;
            _resultSequence = _answerSequence != 0 ? _answerSequence : ++_sequence;
            _answer.Set();
        }
    }
}
