using System;
using System.Threading;
using TcAtMcu.App.Product;
using TcAtMcu.Application;
using TcAtMcu.DataTemplate;
using TcAtMcu.Engine;
using TcAtMcu.Gateway;
using TcAtMcu.Module;
using TcAtMcu.Services;
using TcAtMcu.Text;

namespace TcAtMcu.Bench
{
    /// <summary>
    /// The firmware's whole managed RAM with the application online: the device program's objects (engine, module
    /// API, application, LED thread, reader thread) built and brought online against a module that answers every
    /// command at once, then the heap's used bytes after a full collection, against before. Static tables count:
    /// they are created when first used, which is before the second figure.
    /// </summary>
    internal static class OnlineFootprint
    {
        /// <param name="subDevices">0: the device alone; else a gateway with that many smart lamps as sub-devices, each with its own ThingClient.</param>
        public static void Print(int subDevices)
        {
            uint before = nanoFramework.Runtime.Native.GC.Run(true);
            AnsweringModule wire = new AnsweringModule();
            AtEngine engine = new AtEngine(wire, new AtEngineOptions());
            wire.Engine = engine;
            TcModule module = new TcModule(engine);
            SystemClock clock = new SystemClock();
            StatusLed led = new StatusLed(new NoLed(), clock);
            led.Start();
            AppSettings settings = new AppSettings();
            settings.ProductId = "ABCDEFGHIJ";
            settings.DeviceName = "dev01";
            settings.DeviceSecret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";
            settings.BootWaitMs = 10;
            settings.TelemetryPeriodMs = 50;
            // The device program's product, as ProductEntry wires it: the smart lamp's data template over ThingClient.
            CloudRouter cloud = new CloudRouter(module, settings.ProductId, settings.DeviceName, settings.FirmwareVersion);
            SmartLamp lamp = new SmartLamp();
            LampLogic logic = new LampLogic(lamp);
            ThingClient thing = new ThingClient(lamp.Template, logic, clock, "ESP8266", 512);
            thing.ReportPeriodMs = settings.TelemetryPeriodMs;
            logic.Client = thing;
            cloud.Add(thing);
            GatewayService gateway = null;
            if (subDevices > 0)
            {
                gateway = new GatewayService(module);
                for (int i = 0; i < subDevices; i++)
                {
                    SubDevice sub = gateway.Add("SUBPID0001", "lamp" + i, "c3ViLXNlY3JldC1zZWNyZXQ=", "1.0.0");
                    SmartLamp subLamp = new SmartLamp();
                    LampLogic subLogic = new LampLogic(subLamp);
                    ThingClient subThing = new ThingClient(subLamp.Template, subLogic, clock, "ESP8266", 512);
                    subThing.ReportPeriodMs = settings.TelemetryPeriodMs;
                    subLogic.Client = subThing;
                    sub.Cloud.Add(subThing);
                }
                cloud.Add(gateway);
            }
            ConnectionLifecycle app = new ConnectionLifecycle(module, settings, null, led, clock, cloud, null);
            engine.Start(null);
            try
            {
                long deadline = clock.NowMs + 60000;
                while (app.State != AppState.Online && clock.NowMs < deadline)
                {
                    int wait = app.Step();
                    Thread.Sleep(wait < 1 ? 1 : wait > 20 ? 20 : wait);
                }
                bool online = app.State == AppState.Online;
                for (int i = 0; gateway != null && i < gateway.Count; i++)
                {
                    while (gateway.SubDevice(i).State != SubDeviceState.Online && clock.NowMs < deadline)
                    {
                        int wait = app.Step();
                        Thread.Sleep(wait < 1 ? 1 : wait > 20 ? 20 : wait);
                    }
                    online = online && gateway.SubDevice(i).State == SubDeviceState.Online;
                }
                // Some time online, so every path of the steady state has run once.
                long until = clock.NowMs + 300;
                while (clock.NowMs < until)
                {
                    int wait = app.Step();
                    Thread.Sleep(wait < 1 ? 1 : wait > 20 ? 20 : wait);
                }
                uint after = nanoFramework.Runtime.Native.GC.Run(true);
                Console.WriteLine("firmware RAM with the application " + (subDevices > 0 ? "as a gateway with " + subDevices + " sub-devices (smart lamps, a ThingClient each) " : "")
                    + (online ? "online" : "NOT online (" + AppStateNames.Of(app.State) + ")")
                    + ": " + (before - after) + " bytes of managed heap (engine, module API, application with the smart lamp's data"
                    + " template, LED and reader threads, static tables; this benchmark's answering module holds about 1 KB of it)");
                app.Stop(); // a clean stop disconnects
            }
            finally
            {
                // Whatever happened, no thread of ours may keep the interpreter running.
                wire.Close();
                engine.Stop();
                led.Stop();
            }
        }

        private sealed class NoLed : ILed
        {
            public void Set(bool on)
            {
            }
        }

        /// <summary>Answers each command line as a connected module would, at once.</summary>
        private sealed class AnsweringModule : TcAtMcu.Link.IByteLink
        {
            private static readonly byte[] Ok = Utf8.Bytes("OK\r\n");
            private readonly byte[] _line = new byte[600];
            private int _length;
            private bool _connected;
            private bool _closed;
            public AtEngine Engine;

            public void Close()
            {
                _closed = true;
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                Thread.Sleep(_closed ? 1 : 10);
                return 0;
            }

            public void Write(byte[] buffer, int offset, int count)
            {
                for (int i = 0; i < count; i++)
                {
                    byte b = buffer[offset + i];
                    if (_length < _line.Length)
                    {
                        _line[_length++] = b;
                    }
                    if (b == (byte)'\n')
                    {
                        Answer(Utf8.Decode(_line, 0, _length).Trim());
                        _length = 0;
                    }
                }
            }

            private void Answer(string command)
            {
                string name = command;
                int end = command.IndexOfAny(new[] { '=', '?' });
                if (end > 0)
                {
                    name = command.Substring(0, end);
                }
                bool query = end > 0 && command[end] == '?';
                string reply = "OK\r\n";
                if (name == "AT+TCMQTTSTATE")
                {
                    reply = "+TCMQTTSTATE:" + (_connected ? "1" : "0") + "\r\nOK\r\n";
                }
                else if (name == "AT+GMR")
                {
                    reply = "AT version:2.2.0.0\r\nSDK version:v3.4\r\ncompile time:Nov 25 2026\r\nTencent firmware:v2.1.1\r\nOK\r\n";
                }
                else if (name == "AT+CWJAP" && query)
                {
                    reply = "+CWJAP:\"lab\",\"aa:bb:cc:dd:ee:ff\",6,-52\r\nOK\r\n";
                }
                else if (name == "AT+CWJAP")
                {
                    reply = "WIFI CONNECTED\r\nWIFI GOT IP\r\nOK\r\n";
                }
                else if (name == "AT+TCDEVINFOSET" && query)
                {
                    reply = "+TCDEVINFOSET:1,\"ABCDEFGHIJ\",\"dev01\",0,\"ap-guangzhou\"\r\nOK\r\n";
                }
                else if (name == "AT+TCMQTTCONN" && query)
                {
                    reply = "+TCMQTTCONN:1,5000,240,1,1\r\nOK\r\n";
                }
                else if (name == "AT+TCMQTTDISCONN")
                {
                    _connected = false;
                    reply = "+TCMQTTDISCON,2\r\nOK\r\n";
                }
                else if (name == "AT+RST")
                {
                    _connected = false;
                    reply = "OK\r\nready\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n";
                }
                else if (!query && end > 0 && name.IndexOf("AT+TC") == 0 && IsNetworkCommand(name))
                {
                    if (name == "AT+TCMQTTCONN")
                    {
                        _connected = true;
                    }
                    reply = "OK\r\n+" + name.Substring(3) + ":OK\r\n";
                }
                byte[] bytes = Utf8.Bytes(reply);
                Engine.Receive(bytes, 0, bytes.Length);
            }

            private static bool IsNetworkCommand(string name)
            {
                return name == "AT+TCMQTTCONN" || name == "AT+TCMQTTSUB" || name == "AT+TCMQTTUNSUB" || name == "AT+TCMQTTPUB"
                    || name == "AT+TCDEVINFOSET" || name == "AT+TCPRDINFOSET" || name == "AT+TCOTASET" || name == "AT+TCMODINFOSET"
                    || name == "AT+TCDEVREG" || name == "AT+TCGWBIND" || name == "AT+TCGWONLINE";
            }
        }
    }
}
