namespace TcAtMcu.Ota
{
    /// <summary>Packages in RAM (up to 8): tests, and the interpreter run where there is no file system.</summary>
    public sealed class MemoryPackageStorage : IPackageStorage
    {
        private readonly int[] _sequences = new int[8];
        private readonly byte[][] _packages = new byte[8][];
        private readonly byte[][] _states = new byte[8][];

        public void Add(int sequence, byte[] package)
        {
            int slot = Slot(sequence);
            if (slot < 0)
            {
                slot = Slot(0);
            }
            _sequences[slot] = sequence;
            _packages[slot] = package;
            _states[slot] = null;
        }

        public int[] List()
        {
            int count = 0;
            for (int i = 0; i < _sequences.Length; i++)
            {
                count += _sequences[i] != 0 ? 1 : 0;
            }
            int[] list = new int[count];
            count = 0;
            for (int i = 0; i < _sequences.Length; i++)
            {
                if (_sequences[i] != 0)
                {
                    list[count++] = _sequences[i];
                }
            }
            return list;
        }

        public IByteSource Open(int sequence)
        {
            byte[] package = _packages[Slot(sequence)];
            return new ArrayByteSource(package, 0, package.Length);
        }

        public int ReadState(int sequence, byte[] buffer)
        {
            int slot = Slot(sequence);
            byte[] state = slot < 0 ? null : _states[slot];
            if (state == null)
            {
                return 0;
            }
            System.Array.Copy(state, buffer, state.Length);
            return state.Length;
        }

        public void WriteState(int sequence, byte[] state, int count)
        {
            byte[] copy = new byte[count];
            System.Array.Copy(state, copy, count);
            _states[Slot(sequence)] = copy;
        }

        /// <summary>The state record as stored (tests compare it byte for byte); null when there is none.</summary>
        public byte[] State(int sequence)
        {
            int slot = Slot(sequence);
            return slot < 0 ? null : _states[slot];
        }

        public bool Has(int sequence)
        {
            return Slot(sequence) >= 0;
        }

        public void Delete(int sequence)
        {
            int slot = Slot(sequence);
            if (slot >= 0)
            {
                _sequences[slot] = 0;
                _packages[slot] = null;
                _states[slot] = null;
            }
        }

        private int Slot(int sequence)
        {
            for (int i = 0; i < _sequences.Length; i++)
            {
                if (_sequences[i] == sequence)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
