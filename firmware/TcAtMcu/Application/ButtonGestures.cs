namespace TcAtMcu.Application
{
    public enum ButtonGesture
    {
        None = 0,
        /// <summary>One short press.</summary>
        Press,
        /// <summary>Two short presses within DoublePressGapMs.</summary>
        DoublePress,
        /// <summary>Held for LongPressMs.</summary>
        LongPress,
        /// <summary>Still held at FactoryResetMs (after its LongPress): unbind and start afresh.</summary>
        FactoryReset,
    }

    /// <summary>
    /// Turns press and release edges into gestures. A short press is only known to be single once the
    /// double-press gap has passed, so <see cref="Poll"/> reports it then.
    /// </summary>
    public sealed class ButtonGestures
    {
        public const int LongPressMs = 3000;
        public const int FactoryResetMs = 10000;
        public const int DoublePressGapMs = 400;
        /// <summary>Edges closer than this to the previous one are contact bounce.</summary>
        public const int DebounceMs = 30;

        private readonly object _sync = new object();
        private bool _down;
        private bool _longReported;
        private bool _resetReported;
        private long _downAt;
        private long _lastEdge = long.MinValue / 2;
        private int _shortPresses;
        private long _lastReleaseAt;

        /// <summary>An edge from the pin: pressed or released at nowMs.</summary>
        public void OnEdge(bool pressed, long nowMs)
        {
            lock (_sync)
            {
                if (pressed == _down || nowMs - _lastEdge < DebounceMs)
                {
                    return;
                }
                _lastEdge = nowMs;
                _down = pressed;
                if (pressed)
                {
                    _downAt = nowMs;
                    _longReported = false;
                    _resetReported = false;
                    return;
                }
                if (!_longReported && nowMs - _downAt < LongPressMs)
                {
                    _shortPresses++;
                    _lastReleaseAt = nowMs;
                }
            }
        }

        /// <summary>The gesture completed by nowMs, if any; each is reported once.</summary>
        public ButtonGesture Poll(long nowMs)
        {
            lock (_sync)
            {
                if (_down && !_longReported && nowMs - _downAt >= LongPressMs)
                {
                    _longReported = true;
                    _shortPresses = 0;
                    return ButtonGesture.LongPress;
                }
                if (_down && _longReported && !_resetReported && nowMs - _downAt >= FactoryResetMs)
                {
                    _resetReported = true;
                    return ButtonGesture.FactoryReset;
                }
                if (_shortPresses >= 2)
                {
                    _shortPresses = 0;
                    return ButtonGesture.DoublePress;
                }
                if (_shortPresses == 1 && !_down && nowMs - _lastReleaseAt >= DoublePressGapMs)
                {
                    _shortPresses = 0;
                    return ButtonGesture.Press;
                }
                return ButtonGesture.None;
            }
        }
    }
}
