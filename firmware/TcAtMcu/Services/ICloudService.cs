using TcAtMcu.Matching;

namespace TcAtMcu.Services
{
    /// <summary>
    /// One cloud feature (the data template, time, device bind, diagnostics, ...) behind the <see cref="CloudRouter"/>.
    /// Everything is called on the application's thread (the lifecycle's Step), so a service may send commands and
    /// publish from any of these.
    /// </summary>
    public interface ICloudService
    {
        /// <summary>Called once by <see cref="CloudRouter.Add"/>: declare the topics (router.Subscribe, router.Publishes).</summary>
        void Attach(CloudRouter router);

        /// <summary>The device is online (connected, every declared topic subscribed); after each connection.</summary>
        void OnOnline(long nowMs);

        /// <summary>A message on one of the topics this service subscribed. The report is valid only during the call.</summary>
        void OnMessage(CloudTopic topic, Report report);

        /// <summary>When the service wants <see cref="OnDue"/> next (clock ms); long.MaxValue: nothing is due.</summary>
        long DueAtMs { get; }

        /// <summary>Its due time came while online: do the work, move <see cref="DueAtMs"/> on.</summary>
        void OnDue(long nowMs);
    }
}
