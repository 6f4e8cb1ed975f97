using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using TcAtMcu.Engine;
using TcAtMcu.Link;
using TcAtMcu.Ota;

namespace TcAtMcu.Tests.Host
{
    /// <summary>What a module under an attacker's control does to one OTA read (<see cref="HostileOtaModule"/>).</summary>
    public enum OtaAttack
    {
        None,
        /// <summary>One data byte of chunk At flipped (XOR 0xFF) on the wire.</summary>
        FlipByte,
        /// <summary>Chunk At declared and delivered shorter than asked, before the image's end.</summary>
        ShortAnswer,
        /// <summary>Chunk At declared as asked, but only Param of its bytes sent, then silence.</summary>
        CutAnswer,
        /// <summary>Chunk At declared and delivered Param bytes longer than asked.</summary>
        LongAnswer,
        /// <summary>Chunk At answered with chunk At-1's bytes again (the module's offset did not move).</summary>
        Replay,
        /// <summary>Chunk At answered twice on the wire, the copy right behind the answer.</summary>
        Duplicate,
        /// <summary>Chunk At's command gets the previous chunk's answer first, then its own.</summary>
        StaleFirst,
        /// <summary>The module reboots in chunk At after Param data bytes: boot garbage, "ready", its read offset back to 0.</summary>
        Reboot,
        /// <summary>Chunk At's read fails: +CME ERROR:208.</summary>
        CmeError,
        /// <summary>+TCFWINFO announces the image's size plus Param (the MD5 is the image's).</summary>
        SizeLarger,
        /// <summary>+TCFWINFO announces the image's size minus Param (at least 1).</summary>
        SizeSmaller,
        /// <summary>+TCFWINFO announces an MD5 with one hex digit changed.</summary>
        WrongMd5,
        /// <summary>+TCFWINFO announces an MD5 that is not 32 hex digits.</summary>
        GarbledMd5,
        /// <summary>+TCFWINFO announces a size larger than its own maximum.</summary>
        SizeOverMax,
        /// <summary>AT+TCFWINFO? gets +CME ERROR:208: no image.</summary>
        NoImage,
    }

    /// <summary>
    /// A module that serves a cached image (AT+TCFWINFO?, AT+TCREADFWDATA) and does one <see cref="OtaAttack"/> to it,
    /// answering in random fragments of 1 to MaxFragment bytes, synchronously into the engine (as ScriptedModule
    /// does). It records what it was asked and every data byte it put on the wire for each answer, the plain reference
    /// the properties compare the firmware's sink against.
    /// </summary>
    public sealed class HostileOtaModule : IByteLink
    {
        private readonly Random _random;
        private readonly List<byte> _line = new List<byte>();
        private AtEngine _engine;
        private int _offset;
        private byte[] _previousAnswer;
        private int _chunk;

        public HostileOtaModule(byte[] image, int seed, int maxFragment)
        {
            Image = image;
            _random = new Random(seed);
            MaxFragment = maxFragment;
        }

        public byte[] Image { get; }
        public int MaxFragment { get; }
        public string Version { get; set; } = "2.0.0";
        public int MaxSize { get; set; } = 716800;
        public OtaAttack Attack { get; set; }
        public int At { get; set; }
        public int Param { get; set; }

        /// <summary>The count of each AT+TCREADFWDATA, in order.</summary>
        public List<int> Asked { get; } = new List<int>();

        public string Md5Hex => Convert.ToHexStringLower(MD5.HashData(Image));

        public void Attach(AtEngine engine) => _engine = engine;

        /// <summary>The attack done (or switched off): the next run is served honestly.</summary>
        public void BeHonest()
        {
            Attack = OtaAttack.None;
        }

        public int Read(byte[] buffer, int offset, int count) => 0;

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _line.Add(buffer[offset + i]);
                int n = _line.Count;
                if (n >= 2 && _line[n - 2] == '\r' && _line[n - 1] == '\n')
                {
                    string command = Encoding.ASCII.GetString(_line.ToArray(), 0, n - 2);
                    _line.Clear();
                    Answer(command);
                }
            }
        }

        private void Answer(string command)
        {
            if (command == "AT+TCFWINFO?")
            {
                _offset = 0;
                _chunk = 0;
                _previousAnswer = null;
                Asked.Clear();
                AnswerInfo();
                return;
            }
            const string read = "AT+TCREADFWDATA=";
            if (command.StartsWith(read, StringComparison.Ordinal) && int.TryParse(command.AsSpan(read.Length), out int asked))
            {
                Asked.Add(asked);
                AnswerChunk(asked, _chunk++);
                return;
            }
            Send(Ascii("ERROR\r\n"));
        }

        private void AnswerInfo()
        {
            if (Attack == OtaAttack.NoImage)
            {
                Send(Ascii("+CME ERROR:208\r\n"));
                return;
            }
            int size = Image.Length;
            string md5 = Md5Hex;
            int max = MaxSize;
            switch (Attack)
            {
                case OtaAttack.SizeLarger: size += Param; break;
                case OtaAttack.SizeSmaller: size = size <= 1 ? size : Math.Max(1, size - Param); break;
                case OtaAttack.WrongMd5: md5 = md5.Substring(0, Param % 32) + (md5[Param % 32] == '0' ? '1' : '0') + md5.Substring(Param % 32 + 1); break;
                case OtaAttack.GarbledMd5: md5 = Param % 2 == 0 ? md5.Substring(1) : md5.Substring(0, 31) + "g"; break;
                case OtaAttack.SizeOverMax: max = size - 1; break;
            }
            Send(Ascii("OK\r\n+TCFWINFO:\"" + Version + "\"," + size + ",\"" + md5 + "\"," + max + "\r\n"));
        }

        private void AnswerChunk(int asked, int chunk)
        {
            if (_offset >= Image.Length)
            {
                Send(Ascii("+CME ERROR:208\r\n")); // reading past the end (spec 4.4)
                return;
            }
            int n = Math.Min(asked, Image.Length - _offset);
            byte[] data = new byte[n];
            Array.Copy(Image, _offset, data, 0, n);
            bool attacked = chunk == At;
            if (attacked)
            {
                switch (Attack)
                {
                    case OtaAttack.CmeError:
                        Send(Ascii("+CME ERROR:208\r\n"));
                        return;
                    case OtaAttack.FlipByte:
                        data[Param % n] ^= 0xFF;
                        break;
                    case OtaAttack.ShortAnswer:
                        data = data[..(Param % n)];
                        break;
                    case OtaAttack.LongAnswer:
                        data = Join(data, Filler(Param));
                        break;
                    case OtaAttack.Replay when _previousAnswer != null:
                        _offset += n;
                        Send(_previousAnswer);
                        return;
                    case OtaAttack.StaleFirst when _previousAnswer != null:
                        Send(_previousAnswer);
                        break;
                    case OtaAttack.CutAnswer:
                        _offset += n;
                        Send(Join(Head(n), data[..(Param % n)]));
                        return;
                    case OtaAttack.Reboot:
                        _offset = 0;
                        Send(Join(Head(n), data[..(Param % n)], Simulator.ModuleSimulator.BootGarbageBytes, Ascii("\r\nready\r\n")));
                        return;
                }
            }
            _offset += n;
            byte[] answer = Join(Head(data.Length), data, Ascii("\r\n"));
            _previousAnswer = answer;
            Send(answer);
            if (attacked && Attack == OtaAttack.Duplicate)
            {
                Send(answer);
            }
        }

        private static byte[] Head(int declared) => Ascii("OK\r\n+TCREADFWDATA:" + declared + ",");

        private byte[] Filler(int count)
        {
            byte[] bytes = new byte[count];
            _random.NextBytes(bytes);
            return bytes;
        }

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        private static byte[] Join(params byte[][] parts)
        {
            List<byte> all = new List<byte>();
            foreach (byte[] part in parts)
            {
                all.AddRange(part);
            }
            return all.ToArray();
        }

        private void Send(byte[] data)
        {
            int i = 0;
            while (i < data.Length)
            {
                int n = Math.Min(1 + _random.Next(MaxFragment), data.Length - i);
                _engine.Receive(data, i, n);
                i += n;
            }
        }
    }

    /// <summary>A sink that records the updater's calls and checks their order: Begin, Writes, then one Commit or Abort.</summary>
    public sealed class RecordingSink : IFirmwareSink
    {
        private readonly List<byte> _written = new List<byte>();
        private bool _open;

        public RecordingSink(int capacity) => Capacity = capacity;

        public int Capacity { get; }
        public int Begins { get; private set; }
        public int Commits { get; private set; }
        public int Aborts { get; private set; }
        public string Violation { get; private set; }

        /// <summary>The bytes of the last committed image (null: none).</summary>
        public byte[] Installed { get; private set; }

        /// <summary>Every image committed, in order.</summary>
        public List<byte[]> History { get; } = new List<byte[]>();

        public byte[] Written => _written.ToArray();

        public int Begin(string version, int size, string md5)
        {
            if (_open)
            {
                Violation ??= "Begin while a transfer was open";
            }
            Begins++;
            _open = true;
            _written.Clear();
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (!_open)
            {
                Violation ??= "Write outside a transfer";
            }
            _written.AddRange(new ArraySegment<byte>(buffer, offset, count));
        }

        public void Commit()
        {
            if (!_open)
            {
                Violation ??= "Commit outside a transfer";
            }
            _open = false;
            Commits++;
            Installed = _written.ToArray();
            History.Add(Installed);
        }

        public void Abort()
        {
            if (!_open)
            {
                Violation ??= "Abort outside a transfer";
            }
            _open = false;
            Aborts++;
        }
    }
}
