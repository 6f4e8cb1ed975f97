using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.Application;
using TcAtMcu.Engine;
using TcAtMcu.Module;
using TcAtMcu.Run;
using TcAtMcu.Services;
using TcAtMcu.Simulator;
using TcAtMcu.Tests.Support;
using Xunit;

namespace TcAtMcu.Tests.Host
{
    /// <summary>
    /// The battery duty cycle against the simulated module and an embedded broker: each cycle reports once (accepted by
    /// the broker), puts the module into deep sleep and wakes it through the reset line; the module's own timer is later.
    /// </summary>
    [Collection("end to end")]
    public class DutyCycleTests
    {
        [Fact]
        public async Task EachCycleReportsSleepsAndWakesThroughTheResetLine()
        {
            await using EmbeddedBroker broker = await EmbeddedBroker.StartAsync(0);
            int reports = 0;
            broker.Published += (topic, payload) =>
            {
                if (topic.StartsWith("$thing/up/property/", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref reports);
                }
            };
            await using ModuleSimulator simulator = new ModuleSimulator(new SimulatorOptions { BrokerPort = broker.Port });
            var (mcu, module) = UartPair.CreateInProcess();
            simulator.Start(module);
            using StreamLink link = new StreamLink(mcu);
            AtEngine engine = new AtEngine(link, new AtEngineOptions());
            TcModule tc = new TcModule(engine);
            AppSettings settings = new AppSettings
            {
                ProductId = "E2EDUTY001", DeviceName = "dev01", DeviceSecret = "ZHV0eWN5Y2xl", TelemetryPeriodMs = 60000, BootWaitMs = 200,
            };
            int pulses = 0;
            CloudRouter cloud = new CloudRouter(tc, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            cloud.Add(new UptimeReport(new SystemClock(), settings.TelemetryPeriodMs));
            ConnectionLifecycle app = new ConnectionLifecycle(tc, settings,
                new SimulatedDevice.ModuleReset(() => { Interlocked.Increment(ref pulses); simulator.Reboot(); }),
                new StatusLed(new RecordingLed(), new SystemClock()), new SystemClock(), cloud, null);
            DutyCycle duty = new DutyCycle(app, tc, new SystemClock()) { SleepMs = 1500, WakeMarginMs = 5000, AwakeLimitMs = 15000 };
            engine.Start(null);
            using ManualResetEvent stop = new ManualResetEvent(false);
            try
            {
                for (int i = 0; i < 3; i++)
                {
                    Assert.True(duty.Cycle(stop), "cycle " + i + ": no report; state " + AppStateNames.Of(app.State));
                    Assert.Equal(i + 1, simulator.DeepSleeps);
                }
                Assert.Equal(3, duty.Reported);
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref reports) >= 3, 5000), "reports at the broker: " + reports);
                Assert.Equal(3, pulses); // the power-up reset, then the wakes of cycles 2 and 3 (the last wake is due at the next step)
                Assert.InRange(duty.AsleepMs, 3 * 1500, 3 * 1500 + 2000);
                Assert.InRange(duty.LastWakeToReportMs, 1, 15000);
                Assert.True(duty.AwakePermille > 0 && duty.AwakePermille < 1000);
                Assert.False(simulator.MqttConnected, "asleep: MQTT gone");
                Assert.True(SpinWait.SpinUntil(() => !simulator.DeepSleeping, 1000) == false, "the module's own timer is later than the reset line");
            }
            finally
            {
                stop.Set();
                engine.Stop();
            }
        }
    }
}
