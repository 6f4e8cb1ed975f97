namespace TcAtMcu.Ota
{
    /// <summary>
    /// The boot decisions over the committed packages. <see cref="Choose"/> picks the newest package not marked bad:
    /// a package on trial that has already been booted <see cref="MaxTrialBoots"/> times without proving healthy is
    /// marked bad and skipped; any package whose bytes no longer pass <see cref="PackageReader.Check"/> is marked bad
    /// and skipped; a trial's boot is counted (written) BEFORE anything of it is loaded, so a crash or a hang still
    /// counts. <see cref="Confirm"/> makes a trial package the known-good one and deletes what is no longer needed.
    /// </summary>
    public sealed class BootManager
    {
        private readonly IPackageStorage _storage;
        private readonly PackageReader _reader;
        private readonly byte[] _state = new byte[PackageState.Length];

        public BootManager(IPackageStorage storage, PackageReader reader, int maxTrialBoots)
        {
            _storage = storage;
            _reader = reader;
            MaxTrialBoots = maxTrialBoots;
        }

        /// <summary>Boots a trial package gets before it is marked bad (1: a single try; 2: one retry after a power cut).</summary>
        public int MaxTrialBoots { get; private set; }

        /// <summary>The chosen package's sequence (0: none), after <see cref="Choose"/>.</summary>
        public int Chosen { get; private set; }

        /// <summary>Its version.</summary>
        public string ChosenVersion { get; private set; }

        /// <summary>True when the chosen package is on trial.</summary>
        public bool OnTrial { get; private set; }

        /// <summary>The newest good package's version (null: none), the version reported while a trial runs.</summary>
        public string KnownGoodVersion { get; private set; }

        /// <summary>The newest good package's sequence (0: none).</summary>
        public int KnownGood { get; private set; }

        /// <summary>How the last refused package failed its check.</summary>
        public PackageCheck LastRefusal { get; private set; }

        /// <summary>Picks the package to run; returns its sequence, 0 when there is none to run.</summary>
        public int Choose()
        {
            Chosen = 0;
            ChosenVersion = null;
            OnTrial = false;
            KnownGood = 0;
            KnownGoodVersion = null;
            int[] sequences = _storage.List();
            SortDescending(sequences);
            for (int i = 0; i < sequences.Length; i++)
            {
                int sequence = sequences[i];
                int count = _storage.ReadState(sequence, _state);
                byte status = PackageState.Status(_state, count);
                if (status == PackageState.Bad)
                {
                    continue;
                }
                int boots = PackageState.Boots(_state, count);
                if (status == PackageState.Trial && boots >= MaxTrialBoots)
                {
                    MarkBad(sequence);
                    continue;
                }
                if (status == PackageState.Trial && Chosen != 0)
                {
                    _storage.Delete(sequence); // superseded by a newer package before it was ever tried
                    continue;
                }
                if (!Passes(sequence))
                {
                    MarkBad(sequence);
                    continue;
                }
                if (Chosen == 0)
                {
                    Chosen = sequence;
                    ChosenVersion = _reader.Version;
                    OnTrial = status == PackageState.Trial;
                    if (OnTrial)
                    {
                        PackageState.Write(_state, PackageState.Trial, boots + 1);
                        _storage.WriteState(sequence, _state, PackageState.Length);
                    }
                }
                if (status == PackageState.Good)
                {
                    KnownGood = sequence;
                    KnownGoodVersion = _reader.Version;
                    if (!OnTrial || Chosen != sequence)
                    {
                        break;
                    }
                }
            }
            if (Chosen != 0 && !OnTrial)
            {
                KnownGood = Chosen;
                KnownGoodVersion = ChosenVersion;
            }
            return Chosen;
        }

        /// <summary>The chosen trial package proved healthy: it becomes the known-good one; older packages are deleted.</summary>
        public void Confirm(int sequence)
        {
            PackageState.Write(_state, PackageState.Good, 0);
            _storage.WriteState(sequence, _state, PackageState.Length);
            int[] sequences = _storage.List();
            for (int i = 0; i < sequences.Length; i++)
            {
                if (sequences[i] < sequence)
                {
                    _storage.Delete(sequences[i]);
                }
            }
            if (Chosen == sequence)
            {
                OnTrial = false;
                KnownGood = sequence;
                KnownGoodVersion = ChosenVersion;
            }
        }

        /// <summary>Never run this package again.</summary>
        public void MarkBad(int sequence)
        {
            PackageState.Write(_state, PackageState.Bad, 0);
            _storage.WriteState(sequence, _state, PackageState.Length);
        }

        private bool Passes(int sequence)
        {
            IByteSource source = _storage.Open(sequence);
            try
            {
                PackageCheck check = _reader.Check(source);
                if (check != PackageCheck.Valid)
                {
                    LastRefusal = check;
                }
                return check == PackageCheck.Valid;
            }
            finally
            {
                source.Close();
            }
        }

        private static void SortDescending(int[] values)
        {
            for (int i = 1; i < values.Length; i++)
            {
                int v = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] < v)
                {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = v;
            }
        }
    }
}
