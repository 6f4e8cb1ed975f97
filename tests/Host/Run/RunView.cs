using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace TcAtMcu.Run
{
    /// <summary>
    /// What the host run shows, fed from every thread of the run: plain timestamped lines (not a terminal: tests,
    /// CI, pipes), or the model the live view draws. Both say the same things.
    /// </summary>
    public sealed class RunView
    {
        private readonly object _sync = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Action<string> _plain;
        private readonly LinkedList<string> _events = new LinkedList<string>();
        private readonly LinkedList<MessageLine> _messages = new LinkedList<MessageLine>();

        /// <param name="plain">Where lines go; null: only the live view's model is kept.</param>
        public RunView(Action<string> plain)
        {
            _plain = plain;
        }

        public bool IsPlain => _plain != null;

        /// <summary>Short, what to know first: the broker (push needs it) or the serial device.</summary>
        public string Title = "";
        /// <summary>The whole description of the link: module, UART, pacing, broker.</summary>
        public string Where = "";
        /// <summary>"/PRODUCT/device": left out of topics in the live view, where every topic ends with it.</summary>
        public string TopicSuffix = "\0";
        public string State = "starting";
        public string Led = "off";
        public string FirmwareVersion = "";
        public string Wifi = "";
        public string Mqtt = "";
        public string Telemetry = "";
        public double TelemetryAt = -1;
        /// <summary>The product's properties as the device holds them ("on, brightness 80%, ...").</summary>
        public string Lamp = "";
        /// <summary>One line per sub-device when the device is a gateway: "SUBLAMP001/lamp1 online: on, brightness 30%, ...".</summary>
        public string[] SubDevices = new string[0];
        public string OtaVersion;
        public int OtaBytes;
        public int OtaTotal;
        public double OtaRate;
        public string OtaResult;
        public bool OtaFailed;

        public double Seconds => _clock.Elapsed.TotalSeconds;

        /// <summary>A line of the run's story (started, backoff and why, trace).</summary>
        public void Event(string text)
        {
            if (_plain != null)
            {
                Print(text);
                return;
            }
            lock (_sync)
            {
                _events.AddLast($"{Seconds:F1}s {text}");
                while (_events.Count > 8)
                {
                    _events.RemoveFirst();
                }
            }
        }

        public void StateChanged(string state, string led)
        {
            lock (_sync)
            {
                State = state;
                Led = led;
            }
            if (_plain != null)
            {
                Print($"state: {state}, LED {led}");
            }
        }

        /// <summary>A message on the broker: device to cloud (the console received it) or cloud to device.</summary>
        public void Message(bool toCloud, string topic, string payload, string plainText)
        {
            if (_plain != null)
            {
                Print(plainText);
                return;
            }
            lock (_sync)
            {
                _messages.AddLast(new MessageLine(Seconds, toCloud, topic.EndsWith(TopicSuffix, StringComparison.Ordinal) ? topic.Substring(0, topic.Length - TopicSuffix.Length) : topic, payload));
                while (_messages.Count > 6)
                {
                    _messages.RemoveFirst();
                }
            }
        }

        /// <summary>The lamp's properties changed (a control applied): an event line, and the live view's lamp row.</summary>
        public void LampChanged(string properties)
        {
            Set(v => v.Lamp = properties);
            Event("lamp: " + properties);
        }

        public void TelemetryReceived(string payload)
        {
            lock (_sync)
            {
                Telemetry = payload;
                TelemetryAt = Seconds;
            }
        }

        public void OtaProgress(string version, int bytes, int total, double bytesPerSecond)
        {
            lock (_sync)
            {
                if (OtaVersion != version || bytes < OtaBytes)
                {
                    OtaResult = null;
                    OtaFailed = false;
                }
                OtaVersion = version;
                OtaBytes = bytes;
                OtaTotal = total;
                OtaRate = bytesPerSecond;
            }
        }

        /// <summary>A new update began: what the view showed of the previous one (its version, its full bar) goes.</summary>
        public void OtaStarted()
        {
            lock (_sync)
            {
                OtaVersion = null;
                OtaBytes = 0;
                OtaTotal = 0;
                OtaRate = 0;
                OtaResult = null;
                OtaFailed = false;
            }
        }

        /// <summary>How an OTA ended: "MD5 verified, installed, now running 1.1.0", or why it failed.</summary>
        public void OtaEnded(string result, bool failed)
        {
            lock (_sync)
            {
                OtaResult = result;
                OtaFailed = failed;
            }
            if (_plain != null)
            {
                Print((failed ? "OTA failed: " : "OTA: ") + result);
            }
            else
            {
                Event((failed ? "OTA failed: " : "OTA: ") + result);
            }
        }

        public void Set(Action<RunView> change)
        {
            lock (_sync)
            {
                change(this);
            }
        }

        /// <summary>A consistent copy for drawing.</summary>
        public T Read<T>(Func<RunView, IReadOnlyList<string>, IReadOnlyList<MessageLine>, T> read)
        {
            lock (_sync)
            {
                return read(this, new List<string>(_events), new List<MessageLine>(_messages));
            }
        }

        private void Print(string text)
        {
            _plain($"[{Seconds,7:F3}s] {text}");
        }

        public readonly record struct MessageLine(double At, bool ToCloud, string Topic, string Payload);
    }
}
