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

        /// <summary>What Begin answers: bytes already held from an interrupted transfer.</summary>
        public int Held { get; set; }
        public int BytesWritten { get; private set; }
        public bool Committed { get; private set; }
        public bool Aborted { get; private set; }
        public string Version { get; private set; }

        public int Begin(string version, int size, string md5)
        {
            Version = version;
            Committed = false;
            Aborted = false;
            _position = Held;
            return Held;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            Array.Copy(buffer, offset, Data, _position, count);
            _position += count;
            BytesWritten += count;
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
