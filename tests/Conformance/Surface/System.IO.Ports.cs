// Mirrors nanoFramework.System.IO.Ports 1.1.139.
namespace System.IO.Ports
{
    using System;

    public enum Parity { None = 0, Odd = 1, Even = 2 }
    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }
    public enum Handshake { None, XOnXOff, RequestToSend, RequestToSendXOnXOff }
    public enum SerialData { Chars = 1, WatchChar = 2 }

    public class SerialDataReceivedEventArgs : EventArgs
    {
        internal SerialDataReceivedEventArgs() { }
        public SerialData EventType { get { throw null; } }
    }

    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { }
        public void Open() { }
        public void Close() { }
        // Checked in 1.1.139's SerialPort.cs: BaudRate and Handshake may be set on an open port (the setter calls
        // NativeConfig when _opened); Handshake.RequestToSend is RTS/CTS. ReadBufferSize throws InvalidOperationException
        // once open: it is set before Open.
        public int BaudRate { get { throw null; } set { } }
        public Handshake Handshake { get { throw null; } set { } }
        public int DataBits { get { throw null; } set { } }
        public Parity Parity { get { throw null; } set { } }
        public StopBits StopBits { get { throw null; } set { } }
        public bool IsOpen { get { throw null; } }
        public int ReadTimeout { get { throw null; } set { } }
        public int WriteTimeout { get { throw null; } set { } }
        public int BytesToRead { get { throw null; } }
        public int ReadBufferSize { get { throw null; } set { } }
        public event SerialDataReceivedEventHandler DataReceived { add { } remove { } }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public void Write(byte[] buffer, int offset, int count) { }
        public void Dispose() { }
    }
}
