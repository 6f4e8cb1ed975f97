using System.IO;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Stores an OTA package as it arrives, chunk by chunk, into "incoming.part" beside the packages (never whole in
    /// RAM). Commit checks it as a package (header, lengths, every file's MD5) and only then renames it to the next
    /// pkg-&lt;sequence&gt;.tcp, on trial. A ".part" left by an interrupted transfer of the same image (same MD5 and
    /// size, noted in "incoming.note") is resumed: its bytes are compared with what arrives and only differing ones
    /// are rewritten. A write error (flash full) or a refused package is thrown to <see cref="OtaUpdater"/>, which
    /// reports it; nothing committed before is touched.
    /// </summary>
    public sealed class PackageFileSink : IFirmwareSink
    {
        private readonly FilePackageStorage _storage;
        private readonly string _part;
        private readonly string _note;
        private readonly byte[] _held = new byte[512];
        private readonly PackageReader _reader = new PackageReader();
        private FileStream _file;
        private int _heldLength;

        public PackageFileSink(FilePackageStorage storage, int capacity)
        {
            _storage = storage;
            _part = storage.Root + "incoming.part";
            _note = storage.Root + "incoming.note";
            Capacity = capacity;
        }

        public int Capacity { get; private set; }

        /// <summary>The sequence of the last package committed (0: none yet).</summary>
        public int Committed { get; private set; }

        public int Begin(string version, int size, string md5)
        {
            Close();
            byte[] note = Text.Ascii.Bytes(md5 + " " + size);
            bool same = File.Exists(_part) && File.Exists(_note) && SameBytes(File.ReadAllBytes(_note), note);
            _file = new FileStream(_part, same ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite);
            if (!same)
            {
                File.WriteAllBytes(_note, note);
            }
            long length = _file.Length;
            _heldLength = same ? (length < size ? (int)length : size) : 0;
            _file.SetLength(_heldLength);
            _file.Position = 0;
            return _heldLength;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            long position = _file.Position;
            int compared = _heldLength - (int)position;
            compared = compared < 0 ? 0 : (compared > count ? count : compared);
            int done = 0;
            while (done < compared)
            {
                int n = compared - done < _held.Length ? compared - done : _held.Length;
                int got = _file.Read(_held, 0, n);
                if (got != n || !Text.Ascii.Equals(_held, 0, n, buffer, offset + done, n))
                {
                    _file.Position = position + done;
                    _file.Write(buffer, offset + done, n);
                }
                done += n;
            }
            if (count > compared)
            {
                _file.Write(buffer, offset + compared, count - compared);
            }
        }

        public void Commit()
        {
            _file.Flush();
            Close();
            IByteSource source = new FileByteSource(_part);
            PackageCheck check;
            try
            {
                check = _reader.Check(source);
            }
            finally
            {
                source.Close();
            }
            if (check != PackageCheck.Valid)
            {
                FilePackageStorage.DeleteIfThere(_part);
                FilePackageStorage.DeleteIfThere(_note);
                throw new IOException("package refused: " + PackageReader.Describe(check));
            }
            int sequence = _storage.NextSequence();
            byte[] state = new byte[PackageState.Length];
            PackageState.Write(state, PackageState.Trial, 0);
            _storage.WriteState(sequence, state, state.Length);
            File.Move(_part, _storage.PackagePath(sequence));
            FilePackageStorage.DeleteIfThere(_note);
            Committed = sequence;
        }

        public void Abort()
        {
            // The part stays for a resume of the same image; it is never booted, and compared byte for byte when resumed.
            Close();
        }

        private void Close()
        {
            if (_file != null)
            {
                _file.Dispose();
                _file = null;
            }
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            return a.Length == b.Length && Text.Ascii.Equals(a, 0, a.Length, b, 0, b.Length);
        }
    }
}
