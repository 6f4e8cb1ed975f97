namespace TcAtMcu.Module
{
    /// <summary>AT+TCGWONLINE? : the sub-devices the module holds online, at most <see cref="Capacity"/>.</summary>
    public sealed class SubDeviceList
    {
        /// <summary>The module keeps a session per sub-device; the MCU reads at most this many.</summary>
        public const int Capacity = 16;

        private readonly string[] _productIds = new string[Capacity];
        private readonly string[] _deviceNames = new string[Capacity];
        private int _count;

        public int Count { get { return _count; } }
        public string ProductId(int index) { return _productIds[index]; }
        public string DeviceName(int index) { return _deviceNames[index]; }

        public bool Contains(string productId, string deviceName)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_productIds[i] == productId && _deviceNames[i] == deviceName)
                {
                    return true;
                }
            }
            return false;
        }

        internal void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _productIds[i] = null;
                _deviceNames[i] = null;
            }
            _count = 0;
        }

        internal bool Add(string productId, string deviceName)
        {
            if (_count == Capacity)
            {
                return false;
            }
            _productIds[_count] = productId;
            _deviceNames[_count] = deviceName;
            _count++;
            return true;
        }
    }
}
