using System.Threading;
using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Ota;
using TcAtMcu.Services;
using TcAtMcu.Text;

namespace TcAtMcu.Application
{
    /// <summary>
    /// The application: brings the module up, keeps the device online, follows the module's reports, and when
    /// something is off asks the module where it stands (AT+TCMQTTSTATE?, AT+TCMQTTSUB?, AT+CWJAP?) instead of
    /// waiting for a report. Every state has a bounded stay. One thread calls <see cref="Step"/> in a loop;
    /// reports are dispatched inside Step, so everything here runs on that thread.
    ///
    /// ResettingModule (reset line, or AT+RST without one) -> WaitingForModule -> Configuring -> Checking
    /// Checking asks the module: connected -> Subscribing (adopts what it holds); no WiFi -> WifiDown; else Connecting
    /// Connecting -> Subscribing -> Online; CONN answered CME 208 -> AT+TCMQTTSTATE?: adopt, or disconnect and connect
    /// Online -> Reconnecting (module reconnects by itself) -> Checking; -106 -> Connecting
    /// "ready" in any state (the module rebooted) -> WaitingForModule; WIFI DISCONNECT -> WifiDown
    /// WifiDown: the module does not rejoin by itself (NOTES.md): after WifiRejoinMinMs, doubling to WifiRejoinMaxMs
    /// while the access point stays away, AT+CWJAP with the configured one, else a module reset (it joins its stored one)
    /// a module that does not answer twice -> Backoff -> ResettingModule; other failures -> Backoff -> Checking
    /// button: long press -> Provisioning (smart config), double press -> Provisioning (soft AP),
    ///         press while provisioning -> stop -> Checking; provisioning result -> Checking
    /// +TCOTASTATUS:ENTERUPDATE -> Updating; UPDATESUCCESS -> the image is read, verified and installed
    /// (with an <see cref="Updater"/>), the new version reported -> Checking; UPDATEFAIL -> Checking
    /// <see cref="Stop"/> -> Stopped (MQTT disconnected)
    /// </summary>
    public sealed class ConnectionLifecycle : IReportHandler
    {
        private readonly TcModule _module;
        private readonly AppSettings _settings;
        private readonly IModuleReset _reset;
        private readonly StatusLed _led;
        private readonly IClock _clock;
        private readonly CloudRouter _cloud;
        private readonly ButtonGestures _button;
        private readonly DeviceInfo _deviceInfo = new DeviceInfo();
        private readonly ModuleInfo _moduleInfo = new ModuleInfo();
        private readonly WifiInfo _wifi = new WifiInfo();
        private readonly Subscriptions _held = new Subscriptions();

        private AppState _state = AppState.Starting;
        private AppState _afterBackoff = AppState.ResettingModule;
        private long _enteredAt;
        private long _wakeAt;
        private long _checkAt;
        private long _lastReconnectingAt;
        private int _attempts;
        private int _backoffMs;
        private int _unanswered;
        private int _connectFailures;
        private int _echoLines;
        private bool _softAp;
        private ButtonGesture _provisioningAsked = ButtonGesture.None;
        private bool _factoryReset;
        private bool _wifiModeSet;
        private int _wifiRejoinMs;
        private long _wifiRejoinAt;
        private bool _updatePending;
        private int _installFailures;

        // Set by reports (OnReport), acted on by Step.
        private bool _reconnecting;
        private bool _reconnected;
        private bool _connectionLost;
        private bool _updateStarted;
        private bool _updateEnded;
        private bool _updateDownloaded;
        private bool _provisioningEnded;
        private bool _moduleRebooted;
        private bool _wifiLost;
        private bool _wifiBack;

        public ConnectionLifecycle(TcModule module, AppSettings settings, IModuleReset reset, StatusLed led, IClock clock,
            CloudRouter cloud, ButtonGestures button)
        {
            if (cloud.Topics.ProductId != settings.ProductId || cloud.Topics.DeviceName != settings.DeviceName)
            {
                throw new System.ArgumentException("the cloud services' topics are for another device than the settings");
            }
            _module = module;
            _settings = settings;
            _reset = reset;
            _led = led;
            _clock = clock;
            _cloud = cloud;
            _button = button;
            _backoffMs = settings.BackoffMinMs;
            _wifiRejoinMs = settings.WifiRejoinMinMs;
            module.Events = this;
        }

        public AppState State { get { return _state; } }

        /// <summary>Publishes the module accepted since start, of every cloud service.</summary>
        public int Published { get { return _cloud.Published; } }

        /// <summary>The cloud services: subscribed while Subscribing, told the online moment, run while Online.</summary>
        public CloudRouter Cloud { get { return _cloud; } }

        /// <summary>The version the device claims (the one owner; AT+TCOTASET once per connection).</summary>
        public FirmwareVersion Version { get { return _cloud.Version; } }

        /// <summary>Called when the state changes, for logs; on the Step thread.</summary>
        public IStateObserver Observer { get; set; }

        /// <summary>Device binding: the factory-reset gesture (button held 10 s) asks it to unbind; null: the gesture does nothing.</summary>
        public BindService Binding { get; set; }

        /// <summary>Provisioning is started (smart config, or soft AP) at the next step where the module is up: a product's or service's request.</summary>
        public void RequestProvisioning(bool softAp)
        {
            _provisioningAsked = softAp ? ButtonGesture.DoublePress : ButtonGesture.LongPress;
        }

        /// <summary>At the next step with the module up: MQTT disconnected, the module's identity cleared (AT+TCRESTORE), then provisioning.</summary>
        public void RequestFactoryReset()
        {
            _factoryReset = true;
        }

        /// <summary>Reads a downloaded image into the device's firmware store; null: OTA images are not installed.</summary>
        public OtaUpdater Updater { get; set; }

        /// <summary>
        /// Runs an installed package (the boot program's restart into it, on trial); its version is reported only once it
        /// proved healthy. Null: the installed image's version is reported at once.
        /// </summary>
        public IRestart AfterInstall { get; set; }

        /// <summary>Attempts at reading an image before giving up on it, module reboots included (each starts over from AT+TCFWINFO?).</summary>
        public int UpdateAttempts { get; set; } = 5;

        /// <summary>How the last image transfer ended.</summary>
        public OtaOutcome LastUpdate { get; private set; }

        /// <summary>Switches the UART to the board's rate after each boot of the module; null: the module's default throughout.</summary>
        public BaudNegotiation Speed { get; set; }

        /// <summary>What the module said about itself (AT+GMR, AT+TCVER, its command set) when it last booted.</summary>
        public ModuleInfo ModuleInfo { get { return _moduleInfo; } }

        /// <summary>Step, then wait for a report or the time Step asked for (at most 100 ms), until stop is set; then <see cref="Stop"/>.</summary>
        public void Run(WaitHandle stop)
        {
            while (!stop.WaitOne(0, false))
            {
                int waitMs = Step();
                _module.Engine.ReportReady.WaitOne(waitMs < 100 ? waitMs : 100, false);
            }
            Stop();
        }

        /// <summary>
        /// A clean stop: disconnects MQTT (the module would otherwise stay connected under a device that is gone)
        /// and leaves the state machine in Stopped. Call it on the Step thread, or after the loop ended.
        /// </summary>
        public void Stop()
        {
            if (_state == AppState.Stopped)
            {
                return;
            }
            // Asked whatever we believe: a module adopted or reconnecting may be connected without our knowing.
            _module.Disconnect();
            Enter(AppState.Stopped, LedPattern.Off);
        }

        /// <summary>
        /// The module was put into deep sleep on purpose (<see cref="DutyCycle"/>): reset it, which wakes it, and bring the
        /// device up again. Call it on the Step thread.
        /// </summary>
        public void WakeModule()
        {
            Enter(AppState.ResettingModule, LedPattern.Off);
        }

        /// <summary>Does what is due now; returns the ms until something is due again (reports wake it sooner).</summary>
        public int Step()
        {
            _module.Engine.DispatchReports(_module);
            if (_state == AppState.Stopped)
            {
                return 1000;
            }
            if (_button != null && OnButton(_button.Poll(_clock.NowMs)))
            {
                return 0;
            }
            if (_factoryReset && (_state == AppState.Online || _state == AppState.Checking || _state == AppState.WifiDown))
            {
                // The module's identity cleared (AT+TCRESTORE; it reboots: its "ready" is followed), then provisioning.
                _factoryReset = false;
                _module.Disconnect();
                if (_module.Restore().IsOk)
                {
                    // It reboots: waited for as after a reset (its "ready" ends the wait), then provisioning.
                    _provisioningAsked = ButtonGesture.LongPress;
                    _module.ForgetModuleState();
                    ForgetModuleReports();
                    _attempts = 0;
                    _wakeAt = _clock.NowMs + _settings.BootWaitMs;
                    Enter(AppState.WaitingForModule, LedPattern.Off);
                }
                else
                {
                    Enter(AppState.Checking, LedPattern.FastBlink);
                }
                return 0;
            }
            if (_provisioningAsked != ButtonGesture.None && (_state == AppState.Checking || _state == AppState.WifiDown))
            {
                ButtonGesture asked = _provisioningAsked;
                _provisioningAsked = ButtonGesture.None;
                OnButton(asked);
                return 0;
            }
            if (TookOverByReports())
            {
                return 0;
            }
            TurnEchoOff();
            switch (_state)
            {
                case AppState.Starting:
                    return Start();
                case AppState.ResettingModule:
                    return ResetModule();
                case AppState.WaitingForModule:
                    return WaitForModule();
                case AppState.Configuring:
                    return Configure();
                case AppState.Checking:
                    return AskModule();
                case AppState.WifiDown:
                    return FollowWifi();
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
                    _cloud.OnReport(report);
                    break;
                case ReportKind.Disconnected:
                    // -106, or any drop without auto-reconnect: the module will not come back by itself.
                    _connectionLost = !_module.State.Reconnecting && !_module.State.Connected
                        && (report.Code == Errors.ServerError.MqttReconnectTimeout || !_settings.Mqtt.AutoReconnect);
                    break;
                case ReportKind.Reconnecting:
                    _reconnecting = true;
                    _lastReconnectingAt = _clock.NowMs;
                    break;
                case ReportKind.Reconnected:
                    _reconnected = true;
                    break;
                case ReportKind.OtaStatus:
                    if (report.Status == ReportStatus.OtaEnterUpdate)
                    {
                        _updateStarted = true;
                        _updatePending = false; // a new download replaces the image not yet installed
                    }
                    else if (report.Status != ReportStatus.OtaUpdateReset)
                    {
                        _updateEnded = true;
                        _updateDownloaded = report.Status == ReportStatus.OtaUpdateSuccess;
                    }
                    break;
                case ReportKind.SmartConfig:
                case ReportKind.SoftAp:
                    _provisioningEnded = true;
                    break;
                case ReportKind.ModuleReady:
                    _moduleRebooted = true;
                    break;
                case ReportKind.WifiDisconnected:
                    _wifiLost = true;
                    _wifiBack = false;
                    break;
                case ReportKind.WifiGotIp:
                    _wifiBack = true;
                    _wifiLost = false;
                    _wifiRejoinMs = _settings.WifiRejoinMinMs;
                    break;
            }
        }

        // Power-up: with a reset line the module is reset; without one it may be up and connected (the firmware
        // restarted under it): ask it first, AT+RST only when it does not answer.
        private int Start()
        {
            if (_reset != null)
            {
                return ResetModule();
            }
            _attempts = 0;
            _wakeAt = _clock.NowMs;
            Enter(AppState.WaitingForModule, LedPattern.Off);
            return 0;
        }

        private int ResetModule()
        {
            Enter(AppState.ResettingModule, LedPattern.Off);
            if (_reset != null)
            {
                _reset.Pulse();
            }
            else
            {
                _module.Restart(); // AT+RST; a module too wedged to answer it gets probed and reset again
            }
            if (Speed != null)
            {
                Speed.AtDefault();
            }
            _module.ForgetModuleState();
            ForgetModuleReports();
            _attempts = 0;
            _connectFailures = 0; // a broker that keeps refusing costs one module reset per ConnectFailuresBeforeReset, not one per attempt
            _wakeAt = _clock.NowMs + _settings.BootWaitMs;
            Enter(AppState.WaitingForModule, LedPattern.Off);
            return _settings.BootWaitMs;
        }

        // After a reset or a reboot: "ready", or the boot wait, then AT and ATE0 (echo is on after boot).
        private int WaitForModule()
        {
            long now = _clock.NowMs;
            if (now < _wakeAt)
            {
                return (int)(_wakeAt - now);
            }
            if (_module.Probe().IsOk && _module.DisableEcho().IsOk)
            {
                _echoLines = _module.Engine.Stats.EchoLines;
                _unanswered = 0;
                _module.DetectCommandSet(_moduleInfo); // AT+GMR, AT+TCVER: V3.1.2 or V3.2.1; a module without them still works
                BaudOutcome speed = Speed == null ? BaudOutcome.Default : Speed.Negotiate();
                if (speed == BaudOutcome.Lost)
                {
                    return Fail(true);
                }
                if (speed == BaudOutcome.NoAnswerAtRate)
                {
                    FollowReboot(); // answering at the default again: it rebooted meanwhile, its boot starts over
                    return 0;
                }
                if (_settings.ModuleSleep != SleepMode.Modem)
                {
                    _module.SetSleepMode(_settings.ModuleSleep); // a module without AT+SLEEP runs on in its own mode
                }
                Enter(AppState.Configuring, LedPattern.FastBlink);
                return 0;
            }
            if (++_attempts >= _settings.ProbeAttempts)
            {
                return Fail(true);
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
                return Fail(true);
            }
            bool rewrite = _settings.DeviceSecret != null
                ? !_deviceInfo.Matches(_settings.ProductId, _settings.DeviceName, _settings.DeviceSecret, _settings.ProductRegion)
                : _deviceInfo.ProductId != _settings.ProductId || _deviceInfo.DeviceName != _settings.DeviceName
                    || _deviceInfo.SecretChecksum <= 0;
            if (rewrite)
            {
                // A module still connected (as another identity) refuses the write: it is reset and asked again.
                bool written = _settings.DeviceSecret != null
                    ? _module.SetDeviceInfo(_settings.ProductId, _settings.DeviceName, _settings.DeviceSecret, _settings.ProductRegion).IsOk
                    : _module.SetProductInfo(_settings.ProductId, _settings.ProductSecret, _settings.DeviceName, _settings.ProductRegion).IsOk
                        && _module.Register().IsOk;
                if (!written)
                {
                    return Fail(true);
                }
            }
            Enter(AppState.Checking, LedPattern.FastBlink);
            return 0;
        }

        /// <summary>
        /// Asks the module where it stands and goes there: connected (a reconnection we did not hear of, or a
        /// firmware restart under a connected module) -> Subscribing with what it holds; no access point ->
        /// WifiDown; otherwise Connecting.
        /// </summary>
        private int AskModule()
        {
            AtResult result = _module.ReadState();
            if (!Heard(result))
            {
                return NoAnswer();
            }
            if (result.IsOk && _module.State.Connected)
            {
                result = _module.VerifySubscriptions(_held);
                if (!Heard(result))
                {
                    return NoAnswer();
                }
                if (!result.IsOk)
                {
                    return Fail(false);
                }
                Enter(AppState.Subscribing, LedPattern.FastBlink);
                return 0;
            }
            if (result.IsOk && _module.State.Reconnecting && _clock.NowMs - _lastReconnectingAt < _settings.StateCheckMs)
            {
                // Still reconnecting by itself (+TCMQTTRECONNECTING within the last check period): let it.
                EnterReconnecting();
                return 0;
            }
            result = _module.ReadAccessPoint(_wifi);
            if (!Heard(result))
            {
                return NoAnswer();
            }
            if (result.IsOk && !_wifi.Connected)
            {
                EnterWifiDown();
                return 0;
            }
            Enter(AppState.Connecting, LedPattern.FastBlink);
            return 0;
        }

        // WiFi down: no MQTT attempts. Waits for WIFI GOT IP (asking AT+CWJAP? every StateCheckMs in case the
        // report is lost) until the rejoin is due; a configured access point is only joined, not asked about.
        private int FollowWifi()
        {
            if (_wifiBack)
            {
                _wifiBack = false;
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            long now = _clock.NowMs;
            if (now >= _wifiRejoinAt)
            {
                return RejoinWifi();
            }
            int untilRejoin = (int)(_wifiRejoinAt - now);
            if (_settings.WifiSsid != null)
            {
                return untilRejoin;
            }
            int wait;
            if (!CheckDue(out wait))
            {
                return wait < untilRejoin ? wait : untilRejoin;
            }
            AtResult result = _module.ReadAccessPoint(_wifi);
            if (!Heard(result))
            {
                return NoAnswer();
            }
            if (!result.IsOk || _wifi.Connected)
            {
                _wifiRejoinMs = _settings.WifiRejoinMinMs;
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            return _settings.StateCheckMs < untilRejoin ? _settings.StateCheckMs : untilRejoin;
        }

        // After a WIFI DISCONNECT the module stays off the network even when the access point is back (NOTES.md):
        // join the configured access point, or reset the module, which joins its stored one as it boots. The wait
        // before the next attempt doubles up to WifiRejoinMaxMs while the access point stays away.
        private int RejoinWifi()
        {
            _wifiRejoinMs = _wifiRejoinMs * 2 > _settings.WifiRejoinMaxMs ? _settings.WifiRejoinMaxMs : _wifiRejoinMs * 2;
            _wifiRejoinAt = _clock.NowMs + _wifiRejoinMs;
            if (_settings.WifiSsid == null)
            {
                return ResetModule();
            }
            AtResult result;
            if (!_wifiModeSet)
            {
                result = _module.SetWifiMode(TcModule.StationMode);
                if (!Heard(result))
                {
                    return NoAnswer();
                }
                _wifiModeSet = result.IsOk;
            }
            result = _module.JoinAccessPoint(_settings.WifiSsid, _settings.WifiPassword == null ? "" : _settings.WifiPassword);
            if (!Heard(result))
            {
                return NoAnswer();
            }
            if (result.IsOk)
            {
                _wifiBack = false;
                _wifiRejoinMs = _settings.WifiRejoinMinMs;
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            long left = _wifiRejoinAt - _clock.NowMs;
            return left > 0 ? (int)left : 0;
        }

        private int Connect()
        {
            _reconnecting = false;
            _reconnected = false;
            _connectionLost = false;
            AtResult result = _module.Connect(_settings.Mqtt);
            if (result.IsOk || (result.Status == AtStatus.Refused && result.Code == (int)AtRefusal.Connected))
            {
                _cloud.Version.Forget();
                Enter(AppState.Subscribing, LedPattern.FastBlink);
                return 0;
            }
            if (!Heard(result))
            {
                return NoAnswer();
            }
            bool reset = ++_connectFailures >= _settings.ConnectFailuresBeforeReset;
            if (result.Status == AtStatus.CmeError && result.Code == Errors.CmeError.StateError && !reset)
            {
                // The module is in a state that refuses CONN: connected already (the firmware restarted under
                // it) or still reconnecting by itself. Ask; adopt the connection, or end its own and connect.
                result = _module.ReadState();
                if (!Heard(result))
                {
                    return NoAnswer();
                }
                if (result.IsOk && _module.State.Connected)
                {
                    Enter(AppState.Checking, LedPattern.FastBlink);
                    return 0;
                }
                _module.Disconnect();
                return 0;
            }
            return Fail(reset);
        }

        private int Subscribe()
        {
            _cloud.TakeNewTopics();
            for (int i = 0; i < _cloud.SubscriptionCount; i++)
            {
                CloudTopic topic = _cloud.Subscription(i);
                if (!topic.Deferred && !Subscribed(topic.Text, topic.Qos))
                {
                    return FailSubscribing();
                }
            }
            // OTA is a convenience: a failure to report the version does not keep the device offline. A module
            // that reconnected by itself still has it; a new connection or a restarted firmware reports it again.
            if (_settings.EnableOta)
            {
                _cloud.Version.ReportIfDue(_module);
            }
            GoOnline();
            return 0;
        }

        private int FailSubscribing()
        {
            return _unanswered > 0 ? NoAnswer() : Fail(false);
        }

        private bool Subscribed(string topic, int qos)
        {
            Subscriptions wanted = _module.State.Subscriptions;
            int index = wanted.IndexOf(topic);
            if (index >= 0 && wanted.IsActive(index))
            {
                return true;
            }
            AtResult result = _module.Subscribe(topic, qos);
            return Heard(result) && result.IsOk;
        }

        private void GoOnline()
        {
            _backoffMs = _settings.BackoffMinMs;
            _connectFailures = 0;
            _unanswered = 0;
            _wakeAt = _clock.NowMs;
            _checkAt = _clock.NowMs + _settings.HealthCheckMs;
            _cloud.ClearLinkHealth();
            Enter(AppState.Online, LedPattern.Solid);
            _cloud.OnOnline(_clock.NowMs);
        }

        private int StayOnline()
        {
            long now = _clock.NowMs;
            if (now >= _checkAt && now < _wakeAt)
            {
                // Nothing heard from the module for HealthCheckMs: a silent module is found within seconds, not
                // at the next telemetry.
                AtResult state = _module.ReadState();
                if (!Heard(state))
                {
                    return NoAnswer();
                }
                _checkAt = now + _settings.HealthCheckMs;
                if (state.IsOk && !_module.State.Connected && !_module.State.Reconnecting)
                {
                    Enter(AppState.Checking, LedPattern.FastBlink);
                    return 0;
                }
            }
            if (_cloud.TakeNewTopics())
            {
                Enter(AppState.Subscribing, LedPattern.FastBlink); // a service added while online: its topics first
                return 0;
            }
            if (_settings.EnableOta && _cloud.Version.Due)
            {
                _cloud.Version.ReportIfDue(_module); // a version claimed while online (a package proved healthy)
            }
            int published = _cloud.Published + _cloud.PublishFailures;
            int wait = _cloud.Step(now, 3600000);
            if (_cloud.Unanswered >= 2)
            {
                return Fail(true);
            }
            if (_cloud.TakeStateRefused())
            {
                // Refused for the state: the module may have rebooted or dropped the link behind our back. Ask it.
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            if (_cloud.Published + _cloud.PublishFailures != published && _cloud.Unanswered == 0)
            {
                _checkAt = _clock.NowMs + _settings.HealthCheckMs; // the module answered
            }
            _wakeAt = _clock.NowMs + wait;
            return UntilDue();
        }

        // Online: ms until a service is due or the health check.
        private int UntilDue()
        {
            long due = _wakeAt < _checkAt ? _wakeAt : _checkAt;
            long wait = due - _clock.NowMs;
            return wait > 0 ? (int)wait : 0;
        }

        // Reports that move the state machine, whatever it is doing: a reboot, WiFi lost, an OTA download, the
        // MQTT link lost or being re-established by the module.
        private bool TookOverByReports()
        {
            AppState s = _state;
            if (_moduleRebooted)
            {
                _moduleRebooted = false;
                if (s == AppState.WaitingForModule)
                {
                    _wakeAt = _clock.NowMs; // booted: no need to sit out the rest of the boot wait
                    return false;
                }
                if (s != AppState.Starting && s != AppState.ResettingModule)
                {
                    FollowReboot();
                    return true;
                }
            }
            bool linked = s == AppState.Checking || s == AppState.Connecting || s == AppState.Subscribing
                || s == AppState.Online || s == AppState.Reconnecting || s == AppState.Backoff;
            if (!linked)
            {
                return false;
            }
            if (_updateStarted || (_updateEnded && _updateDownloaded) || (_updatePending && s == AppState.Online))
            {
                _updateStarted = false;
                _checkAt = _clock.NowMs + _settings.StateCheckMs;
                Enter(AppState.Updating, LedPattern.DoubleFlash);
                return true;
            }
            if (_wifiLost)
            {
                EnterWifiDown();
                return true;
            }
            if (s == AppState.Backoff)
            {
                return false;
            }
            if (_connectionLost && (s == AppState.Online || s == AppState.Reconnecting))
            {
                _connectionLost = false;
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return true;
            }
            if (_reconnecting && s == AppState.Online && !_module.State.Connected)
            {
                EnterReconnecting();
                return true;
            }
            if (_reconnected && s == AppState.Online)
            {
                // Reconnected by the module before a step saw it drop: a new session all the same (the cloud dropped
                // the sub-devices, may hold a desired state): checked, then online again for the services.
                _reconnecting = false;
                _reconnected = false;
                Enter(AppState.Checking, LedPattern.FastBlink);
                return true;
            }
            return false;
        }

        // The module reconnects by itself (+TCMQTTRECONNECTING about once a second). Asked every StateCheckMs;
        // once it has stopped trying, or after ReconnectWaitMs, the MCU ends its attempts and connects itself.
        private int FollowReconnection()
        {
            if (_reconnected || _module.State.Connected)
            {
                _reconnected = false;
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            int wait;
            if (!CheckDue(out wait))
            {
                return wait;
            }
            AtResult result = _module.ReadState();
            if (!Heard(result))
            {
                return NoAnswer();
            }
            if (result.IsOk && _module.State.Connected)
            {
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            long now = _clock.NowMs;
            bool stoppedTrying = now - _lastReconnectingAt >= _settings.StateCheckMs;
            if (stoppedTrying || now - _enteredAt > _settings.ReconnectWaitMs)
            {
                _module.Disconnect();
                Enter(AppState.Connecting, LedPattern.FastBlink);
                return 0;
            }
            return _settings.StateCheckMs;
        }

        private int FollowUpdate()
        {
            if (_updateEnded)
            {
                _updateEnded = false;
                if (_updateDownloaded && Updater != null)
                {
                    _updatePending = true;
                    _installFailures = 0;
                }
                _updateDownloaded = false;
                if (!_updatePending)
                {
                    Enter(AppState.Checking, LedPattern.FastBlink);
                    return 0;
                }
            }
            if (_updatePending)
            {
                return InstallUpdate();
            }
            if (_clock.NowMs - _enteredAt > _settings.UpdateWaitMs)
            {
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            int wait;
            if (!CheckDue(out wait))
            {
                return wait;
            }
            // The download runs on the module; a module gone silent meanwhile is reset, not waited for.
            return Heard(_module.Probe()) ? wait : NoAnswer();
        }

        /// <summary>
        /// The module holds a verified download: read it into the firmware store, verify it again, report it. One
        /// attempt per step, so a module that rebooted in the middle is followed (its "ready") before the next; the
        /// image stays pending across the reboot, as it stays in the module's flash.
        /// </summary>
        private int InstallUpdate()
        {
            LastUpdate = Updater.Run();
            if (LastUpdate == OtaOutcome.Installed)
            {
                _updatePending = false;
                if (AfterInstall != null)
                {
                    AfterInstall.Restart();
                    return 0;
                }
                // On a device the store's Commit reboots into the image; a host run carries on as the new version.
                _cloud.Version.Claim(Updater.Image.Version);
                _cloud.Version.ReportIfDue(_module);
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            // No image (CME 208) or an unusable one: reading again cannot help; a read failure or a wrong MD5 (UART noise) can.
            // A store that failed (flash full, a refused package) will not do better with the same image.
            bool hopeless = LastUpdate == OtaOutcome.BadImageInfo || LastUpdate == OtaOutcome.StoreFailed
                || (LastUpdate == OtaOutcome.NoImage && Updater.LastStatus == AtStatus.CmeError);
            if (hopeless || ++_installFailures >= UpdateAttempts)
            {
                _updatePending = false;
                Enter(AppState.Checking, LedPattern.FastBlink);
            }
            return 0;
        }

        private int FollowProvisioning()
        {
            if (_provisioningEnded)
            {
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            if (_clock.NowMs - _enteredAt > _settings.ProvisioningWaitMs)
            {
                StopProvisioning();
                Enter(AppState.Checking, LedPattern.FastBlink);
                return 0;
            }
            return 1000;
        }

        private void StopProvisioning()
        {
            if (_softAp)
            {
                _module.StopSoftAp();
            }
            else
            {
                _module.StopSmartConfig();
            }
        }

        /// <summary>Acts on a gesture; true when it changed the state (the step ends there).</summary>
        private bool OnButton(ButtonGesture gesture)
        {
            if (gesture == ButtonGesture.None)
            {
                return false;
            }
            if (gesture == ButtonGesture.FactoryReset)
            {
                if (Binding == null)
                {
                    return false;
                }
                // Asked once online: a provisioning that the long press started first is stopped to get there.
                Binding.RequestUnbind();
                if (_state == AppState.Provisioning)
                {
                    StopProvisioning();
                    Enter(AppState.Checking, LedPattern.FastBlink);
                }
                return true;
            }
            if (_state == AppState.Provisioning)
            {
                if (gesture != ButtonGesture.Press)
                {
                    return false;
                }
                StopProvisioning();
                Enter(AppState.Checking, LedPattern.FastBlink);
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
                Enter(AppState.Checking, LedPattern.FastBlink);
            }
            return true;
        }

        /// <summary>True when a waiting state asks the module now (every StateCheckMs); wait: the ms until it asks next.</summary>
        private bool CheckDue(out int wait)
        {
            long now = _clock.NowMs;
            if (now < _checkAt)
            {
                wait = (int)(_checkAt - now);
                return false;
            }
            _checkAt = now + _settings.StateCheckMs;
            wait = _settings.StateCheckMs;
            return true;
        }

        // Echoed commands after ATE0 mean the module rebooted and its "ready" was lost: echo off again.
        private void TurnEchoOff()
        {
            if (_module.Engine.Stats.EchoLines == _echoLines || _state == AppState.Starting
                || _state == AppState.ResettingModule || _state == AppState.WaitingForModule)
            {
                return;
            }
            _module.DisableEcho();
            _echoLines = _module.Engine.Stats.EchoLines;
        }

        private void EnterReconnecting()
        {
            _reconnecting = false;
            _reconnected = false;
            _checkAt = _clock.NowMs + _settings.StateCheckMs;
            Enter(AppState.Reconnecting, LedPattern.FastBlink);
        }

        private void EnterWifiDown()
        {
            _wifiLost = false;
            _wifiBack = false;
            _checkAt = _clock.NowMs + _settings.StateCheckMs;
            _wifiRejoinAt = _clock.NowMs + _wifiRejoinMs;
            Enter(AppState.WifiDown, LedPattern.NoWifi);
        }

        /// <summary>False (and counted) when the module did not answer at all; any answer resets the count.</summary>
        private bool Heard(AtResult result)
        {
            if (result.Status == AtStatus.Timeout || result.Status == AtStatus.LinkFault)
            {
                _unanswered++;
                return false;
            }
            if (result.Status != AtStatus.Refused)
            {
                _unanswered = 0;
            }
            return true;
        }

        // A module that left two commands in a row unanswered is reset; after one, the step is tried again.
        private int NoAnswer()
        {
            return _unanswered >= 2 ? Fail(true) : 0;
        }

        // It rebooted by itself: up again at its default rate, echo on, nothing held. No reset needed.
        private void FollowReboot()
        {
            if (Speed != null)
            {
                Speed.AtDefault();
            }
            _module.ForgetModuleState();
            ForgetModuleReports();
            _attempts = 0;
            _wakeAt = _clock.NowMs;
            Enter(AppState.WaitingForModule, LedPattern.Off);
        }

        /// <summary>Waits (1 s, 2 s, 4 s ... BackoffMaxMs), then resets the module, or only asks it where it stands.</summary>
        private int Fail(bool resetModule)
        {
            if (resetModule && Speed != null && Speed.Recover())
            {
                // Silent at the negotiated rate, answering at the default: it rebooted and its "ready" was noise.
                FollowReboot();
                return 0;
            }
            _afterBackoff = resetModule ? AppState.ResettingModule : AppState.Checking;
            _unanswered = 0;
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
            if (_afterBackoff == AppState.ResettingModule)
            {
                Enter(AppState.ResettingModule, LedPattern.Off); // observers see it; its stay starts now
            }
            else
            {
                Enter(AppState.Checking, LedPattern.FastBlink);
            }
            return 0;
        }

        // After a reset or a reboot the module holds nothing those reports were about.
        private void ForgetModuleReports()
        {
            _reconnecting = false;
            _reconnected = false;
            _connectionLost = false;
            _updateStarted = false;
            _updateEnded = false;
            _updateDownloaded = false;
            _moduleRebooted = false;
            _wifiLost = false;
            _wifiBack = false;
            _cloud.Version.Forget();
            _wifiModeSet = false;
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
