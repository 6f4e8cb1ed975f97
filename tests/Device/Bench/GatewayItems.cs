using System.Threading;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Gateway;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Text;

namespace TcAtMcu.Bench
{
    /// <summary>
    /// A sub-device's control and report on a gateway: a +TCMQTTRCVPUB control on the sub-device's topic, routed by
    /// the gateway's router to GatewayService, on to the sub-device's router and its ThingClient (the smart lamp's
    /// template): checked, applied, control_reply published, then the change reported. The module answers at once.
    /// </summary>
    internal sealed class SubDeviceControlItem : Item
    {
        private readonly AtEngine _engine;
        private readonly CloudRouter _router;
        private readonly ThingClient _thing;
        private readonly ManualClock _clock = new ManualClock();
        private readonly byte[][] _controls = new byte[2][];
        private int _sent;
        private string _failure;

        public SubDeviceControlItem()
        {
            GatewayModule link = new GatewayModule();
            _engine = new AtEngine(link, new AtEngineOptions());
            link.Engine = _engine;
            TcModule module = new TcModule(_engine);
            if (!module.DetectCommandSet(new ModuleInfo()).IsOk || module.CommandSet != CommandSet.V321 || !module.Connect(new MqttSettings()).IsOk)
            {
                _failure = "module not set up";
                return;
            }
            _router = new CloudRouter(module, "GWPID00001", "gw01", "1.0.0");
            GatewayService gateway = new GatewayService(module);
            SubDevice sub = gateway.Add("SUBPID0001", "lamp1", "c3ViLXNlY3JldA==", "1.0.0");
            SmartLamp lamp = new SmartLamp();
            _thing = new ThingClient(lamp.Template, new LampLogic(lamp), _clock, "ESP8266", 512);
            _thing.ReportPeriodMs = 1000;
            sub.Cloud.Add(_thing);
            _router.Add(gateway);
            _router.OnOnline(_clock.NowMs);
            for (int i = 0; i < 40 && sub.State != SubDeviceState.Online; i++)
            {
                _clock.NowMs += 200;
                _router.Step(_clock.NowMs, 1000);
            }
            if (sub.State != SubDeviceState.Online)
            {
                _failure = "sub-device not online: " + sub.LastCode;
                return;
            }
            _clock.NowMs += 10000; // past the get_status wait: its first full report goes out now
            _router.Step(_clock.NowMs, 1000);
            for (int i = 0; i < 2; i++)
            {
                string payload = "{\"method\":\"control\",\"clientToken\":\"clientToken-" + i + "\",\"params\":{\"brightness\":" + (10 + i) + "}}";
                _controls[i] = Utf8.Bytes("+TCMQTTRCVPUB:\"$thing/down/property/SUBPID0001/lamp1\"," + payload.Length + ",\"" + payload + "\"\r\n");
            }
        }

        public override void Once()
        {
            if (_failure != null)
            {
                return;
            }
            byte[] control = _controls[_sent & 1];
            _sent++;
            _engine.Receive(control, 0, control.Length);
            _engine.DispatchReports(_router);
            _clock.NowMs += 1000; // the report period: the change is reported
            _router.Step(_clock.NowMs, 1000);
        }

        public override string Check()
        {
            if (_failure != null)
            {
                return _failure;
            }
            return _thing.ControlsApplied == _sent ? null : _thing.ControlsApplied + " of " + _sent + " controls applied";
        }

        private sealed class ManualClock : IClock
        {
            public long NowMs { get; set; }

            public bool Wait(WaitHandle handle, int ms)
            {
                return false;
            }
        }
    }

    /// <summary>A connected 2.x module answering at once: the network commands with OK and their result line.</summary>
    internal sealed class GatewayModule : TcAtMcu.Link.IByteLink
    {
        private static readonly byte[][] Names =
        {
            Utf8.Bytes("AT+TCMQTTPUB="), Utf8.Bytes("AT+TCMQTTSUB="), Utf8.Bytes("AT+TCGWBIND="), Utf8.Bytes("AT+TCGWONLINE="),
            Utf8.Bytes("AT+TCMQTTCONN="), Utf8.Bytes("AT+TCVER"),
        };

        private static readonly byte[][] Replies =
        {
            Utf8.Bytes("OK\r\n+TCMQTTPUB:OK\r\n"), Utf8.Bytes("OK\r\n+TCMQTTSUB:OK\r\n"), Utf8.Bytes("OK\r\n+TCGWBIND:OK\r\n"),
            Utf8.Bytes("OK\r\n+TCGWONLINE:OK\r\n"), Utf8.Bytes("OK\r\n+TCMQTTCONN:OK\r\n"),
            Utf8.Bytes("Tencent Cloud IoT AT version: QCloud_AT_ESP8266_v2.0.0\r\nOK\r\n"),
        };

        private static readonly byte[] Ok = Utf8.Bytes("OK\r\n");
        private readonly byte[] _head = new byte[16];
        private int _length;
        public AtEngine Engine;

        public int Read(byte[] buffer, int offset, int count)
        {
            return 0;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (_length < _head.Length)
                {
                    _head[_length] = b;
                }
                _length++;
                if (b == (byte)'\n')
                {
                    Answer();
                    _length = 0;
                }
            }
        }

        private void Answer()
        {
            byte[] reply = Ok;
            int n = _length < _head.Length ? _length : _head.Length;
            for (int i = 0; i < Names.Length; i++)
            {
                if (Ascii.StartsWith(_head, 0, n, Names[i]))
                {
                    reply = Replies[i];
                    break;
                }
            }
            Engine.Receive(reply, 0, reply.Length);
        }
    }
}
