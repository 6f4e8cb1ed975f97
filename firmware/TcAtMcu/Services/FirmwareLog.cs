namespace TcAtMcu.Services
{
    /// <summary>Where the firmware's log lines go (Debug.WriteLine on a board, the console on the host).</summary>
    public interface ILogSink
    {
        void Line(int level, string text);
    }

    /// <summary>
    /// The firmware's own log, filtered by a level the cloud can set ($log/operation, <see cref="LogLevelService"/>):
    /// IoT Explorer's levels, 0 off, 1 error, 2 warning, 3 info, 4 debug. Ask <see cref="Enabled"/> before building a
    /// line that costs (a concatenation allocates even when the line is then dropped). IoT Explorer's log upload
    /// itself is an HTTP POST, which this module's AT command set cannot make: the lines stay on the device.
    /// </summary>
    public sealed class FirmwareLog
    {
        public const int Off = 0;
        public const int Error = 1;
        public const int Warning = 2;
        public const int Info = 3;
        public const int Debug = 4;

        private readonly ILogSink _sink;
        private int _level;

        public FirmwareLog(ILogSink sink, int level)
        {
            _sink = sink;
            Level = level;
        }

        /// <summary>Lines at or below this level are written (0 to 4; outside, clamped).</summary>
        public int Level
        {
            get { return _level; }
            set { _level = value < Off ? Off : value > Debug ? Debug : value; }
        }

        /// <summary>Lines written and dropped by the level.</summary>
        public int Written { get; private set; }
        public int Dropped { get; private set; }

        public bool Enabled(int level)
        {
            return level > Off && level <= _level;
        }

        public void Write(int level, string text)
        {
            if (!Enabled(level) || _sink == null)
            {
                Dropped++;
                return;
            }
            Written++;
            _sink.Line(level, text);
        }
    }
}
