using TcAtMcu.Matching;

namespace TcAtMcu.Module
{
    /// <summary>
    /// What the module's answers and reports imply about it. Updated by TcModule; read it, do not set it.
    /// Reports update it as the engine parses them, in the module's order relative to command results.
    /// </summary>
    public sealed class ModuleState
    {
        public ModuleState()
        {
            Subscriptions = new Subscriptions();
            CommandTimeoutMs = 5000;
        }

        public bool Connected { get; internal set; }

        /// <summary>Report.Sequence (or a command result's place) of the last change to the connection state.</summary>
        public int ConnectionSequence { get; internal set; }

        /// <summary>A connection report (DISCON, RECONNECTING, RECONNECTED) that a later report or command result has
        /// already overtaken: dispatched late, it no longer describes the module.</summary>
        public bool IsSuperseded(Report report)
        {
            return report.Sequence < ConnectionSequence
                && (report.Kind == ReportKind.Disconnected || report.Kind == ReportKind.Reconnecting || report.Kind == ReportKind.Reconnected);
        }

        /// <summary>Between +TCMQTTRECONNECTING and +TCMQTTRECONNECTED (or the -106 that ends the attempts).</summary>
        public bool Reconnecting { get; internal set; }

        /// <summary>The code of the last +TCMQTTDISCON.</summary>
        public int LastDisconnectCode { get; internal set; }

        /// <summary>Between +TCOTASTATUS:ENTERUPDATE and the download's end.</summary>
        public bool OtaDownloading { get; internal set; }

        /// <summary>The station has an access point and an address: WIFI GOT IP, AT+CWJAP? or AT+CWJAP=; false after WIFI DISCONNECT or "No AP".</summary>
        public bool WifiConnected { get; internal set; }

        /// <summary>"ready" lines seen since start: the module's boots (a reset, AT+RST, or one of its own).</summary>
        public int Reboots { get; internal set; }

        public bool SmartConfigActive { get; internal set; }
        public bool SoftApActive { get; internal set; }

        /// <summary>AT+TCMQTTPUBRAW=? has been asked, and its answer.</summary>
        public bool RawPublishProbed { get; internal set; }
        public bool RawPublishSupported { get; internal set; }

        /// <summary>The cmdtimeout of the last connect: the module's own bound on network commands.</summary>
        public int CommandTimeoutMs { get; internal set; }

        public bool AutoReconnect { get; internal set; }

        /// <summary>The module's command set, from <see cref="TcModule.DetectCommandSet"/>; kept across reboots (a module
        /// updating itself stays in its generation; the application detects again after each boot).</summary>
        public CommandSet CommandSet { get; internal set; }

        /// <summary>What the MCU subscribed to, and whether the module holds each topic now.</summary>
        public Subscriptions Subscriptions { get; private set; }
    }
}
