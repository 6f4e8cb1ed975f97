using System;
using System.IO.Ports;
using System.Threading;

namespace TcAtMcu.Link
{
    /// <summary>
    /// The module's UART through System.IO.Ports (same API on nanoFramework and .NET).
    /// Reads wait on DataReceived instead of a read timeout, so an idle line costs no exception. The rate changes on the
    /// open port (System.IO.Ports reconfigures the driver when BaudRate is set while open); the receive buffer cannot.
    /// </summary>
    public sealed class SerialPortLink : IByteLink, ILineSpeed, IDisposable
    {
        private readonly SerialPort _port;
        private readonly AutoResetEvent _dataReady = new AutoResetEvent(false);
        private readonly int _idleWaitMs;

        public SerialPortLink(string portName, int baudRate, int receiveBufferSize, int idleWaitMs)
            : this(portName, baudRate, receiveBufferSize, idleWaitMs, false)
        {
        }

        /// <param name="flowControl">RTS/CTS (Handshake.RequestToSend): the driver holds RTS off while its receive buffer
        /// is nearly full, and sends only while CTS is on. Only where the board wires both.</param>
        public SerialPortLink(string portName, int baudRate, int receiveBufferSize, int idleWaitMs, bool flowControl)
        {
            _idleWaitMs = idleWaitMs;
            _port = new SerialPort(portName);
            _port.BaudRate = baudRate;
            _port.Parity = Parity.None;
            _port.DataBits = 8;
            _port.StopBits = StopBits.One;
            _port.Handshake = flowControl ? Handshake.RequestToSend : Handshake.None;
            // An OTA chunk (4 KB) arrives in one burst: the driver must be able to hold it.
            _port.ReadBufferSize = receiveBufferSize;
            _port.DataReceived += OnDataReceived;
        }

        public int BaudRate
        {
            get { return _port.BaudRate; }
        }

        public void SetBaudRate(int baud)
        {
            _port.BaudRate = baud;
        }

        public void Open()
        {
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available == 0)
            {
                _dataReady.WaitOne(_idleWaitMs, false);
                available = _port.BytesToRead;
                if (available == 0)
                {
                    return 0;
                }
            }
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        public void Dispose()
        {
            _port.DataReceived -= OnDataReceived;
            if (_port.IsOpen)
            {
                _port.Close();
            }
            _port.Dispose();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _dataReady.Set();
        }
    }
}
