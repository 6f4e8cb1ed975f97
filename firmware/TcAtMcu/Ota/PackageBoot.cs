using System;
using System.Reflection;
using System.Threading;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// One boot of the boot program: chooses a package (<see cref="BootManager"/>), reads and MD5-checks all of its
    /// files into RAM before loading any, loads each with Assembly.Load(byte[]), finds its one entry
    /// (<c>public static void Run(IHealthReporter)</c> on any type) and runs it. A package on trial must call
    /// <see cref="Healthy"/> within the health timeout; if it does not, throws, or a .pe is refused, it is marked bad
    /// and <see cref="IRestart.Restart"/> is asked for: on a board a reboot, after which the previous package runs.
    /// The same code runs on the host, where Restart ends the boot and the test boots again.
    /// </summary>
    public sealed class PackageBoot : IHealthReporter
    {
        private readonly IPackageStorage _storage;
        private readonly BootManager _manager;
        private readonly PackageReader _reader;
        private readonly IRestart _platform;
        private readonly int _healthTimeoutMs;
        private readonly ManualResetEvent _stop = new ManualResetEvent(false);
        private readonly ManualResetEvent _healthy = new ManualResetEvent(false);
        private readonly object _sync = new object();
        private bool _confirmed;
        private bool _condemned;
        private string _version;

        public PackageBoot(IPackageStorage storage, int maxTrialBoots, int healthTimeoutMs, IRestart platform)
        {
            _storage = storage;
            _reader = new PackageReader();
            _manager = new BootManager(storage, _reader, maxTrialBoots);
            _platform = platform;
            _healthTimeoutMs = healthTimeoutMs;
        }

        public BootManager Manager { get { return _manager; } }

        /// <summary>Told of each decision (a log line); may be null.</summary>
        public IBootLog Log { get; set; }

        /// <summary>The version of the factory application, reported when no package runs.</summary>
        public string FactoryVersion { get; set; }

        public string Version { get { return _version; } }

        public string ReportedVersion
        {
            get
            {
                lock (_sync)
                {
                    return _manager.OnTrial || _condemned ? (_manager.KnownGoodVersion != null ? _manager.KnownGoodVersion : FactoryVersion) : _version;
                }
            }
        }

        public bool OnTrial { get { return _manager.OnTrial; } }

        public WaitHandle Stop { get { return _stop; } }

        /// <summary>The .pe images loaded by the last boot (they stay referenced: the CLR runs from them).</summary>
        public Assembly[] Loaded { get; private set; }

        public void Healthy()
        {
            lock (_sync)
            {
                if (_manager.OnTrial && !_condemned)
                {
                    _manager.Confirm(_manager.Chosen);
                    _confirmed = true;
                    Note("package " + _manager.Chosen + " (" + _version + ") proved healthy: it is the known-good one");
                }
                _healthy.Set();
            }
        }

        public void Restart()
        {
            _stop.Set();
            _platform.Restart();
        }

        /// <summary>Runs the newest usable package, or the factory entry when there is none; returns how it ended.</summary>
        public BootOutcome Boot(IPackageEntry factory)
        {
            int sequence = _manager.Choose();
            if (sequence == 0)
            {
                _version = FactoryVersion;
                Note("no package to run: factory application " + FactoryVersion);
                if (factory != null)
                {
                    try
                    {
                        factory.Run(this);
                    }
                    catch (Exception e)
                    {
                        Note("factory application threw " + e.GetType().Name);
                        Restart();
                        return BootOutcome.Faulted;
                    }
                }
                return BootOutcome.Factory;
            }
            _version = _manager.ChosenVersion;
            Note("package " + sequence + " (" + _version + ")" + (_manager.OnTrial ? " on trial" : ""));
            MethodInfo entry = Load(sequence);
            if (entry == null)
            {
                Condemn(sequence);
                return BootOutcome.LoadRefused;
            }
            Thread watchdog = null;
            if (_manager.OnTrial)
            {
                watchdog = new Thread(Watch);
                watchdog.Start();
            }
            BootOutcome outcome = BootOutcome.Returned;
            try
            {
                entry.Invoke(null, new object[] { this });
            }
            catch (Exception e)
            {
                lock (_sync)
                {
                    bool trial = !_confirmed && _manager.OnTrial;
                    Note("package " + sequence + " threw " + e.GetType().Name + (trial ? ": marked bad" : ""));
                    outcome = trial ? BootOutcome.Crashed : BootOutcome.Faulted;
                    if (trial)
                    {
                        Condemn(sequence);
                    }
                }
                if (outcome == BootOutcome.Faulted)
                {
                    Restart();
                }
            }
            _healthy.Set();
            if (watchdog != null)
            {
                watchdog.Join();
            }
            return _condemned && outcome == BootOutcome.Returned ? BootOutcome.NotHealthy : outcome;
        }

        // Reads and checks every file before loading any: a package is loaded whole or not at all.
        private MethodInfo Load(int sequence)
        {
            IByteSource source = _storage.Open(sequence);
            byte[][] files;
            try
            {
                if (_reader.ReadHeader(source) != PackageCheck.Valid)
                {
                    Note("package " + sequence + " header no longer valid: marked bad");
                    return null;
                }
                files = new byte[_reader.FileCount][];
                for (int i = 0; i < files.Length; i++)
                {
                    files[i] = _reader.ReadFile(source, i);
                    if (files[i] == null)
                    {
                        Note("package " + sequence + " file " + _reader.FileName(i) + " fails its MD5: marked bad");
                        return null;
                    }
                }
            }
            finally
            {
                source.Close();
            }
            Assembly[] loaded = new Assembly[files.Length];
            for (int i = 0; i < files.Length; i++)
            {
                try
                {
                    loaded[i] = Assembly.Load(files[i]);
                }
                catch (Exception e)
                {
                    loaded[i] = null;
                    Note("the runtime refused " + _reader.FileName(i) + " (" + e.GetType().Name + ")");
                }
                if (loaded[i] == null)
                {
                    Note("package " + sequence + " not loadable: marked bad");
                    return null;
                }
            }
            Loaded = loaded;
            MethodInfo entry = FindEntry(loaded);
            if (entry == null)
            {
                Note("package " + sequence + " has no single public static Run(IHealthReporter): marked bad");
            }
            return entry;
        }

        /// <summary>The one public static Run(IHealthReporter) of the assemblies' types; null when none or several.</summary>
        public static MethodInfo FindEntry(Assembly[] assemblies)
        {
            MethodInfo found = null;
            for (int a = 0; a < assemblies.Length; a++)
            {
                Type[] types = assemblies[a].GetTypes();
                for (int t = 0; t < types.Length; t++)
                {
                    MethodInfo run = types[t].GetMethod("Run", BindingFlags.Public | BindingFlags.Static);
                    if (run == null)
                    {
                        continue;
                    }
                    ParameterInfo[] parameters = run.GetParameters();
                    if (parameters.Length != 1 || parameters[0].ParameterType != typeof(IHealthReporter))
                    {
                        continue;
                    }
                    if (found != null)
                    {
                        return null;
                    }
                    found = run;
                }
            }
            return found;
        }

        private void Watch()
        {
            if (_healthy.WaitOne(_healthTimeoutMs, false))
            {
                return;
            }
            lock (_sync)
            {
                if (_confirmed)
                {
                    return;
                }
                Note("package " + _manager.Chosen + " not healthy within " + _healthTimeoutMs + " ms: marked bad");
                Condemn(_manager.Chosen);
            }
        }

        private void Condemn(int sequence)
        {
            _condemned = true;
            _manager.MarkBad(sequence);
            Restart();
        }

        private void Note(string text)
        {
            IBootLog log = Log;
            if (log != null)
            {
                log.Note(text);
            }
        }
    }

    /// <summary>The factory application's entry, compiled into the boot program.</summary>
    public interface IPackageEntry
    {
        void Run(IHealthReporter health);
    }

    /// <summary>Where the boot program's decisions are written (Debug output on a board).</summary>
    public interface IBootLog
    {
        void Note(string text);
    }
}
