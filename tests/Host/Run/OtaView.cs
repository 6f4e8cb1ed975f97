using System;
using TcAtMcu.Ota;

namespace TcAtMcu.Run
{
    /// <summary>
    /// An update as the user follows it: the module's download (+TCOTASTATUS), the firmware's read over the UART
    /// with its rate, then "MD5 verified, installed, now running 1.1.0", or why it failed.
    /// </summary>
    public sealed class OtaView : IOtaProgress
    {
        private readonly RunView _view;
        private readonly Conversation _conversation;
        private readonly Func<string> _version;
        private int _lastTenth = -1;
        private bool _reading;
        private bool _moduleFailed;

        public OtaView(RunView view, Conversation conversation, Func<string> version)
        {
            _view = view;
            _conversation = conversation;
            _version = version;
        }

        public void OnModuleStatus(string state, string line)
        {
            switch (state)
            {
                case "ENTERUPDATE":
                    _moduleFailed = false;
                    _reading = false;
                    _lastTenth = -1;
                    _view.OtaStarted();
                    _view.Event("the module downloads a firmware update");
                    break;
                case "UPDATESUCCESS":
                    _view.Event("the module downloaded and checked the image; the firmware reads it over the UART");
                    break;
                case "UPDATEFAIL":
                    _moduleFailed = true;
                    _view.OtaEnded($"the module's download failed: {line}", true);
                    break;
            }
        }

        public void OnProgress(int bytes, int total, long elapsedMs)
        {
            _reading = true;
            double rate = elapsedMs > 0 ? bytes * 1000.0 / elapsedMs : 0;
            string version = _version() ?? "";
            _view.OtaProgress(version, bytes, total, rate);
            int tenth = total > 0 ? (int)(bytes * 10L / total) : 10;
            if (bytes < total && tenth == _lastTenth)
            {
                return;
            }
            _lastTenth = bytes >= total ? -1 : tenth;
            if (_view.IsPlain)
            {
                _view.Event($"firmware {version} read {bytes}/{total} bytes ({bytes * 100L / Math.Max(1, total)}%), {rate:F0} B/s");
            }
        }

        /// <summary>The application left Updating: how the read ended.</summary>
        public void UpdateEnded(OtaOutcome outcome, string runningVersion)
        {
            if (!_reading)
            {
                if (!_moduleFailed)
                {
                    _view.OtaEnded("the update ended before the firmware read an image", true);
                }
                return;
            }
            _reading = false;
            _view.OtaEnded(Describe(outcome, runningVersion), outcome != OtaOutcome.Installed);
        }

        private string Describe(OtaOutcome outcome, string runningVersion)
        {
            switch (outcome)
            {
                case OtaOutcome.Installed:
                    return $"MD5 verified, installed, now running {runningVersion}";
                case OtaOutcome.Md5Mismatch:
                    return "the image read over the UART does not match its MD5; not installed, still running " + runningVersion;
                case OtaOutcome.ShortImage:
                    return "the image ended before its announced size; not installed";
                case OtaOutcome.NoImage:
                    return "the module holds no image (AT+TCFWINFO? reported none)";
                case OtaOutcome.BadImageInfo:
                    return "the module's image information (AT+TCFWINFO?) was not valid";
                case OtaOutcome.ReadFailed:
                    return "reading the image failed: " + (_conversation.LastFailure() ?? "the module stopped answering");
                default:
                    return "not installed (" + outcome + ")";
            }
        }
    }
}
