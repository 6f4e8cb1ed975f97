using TcAtMcu.Engine;
using TcAtMcu.Module;

namespace TcAtMcu.Services
{
    /// <summary>How a publish ended, as the application needs to know it.</summary>
    public enum PublishOutcome
    {
        /// <summary>The module accepted it (QoS 1: the broker acknowledged it).</summary>
        Sent,
        /// <summary>Refused or failed; the module answered.</summary>
        Failed,
        /// <summary>The module did not answer (timeout, link fault).</summary>
        NoAnswer,
        /// <summary>CME ERROR 208: the module is not in a state to publish (it rebooted or dropped MQTT behind our back).</summary>
        StateRefused
    }

    /// <summary>Where the router's publishes go: the module (<see cref="ModuleLink"/>), or a test's recorder.</summary>
    public interface ICloudLink
    {
        PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count);
    }

    /// <summary>Publishes through the module: AT+TCMQTTPUB with the topic's UTF-8 prepared once.</summary>
    public sealed class ModuleLink : ICloudLink
    {
        private readonly TcModule _module;

        public ModuleLink(TcModule module)
        {
            _module = module;
        }

        public PublishOutcome Publish(byte[] topic, int qos, byte[] payload, int offset, int count)
        {
            AtResult result = _module.Publish(topic, qos, payload, offset, count);
            if (result.IsOk)
            {
                return PublishOutcome.Sent;
            }
            if (result.Status == AtStatus.Timeout || result.Status == AtStatus.LinkFault)
            {
                return PublishOutcome.NoAnswer;
            }
            return result.Status == AtStatus.CmeError && result.Code == Errors.CmeError.StateError
                ? PublishOutcome.StateRefused : PublishOutcome.Failed;
        }
    }
}
