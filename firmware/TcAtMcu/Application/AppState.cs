namespace TcAtMcu.Application
{
    /// <summary>The application's states; README lists their transitions.</summary>
    public enum AppState
    {
        Starting = 0,
        ResettingModule,
        WaitingForModule,
        Configuring,
        Connecting,
        Subscribing,
        Online,
        Reconnecting,
        Provisioning,
        Updating,
        Backoff,
        /// <summary>Asking the module where it stands (MQTT state, subscriptions, WiFi) to pick the next state.</summary>
        Checking,
        /// <summary>The module has no access point: no MQTT attempts until WiFi is back.</summary>
        WifiDown,
        /// <summary>After Stop(): MQTT disconnected, nothing more is done.</summary>
        Stopped,
    }

    public static class AppStateNames
    {
        public static string Of(AppState state)
        {
            switch (state)
            {
                case AppState.Starting: return "starting";
                case AppState.ResettingModule: return "resetting module";
                case AppState.WaitingForModule: return "waiting for module";
                case AppState.Configuring: return "configuring";
                case AppState.Connecting: return "connecting";
                case AppState.Subscribing: return "subscribing";
                case AppState.Online: return "online";
                case AppState.Reconnecting: return "reconnecting";
                case AppState.Provisioning: return "provisioning";
                case AppState.Updating: return "updating";
                case AppState.Backoff: return "backoff";
                case AppState.Checking: return "checking module";
                case AppState.WifiDown: return "wifi down";
                case AppState.Stopped: return "stopped";
                default: return "?";
            }
        }
    }
}
