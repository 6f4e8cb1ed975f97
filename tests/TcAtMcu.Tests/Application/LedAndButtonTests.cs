using nanoFramework.TestFramework;
using TcAtMcu.Application;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Application
{
    [TestClass]
    public class LedAndButtonTests
    {
        [TestMethod]
        public void PatternsSampledEvery50Ms()
        {
            Assert.AreEqual("0000000000", Sample(LedPattern.Off));
            Assert.AreEqual("1111111111", Sample(LedPattern.Solid));
            Assert.AreEqual("1100110011", Sample(LedPattern.FastBlink));
            Assert.AreEqual("1111111111", Sample(LedPattern.SlowBlink), "first second of slow blink");
            Assert.AreEqual("1100110000", Sample(LedPattern.DoubleFlash));
            Assert.AreEqual("1001001000", Sample(LedPattern.ErrorFlash), "three short flashes");
        }

        private static string Sample(LedPattern pattern)
        {
            FakeClock clock = new FakeClock(0);
            RecordingLed led = new RecordingLed();
            StatusLed status = new StatusLed(led, clock);
            status.Show(pattern);
            return RecordingLed.Waveform(status, led, clock, 50, 10);
        }

        [TestMethod]
        public void LedPinIsWrittenOnlyOnChanges()
        {
            FakeClock clock = new FakeClock(0);
            RecordingLed led = new RecordingLed();
            StatusLed status = new StatusLed(led, clock);
            status.Show(LedPattern.Solid);
            RecordingLed.Waveform(status, led, clock, 10, 100);
            Assert.AreEqual(1, led.Writes);
            status.Show(LedPattern.FastBlink);
            RecordingLed.Waveform(status, led, clock, 10, 100);
            Assert.AreEqual(10, led.Writes, "lit already; then nine edges in the first second of 100/100 blinking");
        }

        [TestMethod]
        public void Gestures()
        {
            ButtonGestures b = new ButtonGestures();
            b.OnEdge(true, 0);
            b.OnEdge(false, 100);
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(300), "could still become a double press");
            Assert.AreEqual((int)ButtonGesture.Press, (int)b.Poll(500));
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(600), "reported once");

            b.OnEdge(true, 1000);
            b.OnEdge(false, 1100);
            b.OnEdge(true, 1300);
            b.OnEdge(false, 1400);
            Assert.AreEqual((int)ButtonGesture.DoublePress, (int)b.Poll(1410));

            b.OnEdge(true, 2000);
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(4999));
            Assert.AreEqual((int)ButtonGesture.LongPress, (int)b.Poll(5000));
            b.OnEdge(false, 6000);
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(7000), "the release of a long press is nothing");
        }

        [TestMethod]
        public void BounceIsIgnored()
        {
            ButtonGestures b = new ButtonGestures();
            b.OnEdge(true, 0);
            b.OnEdge(false, 5);
            b.OnEdge(true, 10);
            b.OnEdge(false, 200);
            b.OnEdge(true, 210);
            Assert.AreEqual((int)ButtonGesture.None, (int)b.Poll(215));
            b.OnEdge(false, 400);
            Assert.AreEqual((int)ButtonGesture.Press, (int)b.Poll(900), "one press despite the bounces");
        }
    }
}
