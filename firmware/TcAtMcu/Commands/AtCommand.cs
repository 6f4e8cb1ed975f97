using TcAtMcu.Text;

namespace TcAtMcu.Commands
{
    /// <summary>
    /// One AT command of the module: its name and the prefix of its response lines. Instances are the static
    /// entries of <see cref="AtCommands"/>; how a call completes is given per call as an <see cref="AtReply"/>.
    /// </summary>
    public sealed class AtCommand
    {
        public AtCommand(string name)
        {
            Name = name;
            Command = Ascii.Bytes("AT+" + name);
            ResultPrefix = Ascii.Bytes("+" + name + ":");
        }

        /// <summary>"TCMQTTPUB"</summary>
        public string Name { get; private set; }

        /// <summary>"AT+TCMQTTPUB"</summary>
        public byte[] Command { get; private set; }

        /// <summary>"+TCMQTTPUB:": the module's response and result lines for this command start with it.</summary>
        public byte[] ResultPrefix { get; private set; }
    }

    /// <summary>How a command's answer ends (NOTES.md "Results").</summary>
    public enum AtReply
    {
        /// <summary>Response lines, if any, then OK.</summary>
        Ok = 0,
        /// <summary>OK, then later one "+NAME:OK" or "+NAME:FAIL[,err]" line (commands that act on the network).</summary>
        OkThenResult,
        /// <summary>OK, then one "+NAME:..." line with the data (AT+TCFWINFO?).</summary>
        OkThenLine,
        /// <summary>OK, the '>' prompt, the payload is written, then "+NAME:OK|FAIL" (AT+TCMQTTPUBL, AT+TCMQTTPUBRAW).</summary>
        PromptThenResult,
        /// <summary>OK, then a length-prefixed data block (AT+TCREADFWDATA).</summary>
        OkThenData,
    }
}
