using System;
using System.IO;
using TcAtMcu.Ota;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The host's firmware store: the image is written to "&lt;path&gt;.part" and moved to &lt;path&gt; on commit.
    /// A ".part" left by an interrupted transfer of the same image (same MD5 and size, noted beside it) is resumed:
    /// its bytes are compared with what arrives and only differing bytes are rewritten.
    /// </summary>
    public sealed class FileFirmwareSink : IFirmwareSink
    {
        private readonly string _path;
        private readonly byte[] _held = new byte[4096];
        private FileStream _part;
        private long _heldLength;
        private string _version;

        public FileFirmwareSink(string path, int capacity)
        {
            _path = path;
            Capacity = capacity;
        }

        public int Capacity { get; }

        /// <summary>The version of the last committed image; null until one is.</summary>
        public string CommittedVersion { get; private set; }

        public int Begin(string version, int size, string md5)
        {
            Close();
            string part = _path + ".part";
            string note = part + ".md5";
            bool same = File.Exists(part) && File.Exists(note) && File.ReadAllText(note) == md5 + " " + size;
            _part = new FileStream(part, same ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite);
            File.WriteAllText(note, md5 + " " + size);
            _heldLength = same ? Math.Min(_part.Length, size) : 0;
            _part.SetLength(_heldLength);
            _part.Position = 0;
            _version = version;
            return (int)_heldLength;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            long position = _part.Position;
            int compared = (int)Math.Clamp(_heldLength - position, 0, count);
            if (compared > 0)
            {
                _part.ReadExactly(_held, 0, compared);
                if (!buffer.AsSpan(offset, compared).SequenceEqual(_held.AsSpan(0, compared)))
                {
                    _part.Position = position;
                    _part.Write(buffer, offset, compared);
                }
            }
            _part.Write(buffer, offset + compared, count - compared);
        }

        public void Commit()
        {
            Close();
            File.Move(_path + ".part", _path, overwrite: true);
            File.Delete(_path + ".part.md5");
            CommittedVersion = _version;
        }

        public void Abort()
        {
            // Kept for a resume of the same image; never booted, and compared byte for byte when resumed.
            Close();
        }

        private void Close()
        {
            _part?.Dispose();
            _part = null;
        }
    }
}
