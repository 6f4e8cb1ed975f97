using System.IO;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Packages as files of one directory (nanoFramework.System.IO.FileSystem: ESP32 internal flash "I:\", an SD card
    /// "D:\" on STM32): pkg-&lt;sequence&gt;.tcp and its state record pkg-&lt;sequence&gt;.st. The same code runs on
    /// the host's file system.
    /// </summary>
    public sealed class FilePackageStorage : IPackageStorage
    {
        private const string Prefix = "pkg-";
        private const string PackageExtension = ".tcp";
        private readonly string _root;

        /// <param name="directory">e.g. I:\ota on an ESP32; created when missing.</param>
        public FilePackageStorage(string directory)
        {
            char separator = directory.IndexOf('\\') >= 0 ? '\\' : '/';
            _root = directory.Length > 0 && directory[directory.Length - 1] == separator ? directory : directory + separator;
            if (!Directory.Exists(_root))
            {
                Directory.CreateDirectory(_root);
            }
        }

        /// <summary>The directory, with its trailing separator.</summary>
        public string Root { get { return _root; } }

        public string PackagePath(int sequence)
        {
            return _root + Prefix + sequence + PackageExtension;
        }

        private string StatePath(int sequence)
        {
            return _root + Prefix + sequence + ".st";
        }

        public int[] List()
        {
            string[] files = Directory.GetFiles(_root);
            int[] found = new int[files.Length];
            int count = 0;
            for (int i = 0; i < files.Length; i++)
            {
                int sequence = SequenceOf(files[i]);
                if (sequence > 0)
                {
                    found[count++] = sequence;
                }
            }
            int[] list = new int[count];
            System.Array.Copy(found, list, count);
            return list;
        }

        /// <summary>The sequence the next committed package gets: one above every package held.</summary>
        public int NextSequence()
        {
            int[] list = List();
            int highest = 0;
            for (int i = 0; i < list.Length; i++)
            {
                highest = list[i] > highest ? list[i] : highest;
            }
            return highest + 1;
        }

        public IByteSource Open(int sequence)
        {
            return new FileByteSource(PackagePath(sequence));
        }

        public int ReadState(int sequence, byte[] buffer)
        {
            string path = StatePath(sequence);
            if (!File.Exists(path))
            {
                return 0;
            }
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int length = (int)file.Length;
                // A record of the wrong length reads as damaged.
                return length > buffer.Length ? buffer.Length + 1 : file.Read(buffer, 0, length);
            }
        }

        public void WriteState(int sequence, byte[] state, int count)
        {
            using (FileStream file = new FileStream(StatePath(sequence), FileMode.Create, FileAccess.Write))
            {
                file.Write(state, 0, count);
                file.Flush();
            }
        }

        public void Delete(int sequence)
        {
            DeleteIfThere(PackagePath(sequence));
            DeleteIfThere(StatePath(sequence));
        }

        internal static void DeleteIfThere(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        // "...pkg-12.tcp" -> 12; anything else -> 0.
        private static int SequenceOf(string path)
        {
            int slash = path.LastIndexOf('/');
            int backslash = path.LastIndexOf('\\');
            int start = (slash > backslash ? slash : backslash) + 1;
            if (!path.EndsWith(PackageExtension) || path.IndexOf(Prefix, start) != start)
            {
                return 0;
            }
            int value = 0;
            char[] chars = path.ToCharArray();
            int end = chars.Length - PackageExtension.Length;
            for (int i = start + Prefix.Length; i < end; i++)
            {
                if (chars[i] < '0' || chars[i] > '9' || value > 100000000)
                {
                    return 0;
                }
                value = value * 10 + (chars[i] - '0');
            }
            return end > start + Prefix.Length ? value : 0;
        }
    }

    /// <summary>A package file read at any position.</summary>
    public sealed class FileByteSource : IByteSource
    {
        private readonly FileStream _file;
        private readonly int _length;

        public FileByteSource(string path)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read);
            _length = (int)_file.Length;
        }

        public int Length { get { return _length; } }

        public int ReadAt(int position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= _length)
            {
                return 0;
            }
            _file.Position = position;
            int done = 0;
            while (done < count)
            {
                int n = _file.Read(buffer, offset + done, count - done);
                if (n <= 0)
                {
                    break;
                }
                done += n;
            }
            return done;
        }

        public void Close()
        {
            _file.Dispose();
        }
    }
}
