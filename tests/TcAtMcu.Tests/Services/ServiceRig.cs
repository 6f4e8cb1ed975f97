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

        public ServiceRig(int seed)
        {
            Harness = new ModuleHarness(seed).Connected();
            Clock = new FakeClock(1000000);
            Router = new CloudRouter(Harness.Module, Pid, Dn, "1.0.0");
            Harness.Module.Events = Router;
        }

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
