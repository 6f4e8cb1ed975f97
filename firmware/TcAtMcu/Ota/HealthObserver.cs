using TcAtMcu.Application;
using TcAtMcu.Module;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Proves a package healthy when the application gets Online (module answering, MQTT connected and subscribed),
    /// then reports the version it may now claim (AT+TCOTASET) if that changed: a trial package's own version only
    /// after it proved healthy. Passes every state change on to the application's own observer.
    /// </summary>
    public sealed class HealthObserver : IStateObserver
    {
        private readonly IHealthReporter _health;
        private readonly TcModule _module;
        private readonly AppSettings _settings;
        private readonly IStateObserver _inner;

        public HealthObserver(IHealthReporter health, TcModule module, AppSettings settings, IStateObserver inner)
        {
            _health = health;
            _module = module;
            _settings = settings;
            _inner = inner;
        }

        public void OnStateChanged(AppState state)
        {
            if (_inner != null)
            {
                _inner.OnStateChanged(state);
            }
            if (state != AppState.Online || _health == null)
            {
                return;
            }
            _health.Healthy();
            string version = _health.ReportedVersion;
            if (version != _settings.FirmwareVersion)
            {
                _settings.FirmwareVersion = version;
                _module.SetOta(_settings.EnableOta, version);
            }
        }
    }
}
