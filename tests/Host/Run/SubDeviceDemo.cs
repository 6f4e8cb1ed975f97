using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Gateway;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Simulator;

namespace TcAtMcu.Run
{
    /// <summary>
    /// The host run as a gateway (--sub-devices N): N smart lamps behind the device, each with its own data template
    /// client on its own topics, and on the cloud side IoT Explorer's gateway (binding, online) and one console per lamp,
    /// which sends each lamp a control of its own once it is online. The view shows each sub-device's state and lamp.
    /// </summary>
    public sealed class SubDeviceDemo : ISubDeviceObserver, ISubDeviceProduct
    {
        public const string SubProductId = "SUBLAMP001";

        private readonly RunView _view;
        private readonly SmartLamp[] _lamps;
        private readonly string[] _states;
        private readonly ExplorerCloud[] _consoles;
        private readonly bool[] _controlled;
        private ExplorerGateway _gatewayCloud;
        private CancellationToken _stop;
        private IClock _clock;
        private int _reportPeriodMs;

        private SubDeviceDemo(RunView view, int count)
        {
            _view = view;
            _lamps = new SmartLamp[count];
            _states = new string[count];
            _consoles = new ExplorerCloud[count];
            _controlled = new bool[count];
        }

        public GatewayService Gateway { get; private set; }

        /// <summary>The run's sub-devices as a product declares them in its settings (none for 0).</summary>
        public static SubDeviceSettings[] Settings(int count)
        {
            if (count <= 0)
            {
                return null;
            }
            SubDeviceSettings[] subs = new SubDeviceSettings[count];
            for (int i = 0; i < count; i++)
            {
                subs[i] = new SubDeviceSettings(SubProductId, Name(i), Secret(i));
            }
            return subs;
        }

        /// <summary>The firmware side: the settings' sub-devices as lamps, the gateway added to the device's router (GatewaySetup).</summary>
        public static SubDeviceDemo Declare(TcModule module, AppSettings settings, CloudRouter cloud, IClock clock, RunView view)
        {
            SubDeviceDemo demo = new SubDeviceDemo(view, settings.SubDevices.Length) { _clock = clock, _reportPeriodMs = settings.TelemetryPeriodMs };
            demo.Gateway = GatewaySetup.Add(module, settings, cloud, demo);
            demo.Gateway.Observer = demo;
            demo.Show();
            return demo;
        }

        public void AddServices(SubDevice sub, int i)
        {
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, new SubLampShow(this, i, logic), _clock, "ESP8266", 1024) { ReportPeriodMs = _reportPeriodMs };
            logic.Client = thing;
            sub.Cloud.Add(thing);
            _lamps[i] = lamp;
            _states[i] = "declared";
        }

        /// <summary>The cloud side: the gateway's operations answered, one console per lamp.</summary>
        public async Task StartCloudAsync(string gatewayProductId, string gatewayDeviceName, string host, int port, CancellationToken stop)
        {
            _stop = stop;
            _gatewayCloud = new ExplorerGateway(gatewayProductId, gatewayDeviceName);
            _gatewayCloud.Log += text => _view.Event("cloud gateway: " + text);
            string json;
            using (Stream stream = typeof(HostRun).Assembly.GetManifestResourceStream("smart-lamp.json"))
            {
                json = new StreamReader(stream).ReadToEnd();
            }
            await _gatewayCloud.StartAsync(host, port, stop);
            for (int i = 0; i < _lamps.Length; i++)
            {
                string dn = Name(i);
                _gatewayCloud.AddSubDevice(SubProductId, dn, Secret(i));
                _consoles[i] = new ExplorerCloud(SubProductId, dn, json) { Hears = () => _gatewayCloud.IsOnline(SubProductId, dn) };
                _consoles[i].Log += _view.Event;
                await _consoles[i].StartAsync(host, port, stop);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (ExplorerCloud console in _consoles)
            {
                if (console != null)
                {
                    await console.DisposeAsync();
                }
            }
            if (_gatewayCloud != null)
            {
                await _gatewayCloud.DisposeAsync();
            }
        }

        public void OnSubDevice(SubDevice sub, bool online)
        {
            int i = Index(sub);
            _states[i] = online ? "online" : sub.State == SubDeviceState.Unbound ? "unbound" : "offline";
            _view.Event($"gateway: sub-device {SubProductId}/{sub.DeviceName} {_states[i]}");
            Show();
            if (online && !_controlled[i] && _consoles[i] != null)
            {
                _controlled[i] = true;
                ExplorerCloud console = _consoles[i];
                string control = "{\"power_switch\":1,\"brightness\":" + (20 + 30 * i) + ",\"color\":" + (i % 3) + "}";
                _ = Task.Run(async () =>
                {
                    await Task.Delay(500, _stop);
                    _view.Event($"console of {sub.DeviceName}: control {control}");
                    try
                    {
                        await console.ControlAsync(control, TimeSpan.FromSeconds(15));
                    }
                    catch (TimeoutException)
                    {
                        _view.Event($"console of {sub.DeviceName}: no control_reply");
                    }
                }, _stop);
            }
        }

        private int Index(SubDevice sub)
        {
            for (int i = 0; i < _lamps.Length; i++)
            {
                if (Gateway.SubDevice(i) == sub)
                {
                    return i;
                }
            }
            return 0;
        }

        private void Show()
        {
            string[] lines = new string[_lamps.Length];
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = $"{SubProductId}/{Name(i)} {_states[i]}: {LampShow.Describe(_lamps[i])}";
            }
            _view.Set(v => v.SubDevices = lines);
        }

        private static string Name(int i) => "lamp" + (i + 1);

        private static string Secret(int i) => Convert.ToBase64String(Encoding.ASCII.GetBytes("sub-lamp-secret-" + (i + 1)));

        private sealed class SubLampShow : IThingHandler
        {
            private readonly SubDeviceDemo _demo;
            private readonly int _index;
            private readonly LampLogic _logic;

            public SubLampShow(SubDeviceDemo demo, int index, LampLogic logic)
            {
                _demo = demo;
                _index = index;
                _logic = logic;
            }

            public void OnControl()
            {
                _demo._view.Event($"{Name(_index)}: {LampShow.Describe(_demo._lamps[_index])}");
                _demo.Show();
                _logic.OnControl();
            }

            public int OnAction(TemplateAction action) => _logic.OnAction(action);

            public void OnEventReply(TemplateEvent templateEvent, int code) => _logic.OnEventReply(templateEvent, code);
        }
    }
}
