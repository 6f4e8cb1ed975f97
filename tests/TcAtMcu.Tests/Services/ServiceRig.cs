using TcAtMcu.Services;
using TcAtMcu.Tests.DataTemplate;
using TcAtMcu.Tests.Support;

namespace TcAtMcu.Tests.Services
{
    /// <summary>
    /// A service through the whole stack: a connected scripted module (messages fragmented at random boundaries),
    /// the router on its reports, a fake clock. Publishes are the exact AT+TCMQTTPUB commands.
    /// </summary>
    public sealed class ServiceRig
    {
        public const string Pid = "CTQS08Y5LG";
        public const string Dn = "Dev01";
        public const string Accepted = "OK\r\n+TCMQTTPUB:OK\r\n";

        public ServiceRig(int seed) : this(seed, false)
        {
        }

        /// <param name="recorded">Publishes go to <see cref="Link"/> (payloads past the short form's 256 bytes, which
        /// the module takes through its prompt forms) instead of the scripted module; commands still go to it.</param>
        public ServiceRig(int seed, bool recorded)
        {
            Harness = new ModuleHarness(seed).Connected();
            Clock = new FakeClock(1000000);
            Link = new RecordingLink();
            Router = recorded ? new CloudRouter(Link, new DeviceTopics(Pid, Dn), new FirmwareVersion("1.0.0"))
                : new CloudRouter(Harness.Module, Pid, Dn, "1.0.0");
            Harness.Module.Events = Router;
        }

        public RecordingLink Link { get; private set; }

        public ModuleHarness Harness { get; private set; }
        public FakeClock Clock { get; private set; }
        public CloudRouter Router { get; private set; }
        public ScriptedModule Wire { get { return Harness.Wire; } }

        /// <summary>The module accepts this publish on the topic (prefix/pid/dn).</summary>
        public ServiceRig Publishes(string prefix, string payload)
        {
            Wire.On(ThingOverAtTests.Pub(prefix + "/" + Pid + "/" + Dn, payload), Accepted);
            return this;
        }

        /// <summary>The module accepts this publish on exactly this topic.</summary>
        public ServiceRig PublishesOn(string topic, string payload)
        {
            Wire.On(ThingOverAtTests.Pub(topic, payload), Accepted);
            return this;
        }

        /// <summary>A message from the cloud on exactly this topic.</summary>
        public void CloudOn(string topic, string payload)
        {
            Harness.Report(ThingOverAtTests.Received(topic, payload));
        }

        /// <summary>A message from the cloud on prefix/pid/dn, as the module prints it.</summary>
        public void Cloud(string prefix, string payload)
        {
            Harness.Report(ThingOverAtTests.Received(prefix + "/" + Pid + "/" + Dn, payload));
        }

        public void Online()
        {
            Router.OnOnline(Clock.NowMs);
            Router.Step(Clock.NowMs, 3600000);
        }

        /// <summary>Time passes by ms; the router runs what is due.</summary>
        public void After(long ms)
        {
            Clock.Advance(ms);
            Router.Step(Clock.NowMs, 3600000);
        }

        public void AssertDone(string context)
        {
            Harness.AssertDone(context);
        }
    }
}
