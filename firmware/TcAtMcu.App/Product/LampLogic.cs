using System.Diagnostics;
using TcAtMcu.DataTemplate;
using TcAtMcu.Text;

namespace TcAtMcu.App.Product
{
    /// <summary>
    /// The smart lamp's own behaviour: what it does when the cloud sets its properties or calls its action.
    /// The typed members (lamp.PowerSwitch, lamp.Brightness...) are generated from smart-lamp.json; drive the
    /// real lamp (PWM, relay) from here. Runs on the application's thread.
    /// </summary>
    public sealed class LampLogic : IThingHandler, ISmartLampActions
    {
        private readonly SmartLamp _lamp;
        private bool _wasOn;

        public LampLogic(SmartLamp lamp)
        {
            _lamp = lamp;
        }

        /// <summary>Set once the ThingClient exists (it needs this handler first).</summary>
        public ThingClient Client { get; set; }

        /// <summary>Controls applied and event replies received, for logs and the host run.</summary>
        public int Controls { get; private set; }
        public int EventReplies { get; private set; }
        public int LastEventCode { get; private set; }

        public void OnControl()
        {
            Controls++;
            bool on = _lamp.PowerSwitch;
            if (on != _wasOn && Client != null)
            {
                _wasOn = on;
                // Tell the cloud the lamp's running state when it was switched: an event with its reply tracked.
                _lamp.StatusReport.Status = false;
                _lamp.StatusReport.MessageValue.SetText(_lamp.PowerSwitch ? SwitchedOn : SwitchedOff, 0,
                    _lamp.PowerSwitch ? SwitchedOn.Length : SwitchedOff.Length);
                Client.PostEvent(_lamp.StatusReport.Event);
            }
        }

        public int OnAction(TemplateAction action)
        {
            return _lamp.Dispatch(action, this);
        }

        public int OnBlink(SmartLampBlinkAction action)
        {
            // A real lamp would blink action.Times times here.
            action.Done = action.Times > 0;
            return ThingCodes.Success;
        }

        public void OnEventReply(TemplateEvent templateEvent, int code)
        {
            EventReplies++;
            LastEventCode = code;
            if (code != ThingCodes.Success)
            {
                Debug.WriteLine(code == ThingCodes.NoReply ? "event: no reply from the cloud" : "event refused by the cloud");
            }
        }

        private static readonly byte[] SwitchedOn = Ascii.Bytes("switched on");
        private static readonly byte[] SwitchedOff = Ascii.Bytes("switched off");
    }
}
