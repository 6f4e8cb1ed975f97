using TcAtMcu.Application;
using TcAtMcu.Services;

namespace TcAtMcu.Ota
{
    /// <summary>
    /// Proves a package healthy when the application gets Online (module answering, MQTT connected and subscribed),
    /// then claims the version it may now report (the application reports it, AT+TCOTASET, through the one
    /// <see cref="FirmwareVersion"/>): a trial package's own version only after it proved healthy. Passes every state change on to the application's own observer.
    /// </summary>
    public sealed class HealthObserver : IStateObserver
    {
        private readonly IHealthReporter _health;
        private readonly FirmwareVersion _version;
        private readonly IStateObserver _inner;

        public HealthObserver(IHealthReporter health, FirmwareVersion version, IStateObserver inner)
        {
            _health = health;
            _version = version;
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
            _version.Claim(_health.ReportedVersion);
        }
    }
}
