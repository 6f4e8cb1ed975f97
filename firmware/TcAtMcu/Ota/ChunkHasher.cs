using System;
using System.Threading;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Hashes and stores each OTA chunk on its own thread while the updater's thread asks for the next one: the UART
    /// carries chunk k+1 while the CPU hashes chunk k, so MD5 no longer adds to the wire time (on an ESP32 it costs
    /// about as much as 921600 baud takes to deliver the chunk). One copy of a chunk (Array.Copy, native) per chunk;
    /// nothing allocated per chunk. A sink's exception is kept and rethrown on the updater's thread.
    /// </summary>
    internal sealed class ChunkHasher
    {
        private readonly Md5 _md5;
        private readonly byte[] _buffer;
        private readonly AutoResetEvent _go = new AutoResetEvent(false);
        private readonly AutoResetEvent _done = new AutoResetEvent(false);
        private IFirmwareSink _sink;
        private Thread _thread;
        private int _count;
        private bool _busy; // written before the event that publishes it, read after a wait: the events order them
        private bool _stopping;
        private Exception _error;

        public ChunkHasher(Md5 md5, int chunkSize)
        {
            _md5 = md5;
            _buffer = new byte[chunkSize];
        }

        public void Start(IFirmwareSink sink)
        {
            _sink = sink;
            _error = null;
            _busy = false;
            _stopping = false;
            _thread = new Thread(Loop);
            _thread.Start();
        }

        /// <summary>Hands over a chunk (copied) once the previous one is done; rethrows a sink's failure.</summary>
        public void Submit(byte[] chunk, int offset, int count)
        {
            Finish();
            Array.Copy(chunk, offset, _buffer, 0, count);
            _count = count;
            _busy = true;
            _go.Set();
        }

        /// <summary>Waits until every chunk handed over is hashed and stored; rethrows a sink's failure.</summary>
        public void Finish()
        {
            Drain();
            if (_error != null)
            {
                Exception error = _error;
                _error = null;
                throw error;
            }
        }

        /// <summary>Waits until the thread is idle, whatever happened (before the sink is aborted).</summary>
        public void Drain()
        {
            while (_busy)
            {
                _done.WaitOne(100, false);
            }
        }

        /// <summary>Ends the thread; never throws.</summary>
        public void Stop()
        {
            if (_thread == null)
            {
                return;
            }
            Drain();
            _stopping = true;
            _go.Set();
            _thread.Join();
            _thread = null;
        }

        private void Loop()
        {
            while (true)
            {
                _go.WaitOne();
                if (_stopping)
                {
                    return;
                }
                try
                {
                    _md5.Update(_buffer, 0, _count);
                    _sink.Write(_buffer, 0, _count);
                }
                catch (Exception e)
                {
                    _error = e;
                }
                _busy = false;
                _done.Set();
            }
        }
    }
}
