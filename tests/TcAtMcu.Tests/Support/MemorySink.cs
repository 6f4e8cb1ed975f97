using System;
using TcAtMcu.Ota;

namespace TcAtMcu.Tests.Support
{
    /// <summary>A firmware sink in RAM that records what the updater did to it.</summary>
    public sealed class MemorySink : IFirmwareSink
    {
        private int _position;

        public MemorySink(int capacity)
        {
            Capacity = capacity;
            Data = new byte[capacity];
        }

        public int Capacity { get; private set; }
        public byte[] Data { get; private set; }

        /// <summary>Bytes already held from an interrupted transfer of the same image (set by the test).</summary>
        public int Held { get; set; }

        /// <summary>Bytes actually written: held bytes that match what arrives are only compared.</summary>
        public int BytesWritten { get; private set; }
        public bool Committed { get; private set; }
        public bool Aborted { get; private set; }
        public string Version { get; private set; }

        public int Begin(string version, int size, string md5)
        {
            Version = version;
            Committed = false;
            Aborted = false;
            _position = 0;
            return Held;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++, _position++)
            {
                if (_position < Held && Data[_position] == buffer[offset + i])
                {
                    continue;
                }
                Data[_position] = buffer[offset + i];
                BytesWritten++;
            }
        }

        public void Commit()
        {
            Committed = true;
        }

        public void Abort()
        {
            Aborted = true;
        }
    }
}
