namespace TcAtMcu.Link
{
    /// <summary>
    /// The MCU's side of the UART's speed: what <see cref="Application.BaudNegotiation"/> switches after the module's
    /// AT+UART_CUR (a serial port changes its rate while open; the host's simulated line changes its pace).
    /// </summary>
    public interface ILineSpeed
    {
        int BaudRate { get; }

        /// <summary>Switches the rate at once; bytes in flight at the old rate may arrive garbled.</summary>
        void SetBaudRate(int baud);
    }
}
