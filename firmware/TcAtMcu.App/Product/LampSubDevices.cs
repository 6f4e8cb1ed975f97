using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Gateway;

namespace TcAtMcu.App.Product
{
    /// <summary>The product's sub-devices (AppSettings.SubDevices): each a smart lamp with its own data template client.</summary>
    public sealed class LampSubDevices : ISubDeviceProduct
    {
        private readonly IClock _clock;
        private readonly int _reportPeriodMs;

        public LampSubDevices(IClock clock, int reportPeriodMs)
        {
            _clock = clock;
            _reportPeriodMs = reportPeriodMs;
        }

        public void AddServices(SubDevice sub, int index)
        {
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, logic, _clock, "ESP8266", 512);
            thing.ReportPeriodMs = _reportPeriodMs;
            logic.Client = thing;
            sub.Cloud.Add(thing);
        }
    }
}
