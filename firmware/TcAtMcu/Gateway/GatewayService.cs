using TcAtMcu.Engine;
using TcAtMcu.Errors;
using TcAtMcu.Matching;
using TcAtMcu.Module;
using TcAtMcu.Services;

namespace TcAtMcu.Gateway
{
    /// <summary>
    /// The module as a gateway (V3.2.1 chapter 7): the sub-devices declared with <see cref="Add"/>, each bound
    /// (AT+TCGWBIND=0) and brought online (AT+TCGWONLINE=0) after the gateway connects and again after every
    /// reconnect, then its topics subscribed and its services (its data template...) run on them. A service behind
    /// the gateway's <see cref="CloudRouter"/>: the sub-devices' topics count in the module's budget of 10 when the
    /// gateway is added, but only this service subscribes them, once the sub-device is online (the cloud lets a gateway
    /// use a sub-device's topics only then; the capture subscribes after AT+TCGWONLINE). One AT command per due step,
    /// so the application keeps handling reports between them. Fixed arrays; nothing allocates per message.
    /// </summary>
    public sealed class GatewayService : ICloudService
    {
        /// <summary>Sub-devices at most; the subscription budget binds first (each ThingClient takes 3 of the 10).</summary>
        public const int MaxSubDevices = 4;

        private const int StepBind = 0;
        private const int StepOnline = 1;
        private const int StepOffline = 2;
        private const int StepSubscribe = 3;
        private const int StepRunning = 4;
        private const int StepUnbind = 5;
        private const int StepIdle = 6;
        internal const int RequestUnbind = 1;
        internal const int RequestBind = 2;

        private readonly TcModule _module;
        private readonly SubDevice[] _subs = new SubDevice[MaxSubDevices];
        private readonly CloudTopic[] _topics = new CloudTopic[TcLimits.Subscriptions];
        private readonly CloudTopic[] _routed = new CloudTopic[TcLimits.Subscriptions];
        private readonly int[] _topicOwner = new int[TcLimits.Subscriptions];
        private readonly bool[] _topicHeld = new bool[TcLimits.Subscriptions];
        private int _count;
        private int _topicCount;
        private bool _attached;
        private long _dueAt = long.MaxValue;
        private int _requests; // written with Interlocked from any thread

        public GatewayService(TcModule module)
        {
            _module = module;
        }

        /// <summary>After a refusal by the cloud (or no answer), the sub-device is tried again this much later.</summary>
        public int RetryMs { get; set; } = 30000;

        /// <summary>Between two gateway commands: the module's AT task is the cloud's while it waits on one.</summary>
        public int StepGapMs { get; set; } = 0;

        public int Count { get { return _count; } }
        public SubDevice SubDevice(int index) { return _subs[index]; }

        /// <summary>Told when a sub-device comes online or leaves it (a display, logs); on the application's thread.</summary>
        public ISubDeviceObserver Observer { get; set; }

        /// <summary>
        /// Declares a sub-device (before the gateway is added to its router); add its services to the returned
        /// <see cref="SubDevice.Cloud"/>. firmwareVersion is what its data template reports (report_info fw_ver).
        /// </summary>
        public SubDevice Add(string productId, string deviceName, string deviceSecret, string firmwareVersion)
        {
            if (_attached)
            {
                throw new System.InvalidOperationException("sub-devices are declared before the gateway is added to its router");
            }
            if (_count == MaxSubDevices)
            {
                throw new System.InvalidOperationException("at most " + MaxSubDevices + " sub-devices");
            }
            SubDevice sub = new SubDevice(_module, productId, deviceName, deviceSecret, firmwareVersion);
            for (int i = 0; i < _count; i++)
            {
                if (_subs[i].ProductId == productId && _subs[i].DeviceName == deviceName)
                {
                    throw new System.ArgumentException("sub-device " + productId + "/" + deviceName + " is declared twice");
                }
            }
            _subs[_count++] = sub;
            return sub;
        }

        /// <summary>
        /// The product unbinds the sub-device: offline, AT+TCGWBIND=1, its topics unsubscribed, and it is not bound
        /// again (after reconnects either) until <see cref="Bind"/>. Any thread: done at the gateway's next step.
        /// </summary>
        public void Unbind(SubDevice sub)
        {
            System.Threading.Interlocked.Exchange(ref sub.Request, RequestUnbind);
            System.Threading.Interlocked.Exchange(ref _requests, 1);
        }

        /// <summary>Binds an unbound sub-device again (when the gateway is online). Any thread.</summary>
        public void Bind(SubDevice sub)
        {
            System.Threading.Interlocked.Exchange(ref sub.Request, RequestBind);
            System.Threading.Interlocked.Exchange(ref _requests, 1);
        }

        // Requests from other threads, applied on the application's thread.
        private void TakeRequests()
        {
            System.Threading.Interlocked.Exchange(ref _requests, 0);
            for (int s = 0; s < _count; s++)
            {
                SubDevice sub = _subs[s];
                int request = System.Threading.Interlocked.Exchange(ref sub.Request, 0);
                if (request == RequestUnbind && sub.State != SubDeviceState.Unbound)
                {
                    sub.Step = sub.State == SubDeviceState.Online ? StepOffline : StepUnbind;
                    sub.RetryAtMs = 0;
                    if (sub.State == SubDeviceState.Online)
                    {
                        Tell(sub, false);
                    }
                    sub.State = SubDeviceState.Unbound;
                }
                else if (request == RequestBind && sub.State == SubDeviceState.Unbound)
                {
                    sub.State = SubDeviceState.Waiting;
                    sub.Step = StepBind;
                    sub.RetryAtMs = 0;
                }
            }
        }

        public void Attach(CloudRouter router)
        {
            _attached = true;
            for (int s = 0; s < _count; s++)
            {
                CloudRouter cloud = _subs[s].Cloud;
                _subs[s].TopicStart = _topicCount;
                for (int i = 0; i < cloud.SubscriptionCount; i++)
                {
                    CloudTopic topic = cloud.Subscription(i);
                    // Counted in the module's budget and routed here; subscribed by this service, not the lifecycle.
                    _routed[_topicCount] = router.SubscribeDeferred(topic.Text, topic.Qos);
                    _topics[_topicCount] = topic;
                    _topicOwner[_topicCount] = s;
                    _topicCount++;
                }
                _subs[s].TopicCount = _topicCount - _subs[s].TopicStart;
            }
        }

        /// <summary>
        /// The gateway is online (connected, its own topics held): each sub-device not unbound is bound and brought online
        /// again. After the module's own reconnect it still holds the sub-devices online, the cloud not: those are taken
        /// offline and online again (AT+TCGWONLINE=0 answers -224).
        /// </summary>
        public void OnOnline(long nowMs)
        {
            for (int s = 0; s < _count; s++)
            {
                SubDevice sub = _subs[s];
                if (sub.State == SubDeviceState.Unbound)
                {
                    continue; // its unbind, if not done yet, runs at the next step
                }
                if (sub.State == SubDeviceState.Online)
                {
                    Left(sub);
                }
                sub.State = SubDeviceState.Waiting;
                sub.Step = StepBind;
                sub.RetryAtMs = 0;
                for (int t = sub.TopicStart; t < sub.TopicStart + sub.TopicCount; t++)
                {
                    _topicHeld[t] = false;
                }
            }
            _dueAt = nowMs;
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            // The router hands the gateway's copy of a sub-device's topic: the sub-device's router knows its own.
            for (int t = 0; t < _topicCount; t++)
            {
                if (_routed[t] == topic)
                {
                    SubDevice sub = _subs[_topicOwner[t]];
                    if (sub.State == SubDeviceState.Online)
                    {
                        sub.Cloud.OnReport(report);
                    }
                    return;
                }
            }
        }

        public long DueAtMs { get { return _requests != 0 ? 0 : _dueAt; } }

        public void OnDue(long nowMs)
        {
            if (_requests != 0)
            {
                TakeRequests();
            }
            long next = long.MaxValue;
            bool acted = false;
            for (int s = 0; s < _count; s++)
            {
                SubDevice sub = _subs[s];
                if (!acted && sub.Step != StepRunning && sub.Step != StepIdle && sub.RetryAtMs <= nowMs)
                {
                    acted = true;
                    Advance(sub, nowMs);
                }
                long due = sub.Step == StepRunning ? sub.Cloud.Step(nowMs, 3600000) + nowMs
                    : sub.Step == StepIdle ? long.MaxValue : sub.RetryAtMs;
                if (due < next)
                {
                    next = due;
                }
            }
            if (acted)
            {
                // more commands may be due: the next step soon, so reports are handled between them
                next = nowMs + StepGapMs;
            }
            _dueAt = next < nowMs ? nowMs : next;
        }

        // One AT command for one sub-device, and the step after it.
        private void Advance(SubDevice sub, long nowMs)
        {
            AtResult result;
            switch (sub.Step)
            {
                case StepBind:
                    result = _module.BindSubDevice(sub.ProductId, sub.DeviceName, sub.DeviceSecret);
                    Next(sub, result, StepOnline, nowMs);
                    return;
                case StepOnline:
                    result = _module.SubDeviceOnline(sub.ProductId, sub.DeviceName);
                    if (result.Status == AtStatus.Failed && result.Code == GatewayError.AlreadyOnline)
                    {
                        sub.Step = StepOffline; // the module kept it across its reconnect; the cloud did not
                        return;
                    }
                    if (result.Status == AtStatus.Failed && result.Code == GatewayError.NotBound)
                    {
                        sub.Step = StepBind; // unbound on the console meanwhile: bound again, as declared
                    }
                    Next(sub, result, StepSubscribe, nowMs);
                    return;
                case StepOffline:
                    result = _module.SubDeviceOffline(sub.ProductId, sub.DeviceName);
                    if (sub.State == SubDeviceState.Unbound)
                    {
                        sub.Step = StepUnbind; // whatever the answer: the unbind takes it offline on the cloud
                        return;
                    }
                    Next(sub, result, StepOnline, nowMs);
                    return;
                case StepSubscribe:
                    for (int t = sub.TopicStart; t < sub.TopicStart + sub.TopicCount; t++)
                    {
                        if (_topicHeld[t])
                        {
                            continue;
                        }
                        CloudTopic topic = _topics[t];
                        result = _module.Subscribe(topic.Text, topic.Qos);
                        if (!result.IsOk)
                        {
                            Next(sub, result, StepSubscribe, nowMs);
                            return;
                        }
                        // Renewed here at each online moment, not by the lifecycle after a reconnect (too early).
                        _module.ReleaseSubscription(topic.Text);
                        _topicHeld[t] = true;
                        return;
                    }
                    sub.Step = StepRunning;
                    sub.State = SubDeviceState.Online;
                    sub.LastCode = 0;
                    sub.Onlines++;
                    sub.Cloud.ClearLinkHealth();
                    sub.Cloud.OnOnline(nowMs);
                    Tell(sub, true);
                    return;
                case StepUnbind:
                    result = _module.UnbindSubDevice(sub.ProductId, sub.DeviceName);
                    if (result.IsOk)
                    {
                        for (int t = sub.TopicStart; t < sub.TopicStart + sub.TopicCount; t++)
                        {
                            if (_topicHeld[t])
                            {
                                _module.Unsubscribe(_topics[t].Text);
                                _topicHeld[t] = false;
                            }
                        }
                        sub.Step = StepIdle;
                        sub.LastCode = 0;
                        Tell(sub, false);
                        return;
                    }
                    Next(sub, result, StepUnbind, nowMs);
                    return;
            }
        }

        private void Next(SubDevice sub, AtResult result, int step, long nowMs)
        {
            if (result.IsOk)
            {
                sub.Step = step;
                if (sub.State != SubDeviceState.Unbound)
                {
                    sub.LastCode = 0;
                }
                return;
            }
            sub.LastCode = result.Status == AtStatus.Failed ? result.Code : 0;
            if (sub.State != SubDeviceState.Unbound)
            {
                sub.State = SubDeviceState.Refused;
            }
            sub.RetryAtMs = nowMs + RetryMs;
        }

        // The gateway left (a new online moment follows): the sub-device's services stop until it is online again.
        private void Left(SubDevice sub)
        {
            sub.State = SubDeviceState.Waiting;
            Tell(sub, false);
        }

        private void Tell(SubDevice sub, bool online)
        {
            ISubDeviceObserver observer = Observer;
            if (observer != null)
            {
                observer.OnSubDevice(sub, online);
            }
        }
    }

    /// <summary>Told when a sub-device comes online or leaves it.</summary>
    public interface ISubDeviceObserver
    {
        void OnSubDevice(SubDevice sub, bool online);
    }
}
