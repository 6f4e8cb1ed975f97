using TcAtMcu.Application;

namespace TcAtMcu.Tests.Support
{
    /// <summary>An LED that remembers its level and counts pin writes.</summary>
    public sealed class RecordingLed : ILed
    {
        public bool On { get; private set; }
        public int Writes { get; private set; }

        public void Set(bool on)
        {
            On = on;
            Writes++;
        }

        /// <summary>The LED sampled every stepMs for count samples: "1" lit, "0" dark.</summary>
        public static string Waveform(StatusLed status, RecordingLed led, FakeClock clock, int stepMs, int count)
        {
            char[] samples = new char[count];
            for (int i = 0; i < count; i++)
            {
                status.Tick();
                samples[i] = led.On ? '1' : '0';
                clock.Advance(stepMs);
            }
            return new string(samples);
        }
    }
}
