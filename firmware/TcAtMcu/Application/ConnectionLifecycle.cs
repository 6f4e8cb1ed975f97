using System.Threading;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Text;

namespace TcAtMcu.Application
{
    /// <summary>
    /// The application: brings the module up, keeps the device online, follows the module's reports, and starts
    /// over (module reset, with backoff) whenever the module stops answering. One thread calls <see cref="Step"/>
    /// in a loop; reports are dispatched inside Step, so everything here runs on that thread.
    ///
    /// ResettingModule -> WaitingForModule -> Configuring -> Connecting -> Subscribing -> Online
    /// Online -> Reconnecting (module reconnects by itself) -> Online, or -> Connecting after -106
    /// Online -> Connecting when a publish finds the module disconnected (it rebooted)
    /// any -> Backoff -> ResettingModule when the module does not answer or a step fails
    /// button: long press -> Provisioning (smart config), double press -> Provisioning (soft AP),
    ///         press while provisioning -> stop -> Connecting; provisioning result -> Connecting
    /// +TCOTASTATUS:ENTERUPDATE -> Updating; UPDATESUCCESS -> the image is read, verified and installed
    /// (with an <see cref="Updater"/>), the new version reported -> Online; UPDATEFAIL -> Online
    /// </summary>
    public sealed class ConnectionLifecycle : IReportHandler
    {
        private readonly TcModule _module;
        private readonly AppSettings _settings;
        private readonly IModuleReset _reset;
        private readonly StatusLed _led;
        private readonly IClock _clock;
        private readonly ITelemetry _telemetry;
        private readonly IReportHandler _messages;
        private readonly ButtonGestures _button;
        private readonly DeviceInfo _deviceInfo = new DeviceInfo();
        private readonly Subscriptions _held = new Subscriptions();
        private readonly byte[] _payload = new byte[512];
        // UTF-8 once: telemetry publishes allocate nothing.
        private readonly byte[] _reportTopic;
        private readonly string _controlTopic;
        private readonly long _startedAt;

        private AppState _state = AppState.Starting;
        private long _enteredAt;
        private long _wakeAt;
        private int _attempts;
        private int _backoffMs;
        private int _sequence;
        private int _consecutiveTimeouts;
        private bool _softAp;

        // Set by reports (OnReport), acted on by Step.
        private bool _reconnecting;
        private bool _reconnected;
        private bool _connectionLost;
        private bool _updateStarted;
        private bool _updateEnded;
        private bool _updateDownloaded;
        private bool _provisioningEnded;

        public ConnectionLifecycle(TcModule module, AppSettings settings, IModuleReset reset, StatusLed led, IClock clock,
            ITelemetry telemetry, IReportHandler messages, ButtonGestures button)
        {
            _module = module;
            _settings = settings;
            _reset = reset;
            _led = led;
            _clock = clock;
            _telemetry = telemetry;
            _messages = messages;
            _button = button;
            _reportTopic = settings.ReportTopic == null ? null : Utf8.Bytes(settings.ReportTopic);
            _controlTopic = settings.ControlTopic;
            _backoffMs = settings.BackoffMinMs;
            _startedAt = clock.NowMs;
            module.Events = this;
        }

        public AppState State { get { return _state; } }

        /// <summary>Telemetry published since start.</summary>
        public int Published { get; private set; }

        /// <summary>The sequence number (clientToken tc-N) of the last telemetry composed.</summary>
        public int LastSequence { get { return _sequence; } }

        /// <summary>Told each time the device is online again (the data template asks for its state); on the Step thread.</summary>
        public IOnlineListener OnlineListener { get; set; }

        /// <summary>Called when the state changes, for logs; on the Step thread.</summary>
        public IStateObserver Observer { get; set; }

        /// <summary>Reads a downloaded image into the device's firmware store; null: OTA images are not installed.</summary>
        public OtaUpdater Updater { get; set; }

        /// <summary>
        /// Runs an installed package (the boot program's restart into it, on trial); its version is reported only once it
        /// proved healthy. Null: the installed image's version is reported at once.
        /// </summary>
        public IRestart AfterInstall { get; set; }

        /// <summary>Attempts at reading an image before giving up on it (each starts over from AT+TCFWINFO?).</summary>
        public int UpdateAttempts { get; set; } = 3;

        /// <summary>How the last image transfer ended.</summary>
        public OtaOutcome LastUpdate { get; private set; }

        /// <summary>Step, then wait for a report or the time Step asked for (at most 100 ms), until stop is set.</summary>
        public void Run(WaitHandle stop)
        {
            while (!stop.WaitOne(0, false))
            {
                int waitMs = Step();
                _module.Engine.ReportReady.WaitOne(waitMs < 100 ? waitMs : 100, false);
            }
        }

        /// <summary>Does what is due now; returns the ms until something is due again (reports wake it sooner).</summary>
        public int Step()
        {
            _module.Engine.DispatchReports(_module);
            if (_button != null && OnButton(_button.Poll(_clock.NowMs)))
            {
                return 0;
            }
            switch (_state)
            {
                case AppState.Starting:
                case AppState.ResettingModule:
                    return ResetModule();
                case AppState.WaitingForModule:
                    return WaitForModule();
                case AppState.Configuring:
                    return Configure();
                case AppState.Connecting:
                    return Connect();
                case AppState.Subscribing:
                    return Subscribe();
                case AppState.Online:
                    return StayOnline();
                case AppState.Reconnecting:
                    return FollowReconnection();
                case AppState.Provisioning:
                    return FollowProvisioning();
                case AppState.Updating:
                    return FollowUpdate();
                default:
                    return WaitBackoff();
            }
        }

        public void OnReport(Report report)
        {
            switch (report.Kind)
            {
                case ReportKind.MessageReceived:
                    if (_messages != null)
                    {
                        _messages.OnReport(report);
                    }
                    break;
                case ReportKind.Disconnected:
                    // -106, or any drop without auto-reconnect: the module will not come back by itself.
                    _connectionLost = !_module.State.Reconnecting && !_module.State.Connected
                        && (report.Code == Errors.ServerError.MqttReconnectTimeout || !_settings.Mqtt.AutoReconnect);
                    break;
                case ReportKind.Reconnecting:
                    _reconnecting = true;
                    break;
                case ReportKind.Reconnected:
                    _reconnected = true;
                    break;
                case ReportKind.OtaStatus:
                    if (report.Status == ReportStatus.OtaEnterUpdate)
                    {
                        _updateStarted = true;
                    }
                    else
                    {
                        _updateEnded = true;
                        _updateDownloaded = report.Status == ReportStatus.OtaUpdateSuccess;
                    }
                    break;
                case ReportKind.SmartConfig:
                case ReportKind.SoftAp:
                    _provisioningEnded = true;
                    break;
            }
        }

        private int ResetModule()
        {
            Enter(AppState.ResettingModule, LedPattern.Off);
            _reset.Pulse();
            _module.ForgetModuleState();
            ClearReportFlags();
            _attempts = 0;
            _wakeAt = _clock.NowMs + _settings.BootWaitMs;
            Enter(AppState.WaitingForModule, LedPattern.Off);
            return _settings.BootWaitMs;
        }

        private int WaitForModule()
        {
            long now = _clock.NowMs;
            if (now < _wakeAt)
            {
                return (int)(_wakeAt - now);
            }
            if (_module.Probe().IsOk && _module.DisableEcho().IsOk)
            {
                Enter(AppState.Configuring, LedPattern.FastBlink);
                return 0;
            }
            if (++_attempts >= _settings.ProbeAttempts)
            {
                return Fail();
            }
            _wakeAt = _clock.NowMs + _settings.ProbeIntervalMs;
            return _settings.ProbeIntervalMs;
        }

        // Writes the identity only when the module's differs: each write is a flash erase on the module.
        private int Configure()
        {
            AtResult result = _module.ReadDeviceInfo(_deviceInfo);
            if (!result.IsOk)
            {
                return Fail();
            }
            if (_settings.DeviceSecret != null)
            {
                if (!_deviceInfo.Matches(_settings.ProductId, _settings.DeviceName, _settings.DeviceSecret)
                    && !_module.SetDeviceInfo(_settings.ProductId, _settings.DeviceName, _settings.DeviceSecret).IsOk)
                {
                    return Fail();
                }
            }
            else if (_deviceInfo.ProductId != _settings.ProductId || _deviceInfo.DeviceName != _settings.DeviceName
                || _deviceInfo.SecretChecksum <= 0)
            {
                if (!_module.SetProductInfo(_settings.ProductId, _settings.ProductSecret, _settings.DeviceName).IsOk
                    || !_module.Register().IsOk)
                {
                    return Fail();
                }
            }
            Enter(AppState.Connecting, LedPattern.FastBlink);
            return 0;
        }

        private int Connect()
        {
            ClearReportFlags();
            AtResult result = _module.Connect(_settings.Mqtt);
            if (!result.IsOk && !(result.Status == AtStatus.Refused && result.Code == (int)AtRefusal.Connected))
            {
                return Fail();
            }
            Enter(AppState.Subscribing, LedPattern.FastBlink);
            return 0;
        }

        private int Subscribe()
        {
            if (!Subscribed(_controlTopic))
            {
                return Fail();
            }
            for (int i = 0; i < _settings.ExtraTopics.Length; i++)
            {
                if (!Subscribed(_settings.ExtraTopics[i]))
                {
                    return Fail();
                }
            }
            // OTA is a convenience: a failure to report the version does not keep the device offline.
            if (_settings.EnableOta)
            {
                _module.SetOta(true, _settings.FirmwareVersion);
            }
            GoOnline();
            return 0;
        }

        private bool Subscribed(string topic)
        {
            Subscriptions wanted = _module.State.Subscriptions;
            int index = wanted.IndexOf(topic);
            if (index >= 0 && wanted.IsActive(index))
            {
                return true;
            }
            return _module.Subscribe(topic, 1).IsOk;
        }

        private void GoOnline()
        {
            _backoffMs = _settings.BackoffMinMs;
            _consecutiveTimeouts = 0;
            _wakeAt = _clock.NowMs;
            Enter(AppState.Online, LedPattern.Solid);
            IOnlineListener listener = OnlineListener;
            if (listener != null)
            {
                listener.OnOnline();
            }
        }

        private int StayOnline()
        {
            if (TookOverByReports())
            {
                return 0;
            }
            long now = _clock.NowMs;
            if (now < _wakeAt)
            {
                return (int)(_wakeAt - now);
            }
            _wakeAt = now + _settings.TelemetryPeriodMs;
            int length = _telemetry.Compose(_payload, _payload.Length, ++_sequence, now - _startedAt);
            if (length == 0)
            {
                return _settings.TelemetryPeriodMs;
            }
            AtResult result = _module.Publish(_reportTopic, _settings.TelemetryQos, _payload, 0, length);
            if (result.IsOk)
            {
                Published++;
                _consecutiveTimeouts = 0;
                return _settings.TelemetryPeriodMs;
            }
            if (result.Status == AtStatus.Timeout && ++_consecutiveTimeouts >= 2)
            {
                return Fail();
            }
            if (ModuleLostConnection(result))
            {
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return 0;
            }
            return _settings.TelemetryPeriodMs;
        }

        // A publish refused for the state (CME 208) may mean the module rebooted behind our back: ask it.
        private bool ModuleLostConnection(AtResult result)
        {
            bool stateError = result.Status == AtStatus.CmeError && result.Code == Errors.CmeError.StateError;
            return stateError && _module.ReadState().IsOk && !_module.State.Connected;
        }

        // Reports that move the state machine away from Online.
        private bool TookOverByReports()
        {
            if (_updateStarted || (_updateEnded && _updateDownloaded))
            {
                _updateStarted = false;
                Enter(AppState.Updating, LedPattern.DoubleFlash);
                return true;
            }
            if (_connectionLost)
            {
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return true;
            }
            if (_reconnecting && !_module.State.Connected)
            {
                _reconnecting = false;
                _reconnected = false;
                Enter(AppState.Reconnecting, LedPattern.FastBlink);
                return true;
            }
            return false;
        }

        private int FollowReconnection()
        {
            if (_connectionLost)
            {
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return 0;
            }
            if (_reconnected || _module.State.Connected)
            {
                _reconnected = false;
                if (!_module.VerifySubscriptions(_held).IsOk)
                {
                    return Fail();
                }
                GoOnline();
                return 0;
            }
            if (_clock.NowMs - _enteredAt > _settings.ReconnectWaitMs)
            {
                return Fail();
            }
            return 1000;
        }

        private int FollowUpdate()
        {
            if (!_updateEnded)
            {
                return 1000;
            }
            _updateEnded = false;
            if (_updateDownloaded && Updater != null)
            {
                _updateDownloaded = false;
                InstallUpdate();
            }
            GoOnline();
            return 0;
        }

        // The module holds a verified download: read it into the firmware store, verify it again, report it.
        private void InstallUpdate()
        {
            for (int attempt = 0; attempt < UpdateAttempts; attempt++)
            {
                LastUpdate = Updater.Run();
                if (LastUpdate == OtaOutcome.Installed)
                {
                    if (AfterInstall != null)
                    {
                        AfterInstall.Restart();
                        return;
                    }
                    // On a device the store's Commit reboots into the image; a host run carries on as the new version.
                    _settings.FirmwareVersion = Updater.Image.Version;
                    _module.SetOta(true, _settings.FirmwareVersion);
                    return;
                }
                if (LastUpdate == OtaOutcome.NoImage || LastUpdate == OtaOutcome.BadImageInfo || LastUpdate == OtaOutcome.StoreFailed)
                {
                    return; // reading again cannot help (nor fill the flash less); a read failure or a wrong MD5 (UART noise) can
                }
            }
        }

        private int FollowProvisioning()
        {
            if (_provisioningEnded)
            {
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return 0;
            }
            return 1000;
        }

        /// <summary>Acts on a gesture; true when it changed the state (the step ends there).</summary>
        private bool OnButton(ButtonGesture gesture)
        {
            if (gesture == ButtonGesture.None)
            {
                return false;
            }
            if (_state == AppState.Provisioning)
            {
                if (gesture != ButtonGesture.Press)
                {
                    return false;
                }
                if (_softAp)
                {
                    _module.StopSoftAp();
                }
                else
                {
                    _module.StopSmartConfig();
                }
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return true;
            }
            if (gesture == ButtonGesture.Press || _state == AppState.Updating)
            {
                return false;
            }
            if (_module.State.Connected)
            {
                _module.Disconnect();
            }
            _softAp = gesture == ButtonGesture.DoublePress;
            _provisioningEnded = false;
            AtResult result = _softAp
                ? _module.StartSoftAp(_settings.SoftApSsid, _settings.SoftApPassword)
                : _module.StartSmartConfig();
            if (result.IsOk)
            {
                Enter(AppState.Provisioning, LedPattern.SlowBlink);
            }
            else
            {
                Enter(AppState.Connecting, LedPattern.FastBlink);
            }
            return true;
        }

        private int Fail()
        {
            _wakeAt = _clock.NowMs + _backoffMs;
            int wait = _backoffMs;
            _backoffMs = _backoffMs * 2 > _settings.BackoffMaxMs ? _settings.BackoffMaxMs : _backoffMs * 2;
            Enter(AppState.Backoff, LedPattern.ErrorFlash);
            return wait;
        }

        private int WaitBackoff()
        {
            long now = _clock.NowMs;
            if (now < _wakeAt)
            {
                return (int)(_wakeAt - now);
            }
            _state = AppState.ResettingModule;
            return 0;
        }

        private void ClearReportFlags()
        {
            _reconnecting = false;
            _reconnected = false;
            _connectionLost = false;
            _updateStarted = false;
            _updateEnded = false;
            _updateDownloaded = false;
        }

        private void Enter(AppState state, LedPattern pattern)
        {
            _led.Show(pattern);
            if (state == _state)
            {
                return;
            }
            _state = state;
            _enteredAt = _clock.NowMs;
            IStateObserver observer = Observer;
            if (observer != null)
            {
                observer.OnStateChanged(state);
            }
        }
    }

    /// <summary>Told of each state change (logs, a display).</summary>
    public interface IStateObserver
    {
        void OnStateChanged(AppState state);
    }
}
