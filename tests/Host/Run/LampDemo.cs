using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TcAtMcu.App.Product;
using TcAtMcu.DataTemplate;
using TcAtMcu.Simulator;

namespace TcAtMcu.Run
{
    /// <summary>The lamp's logic, with what the lamp does shown: its properties changing live.</summary>
    public sealed class LampShow : IThingHandler
    {
        private readonly SmartLamp _lamp;
        private readonly LampLogic _logic;
        private readonly RunView _view;

        public LampShow(SmartLamp lamp, LampLogic logic, RunView view)
        {
            _lamp = lamp;
            _logic = logic;
            _view = view;
        }

        /// <summary>"on, brightness 80%, Blue, name "x"": read on the application's thread.</summary>
        public static string Describe(SmartLamp lamp) =>
            $"{(lamp.PowerSwitch ? "on" : "off")}, brightness {lamp.Brightness}%, {lamp.Color}, name \"{lamp.Name}\"";

        public void OnControl()
        {
            _view.LampChanged(Describe(_lamp));
            _logic.OnControl();
        }

        public int OnAction(TemplateAction action)
        {
            int code = _logic.OnAction(action);
            _view.Event($"lamp: action {Encoding.ASCII.GetString(action.Id)} done, code {code}");
            return code;
        }

        public void OnEventReply(TemplateEvent templateEvent, int code)
        {
            _logic.OnEventReply(templateEvent, code);
            _view.Event($"lamp: event {Encoding.ASCII.GetString(templateEvent.Id)} " + (code == ThingCodes.NoReply ? "got no reply" : "answered " + code));
        }
    }

    /// <summary>
    /// What the console's user does once the device is online, on the simulated IoT Explorer: a control, the blink
    /// action, a control out of range (refused), then the state the cloud holds.
    /// </summary>
    public sealed class ConsoleDemo
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
        private readonly ExplorerCloud _cloud;
        private readonly RunView _view;
        private readonly CancellationToken _stop;
        private int _started;

        public ConsoleDemo(ExplorerCloud cloud, RunView view, CancellationToken stop)
        {
            _cloud = cloud;
            _view = view;
            _stop = stop;
        }

        /// <summary>The first time the device is online: the flows, in the background.</summary>
        public void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 1)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(1500, _stop);
                    await Control("{\"power_switch\":1,\"brightness\":80,\"color\":2,\"name\":\"客厅 \\\"north\\\"\"}");
                    await Task.Delay(1000, _stop);
                    _view.Event("console: action blink {\"times\":3}");
                    JsonObject reply = await _cloud.ActionAsync("blink", "{\"times\":3}", Wait);
                    _view.Event("console: the lamp answered " + Answer(reply));
                    await Task.Delay(1000, _stop);
                    await Control("{\"brightness\":150}");
                    await Task.Delay(500, _stop);
                    _view.Event("console: the cloud holds the reported state " + Text(_cloud.Reported));
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    // The run ended while the console was at it.
                }
                catch (Exception e) when (e is TimeoutException || e is InvalidOperationException || e is MQTTnet.Exceptions.MqttCommunicationException)
                {
                    _view.Event("console: " + e.Message);
                }
            });
        }

        private async Task Control(string parametersJson)
        {
            _view.Event("console: control " + parametersJson);
            JsonObject reply = await _cloud.ControlAsync(parametersJson, Wait);
            _view.Event("console: the lamp answered " + Answer(reply));
        }

        // "code 406 (brightness: out of range)", "code 0, response {"done":1}".
        private static string Answer(JsonObject reply) =>
            "code " + reply["code"]?.ToJsonString() + (reply["status"] is JsonValue status ? " (" + status.ToString() + ")" : "")
            + (reply["response"] is JsonObject response ? ", response " + Text(response) : "");

        private static string Text(JsonObject json) =>
            json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
