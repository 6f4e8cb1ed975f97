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
    /// seen the final result. Reports are copied into fixed slots and handed to an <see cref="IReportHandler"/> by
    /// <see cref="DispatchReports"/>, on the dispatcher thread or the application's, never on the reader, so a
    /// handler may itself send commands.
    /// </summary>
    public sealed class AtEngine : IFrameSink
    {
        private static readonly byte[] CrLf = { Ascii.Cr, Ascii.Lf };
        private static readonly byte[] PayloadAbort = Ascii.Bytes("+++\r\n");

        private readonly IByteLink _link;
        private readonly AtEngineOptions _options;
        private readonly AtFramer _framer;
        private readonly AtCommandWriter _writer = new AtCommandWriter();
        private readonly AtResponse _response;
        private readonly ReportQueue _reports;
        private readonly Report _unqueuedReport;
        private readonly byte[] _receiveBuffer;
        private readonly object _sync = new object();
        private readonly object _gate = new object();
        private readonly object _dispatchGate = new object();
        private readonly AutoResetEvent _answer = new AutoResetEvent(false);
        private readonly AutoResetEvent _reportReady = new AutoResetEvent(false);
        private readonly AtEngineStats _stats = new AtEngineStats();

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

        // The length-prefixed block being received; guarded by _sync.
        private DataKind _dataKind;
        private Report _message;
        private long _lastByteMs;

        private Thread _reader;
        private Thread _dispatcher;
        private IReportHandler _handler;
        private bool _running;

        public AtEngine(IByteLink link, AtEngineOptions options)
        {
            _link = link;
            _options = options;
            _framer = new AtFramer(this, options.LineCapacity);
            _framer.HexFirmwareData = options.HexFirmwareData;
            _response = new AtResponse(options.ResponseCapacity, options.ResponseLines);
            _reports = new ReportQueue(options.ReportSlots, options.TopicCapacity, options.PayloadCapacity);
            _unqueuedReport = new Report(0, 0);
            _receiveBuffer = new byte[options.ReceiveChunk];
        }

        /// <summary>Where the next command is built. Hold <see cref="Gate"/> from building it until its response is read.</summary>
        public AtCommandWriter Writer { get { return _writer; } }

        /// <summary>Response lines of the last command.</summary>
        public AtResponse Response { get { return _response; } }

        /// <summary>Serialises callers: one command is built, sent and read at a time.</summary>
        public object Gate { get { return _gate; } }

        public AtEngineStats Stats { get { return _stats; } }

        /// <summary>Set when a report is queued; for an application that dispatches on its own thread.</summary>
        public WaitHandle ReportReady { get { return _reportReady; } }

        /// <summary>Reports queued and not yet dispatched.</summary>
        public int PendingReports
        {
            get { lock (_sync) { return _reports.Count; } }
        }

        /// <summary>Sends the command in <see cref="Writer"/> and waits for its final result.</summary>
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
            lock (_sync)
            {
                _lastByteMs = Clock.NowMs;
                _framer.Process(data, offset, count);
            }
        }

        /// <summary>Drops a partial frame that has seen no byte for FrameStallMs. The reader calls it when idle.</summary>
        public void CheckStall()
        {
            lock (_sync)
            {
                if (_framer.InFrame && Clock.NowMs - _lastByteMs > _options.FrameStallMs)
                {
                    _stats.StalledFrames++;
                    _framer.Reset();
                }
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

        /// <summary>Hands every queued report to the handler on this thread; returns how many.</summary>
        public int DispatchReports(IReportHandler handler)
        {
            if (PendingReports == 0)
            {
                return 0;
            }
            int delivered = 0;
            lock (_dispatchGate)
            {
                while (true)
                {
                    Report report;
                    lock (_sync)
                    {
                        report = _reports.Oldest();
                    }
                    if (report == null)
                    {
                        return delivered;
                    }
                    try
                    {
                        handler.OnReport(report);
                    }
                    catch (Exception)
                    {
                        _stats.HandlerFaults++;
                    }
                    lock (_sync)
                    {
                        _reports.Release();
                    }
                    delivered++;
                }
            }
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
                return new AtResult(AtStatus.Refused, (int)_writer.Refusal, 0);
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
                    _response.Clear();
                    _framer.ExpectPrompt = reply == AtReply.PromptThenResult;
                    _dataDestination = destination;
                    _dataOffset = destinationOffset;
                    _dataCapacity = destinationCapacity;
                    _dataCount = 0;
                    _answer.Reset();
                    _stats.Commands++;
                }

                AtResult result;
                try
                {
                    _link.Write(_writer.Buffer, 0, _writer.Length);
                    result = Await(timeoutMs, payload, payloadOffset, payloadCount);
                }
                catch (Exception)
                {
                    _stats.LinkFaults++;
                    result = new AtResult(AtStatus.LinkFault, 0, 0);
                }

                lock (_sync)
                {
                    _inFlight = false;
                    _framer.ExpectPrompt = false;
                    _dataDestination = null;
                    if (result.Status == AtStatus.Timeout)
                    {
                        _stats.Timeouts++;
                    }
                }
                if (result.Status != AtStatus.Busy || attempt >= _options.BusyRetries)
                {
                    return result;
                }
                _stats.BusyRetries++;
                Thread.Sleep(_options.BusyBackoffMs * (attempt + 1));
            }
        }

        private AtResult Await(int timeoutMs, byte[] payload, int offset, int count)
        {
            long deadline = Clock.NowMs + timeoutMs;
            bool payloadSent = false;
            while (true)
            {
                bool sendPayload = false;
                bool waitingForPayload = false;
                lock (_sync)
                {
                    if (_done)
                    {
                        return new AtResult(_status, _code, _dataCount);
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
                long left = deadline - Clock.NowMs;
                if (left <= 0)
                {
                    if (waitingForPayload)
                    {
                        // The module accepted the command and may sit in its payload state: take it out.
                        _link.Write(PayloadAbort, 0, PayloadAbort.Length);
                    }
                    return new AtResult(AtStatus.Timeout, 0, 0);
                }
                _answer.WaitOne((int)left, false);
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

            Report slot = _reports.Free();
            if (LineTable.MatchReport(line, offset, count, _inFlight ? _resultPrefix : null, slot ?? _unqueuedReport))
            {
                QueueReport(slot);
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

        void IFrameSink.OnDataStart(DataKind kind, byte[] topic, int topicOffset, int topicCount, int length)
        {
            _dataKind = kind;
            if (kind == DataKind.ReceivedMessage)
            {
                Report slot = _reports.Free();
                if (slot == null || topicCount > slot.TopicCapacity || length > slot.PayloadCapacity)
                {
                    _message = null;
                    _stats.ReportsDropped++;
                    return;
                }
                slot.Clear(ReportKind.MessageReceived);
                Array.Copy(topic, topicOffset, slot.Buffer, 0, topicCount);
                slot.TopicLength = topicCount;
                _message = slot;
                return;
            }
            _dataForCommand = _inFlight && !_done && _reply == AtReply.OkThenData;
            _dataOverrun = length > _dataCapacity;
            _dataCount = 0;
            if (!_dataForCommand)
            {
                _stats.StrayLines++;
            }
        }

        void IFrameSink.OnData(byte[] buffer, int offset, int count)
        {
            if (_dataKind == DataKind.ReceivedMessage)
            {
                if (_message != null)
                {
                    Array.Copy(buffer, offset, _message.Buffer, _message.PayloadOffset + _message.PayloadLength, count);
                    _message.PayloadLength += count;
                }
                return;
            }
            if (_dataForCommand && !_dataOverrun)
            {
                Array.Copy(buffer, offset, _dataDestination, _dataOffset + _dataCount, count);
                _dataCount += count;
            }
        }

        void IFrameSink.OnDataEnd(bool complete)
        {
            DataKind kind = _dataKind;
            _dataKind = DataKind.None;
            if (kind == DataKind.ReceivedMessage)
            {
                if (_message != null && complete)
                {
                    QueueReport(_message);
                }
                else if (_message != null)
                {
                    _stats.MalformedFrames++;
                }
                _message = null;
                return;
            }
            if (!_dataForCommand)
            {
                return;
            }
            _dataForCommand = false;
            if (!complete)
            {
                _stats.MalformedFrames++;
            }
            Finish(complete && !_dataOverrun ? AtStatus.Ok : AtStatus.BadData, 0);
        }

        void IFrameSink.OnLineDiscarded()
        {
            _stats.LinesTooLong++;
        }

        private void QueueReport(Report slot)
        {
            if (slot == null)
            {
                _stats.ReportsDropped++;
                return;
            }
            _reports.Commit();
            _stats.Reports++;
            _reportReady.Set();
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
                if (end - rest == 2 && line[rest] == (byte)'O' && line[rest + 1] == (byte)'K')
                {
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
                    SetResult(AtStatus.Failed, Ascii.ParseInt(line, p, end, out code) < 0 ? 0 : code);
                    return;
                }
            }
            Capture(line, offset, count);
            if (_reply == AtReply.OkThenLine)
            {
                SetResult(AtStatus.Ok, 0);
            }
        }

        // A result that completes the command once OK has been seen too (the module sends OK first).
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
            _answer.Set();
        }
    }
}
