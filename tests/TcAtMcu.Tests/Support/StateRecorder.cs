using TcAtMcu.Application;

namespace TcAtMcu.Tests.Support
{
    /// <summary>The application's state changes as one line: "resetting module > waiting for module > ...".</summary>
    public sealed class StateRecorder : IStateObserver
    {
        public string Seen = "";

        public void OnStateChanged(AppState state)
        {
            Seen += (Seen.Length > 0 ? " > " : "") + AppStateNames.Of(state);
        }
    }
}
