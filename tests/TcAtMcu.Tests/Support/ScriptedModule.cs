using System;
using System.Threading;
using TcAtMcu.Engine;
using TcAtMcu.Link;

namespace TcAtMcu.Tests.Support
{
    /// <summary>
    /// The module's side of a byte transcript. Each step names the exact bytes the MCU must send and the
    /// bytes the module answers; answers reach the engine in random fragments of 1 to 7 bytes.
    /// Attached to an engine, answers are fed to it synchronously (deterministic, single thread); otherwise
    /// they queue for <see cref="Read"/>, for tests of the engine's own reader thread.
    /// </summary>
    public sealed class ScriptedModule : IByteLink
    {
        private const int MaxSteps = 256;

        private readonly Random _random;
        private readonly byte[][] _expect = new byte[MaxSteps][];
        private readonly byte[][] _reply = new byte[MaxSteps][];
        private readonly object _sync = new object();
        private readonly AutoResetEvent _readable = new AutoResetEvent(false);
        private readonly byte[] _written = new byte[16384];
        private readonly byte[] _queue = new byte[16384];
        private int _steps;
        private int _step;
        private int _matched;
        private int _writtenCount;
        private int _queueHead;
        private int _queueCount;
        private AtEngine _engine;

        public ScriptedModule(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>Start over at the first step when the script is done (for long runs of one round trip).</summary>
        public bool Repeat { get; set; }

        /// <summary>The first difference between what the MCU sent and the script, or null.</summary>
        public string Mismatch { get; private set; }

        /// <summary>Every step's expected bytes have been sent.</summary>
        public bool Done
        {
            get { lock (_sync) { return _step == _steps && _matched == 0; } }
        }

        public int StepsDone
        {
            get { lock (_sync) { return _step; } }
        }

        /// <summary>Everything the MCU wrote, as wire text (up to 16 KB; text only: see <see cref="WrittenBytes"/>).</summary>
        public string Written
        {
            get { lock (_sync) { return Bytes.Text(_written, 0, _writtenCount); } }
        }

        /// <summary>Everything the MCU wrote (up to 16 KB), as bytes.</summary>
        public byte[] WrittenBytes
        {
            get { lock (_sync) { return Bytes.Slice(_written, 0, _writtenCount); } }
        }

        /// <summary>Forgets what the MCU wrote so far (the script's position stays): for "nothing sent" after a setup.</summary>
        public void ForgetWritten()
        {
            lock (_sync)
            {
                _writtenCount = 0;
            }
        }

        public void Attach(AtEngine engine)
        {
            _engine = engine;
        }

        /// <summary>Adds a step: when the MCU has sent exactly mcu, the module answers reply ("" for silence).</summary>
        public ScriptedModule On(string mcu, string reply)
        {
            return On(Bytes.Of(mcu), Bytes.Of(reply));
        }

        /// <summary>A step whose answer is binary (firmware data, a payload with NUL).</summary>
        public ScriptedModule On(string mcu, byte[] reply)
        {
            return On(Bytes.Of(mcu), reply);
        }

        /// <summary>A step in bytes both ways.</summary>
        public ScriptedModule On(byte[] mcu, byte[] reply)
        {
            _expect[_steps] = mcu;
            _reply[_steps] = reply;
            _steps++;
            return this;
        }

        /// <summary>Unsolicited bytes from the module, now.</summary>
        public void Send(string wire)
        {
            Deliver(Bytes.Of(wire));
        }

        /// <summary>Unsolicited bytes from the module, now, without converting a string (allocation tests).</summary>
        public void Send(byte[] wire)
        {
            Deliver(wire);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            byte[] reply = null;
            lock (_sync)
            {
                for (int i = 0; i < count; i++)
                {
                    byte b = buffer[offset + i];
                    if (_writtenCount < _written.Length)
                    {
                        _written[_writtenCount++] = b;
                    }
                    if (Mismatch != null)
                    {
                        continue;
                    }
                    if (_step == _steps && Repeat && _steps > 0)
                    {
                        _step = 0;
                    }
                    if (_step == _steps)
                    {
                        Mismatch = "the MCU sent more than the script: " + Bytes.Show(buffer, offset + i, count - i);
                        continue;
                    }
                    byte[] expected = _expect[_step];
                    if (expected[_matched] != b)
                    {
                        Mismatch = "step " + _step + ": expected " + Bytes.Show(expected, 0, expected.Length)
                            + " but byte " + _matched + " was " + Bytes.Show(buffer, offset + i, 1)
                            + " in " + Bytes.Show(buffer, offset, count);
                        continue;
                    }
                    _matched++;
                    if (_matched == expected.Length)
                    {
                        reply = _reply[_step];
                        _step++;
                        _matched = 0;
                    }
                }
            }
            // One write completes at most one step in these transcripts; its answer goes out after the lock.
            if (reply != null)
            {
                Deliver(reply);
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (QueuedCount() == 0)
            {
                _readable.WaitOne(20, false);
            }
            lock (_sync)
            {
                int n = NextFragment();
                if (n > _queueCount) n = _queueCount;
                if (n > count) n = count;
                for (int i = 0; i < n; i++)
                {
                    buffer[offset + i] = _queue[(_queueHead + i) % _queue.Length];
                }
                _queueHead = (_queueHead + n) % _queue.Length;
                _queueCount -= n;
                return n;
            }
        }

        private int QueuedCount()
        {
            lock (_sync)
            {
                return _queueCount;
            }
        }

        private int NextFragment()
        {
            return 1 + _random.Next(7);
        }

        private void Deliver(byte[] data)
        {
            if (_engine != null)
            {
                int i = 0;
                while (i < data.Length)
                {
                    int n = NextFragment();
                    if (n > data.Length - i) n = data.Length - i;
                    _engine.Receive(data, i, n);
                    i += n;
                }
                return;
            }
            lock (_sync)
            {
                for (int i = 0; i < data.Length; i++)
                {
                    _queue[(_queueHead + _queueCount) % _queue.Length] = data[i];
                    _queueCount++;
                }
            }
            _readable.Set();
        }
    }
}
