using TcAtMcu.Engine;
using TcAtMcu.Json;
using TcAtMcu.Matching;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>What the product does when the device is unbound from its user (the product decides).</summary>
    public interface IUnbindHandler
    {
        /// <summary>The cloud unbound the device (unbind_device: the user removed it in the app or console).</summary>
        void OnUnbound();

        /// <summary>The answer to the device's own unbind_device_request: code 0 (unbound), another code, or ThingCodes.NoReply.</summary>
        void OnUnbindReply(int code);
    }

    /// <summary>
    /// Device binding on $thing/down|up/service/&lt;pid&gt;/&lt;dn&gt;: the cloud's unbind_device is handed to the product's
    /// <see cref="IUnbindHandler"/>; <see cref="RequestUnbind"/> (a factory-reset gesture) sends
    /// {"method":"unbind_device_request","clientToken":"tc-&lt;n&gt;","deviceName":"...","productId":"..."} once online
    /// and matches the unbind_device_reply by its token, within <see cref="ReplyWaitMs"/>.
    /// </summary>
    public sealed class BindService : ICloudService
    {
        /// <summary>No reply within the wait (the same code as an event without reply).</summary>
        public const int NoReply = -1;

        private const int MethodUnbind = 1;
        private const int MethodUnbindReply = 2;
        private static readonly byte[] Request = Ascii.Bytes("unbind_device_request");
        private static readonly byte[][] Methods = { Ascii.Bytes("unbind_device"), Ascii.Bytes("unbind_device_reply") };
        private static readonly byte[] KeyDeviceName = Ascii.Bytes("deviceName");
        private static readonly byte[] KeyProductId = Ascii.Bytes("productId");

        private readonly IClock _clock;
        private readonly CloudEnvelope _envelope = new CloudEnvelope(CloudEnvelope.KeyMethod, Methods, new byte[0][]);
        private readonly PendingReplies _pending = new PendingReplies(1);
        private readonly JsonWriter _writer = new JsonWriter();
        private readonly byte[] _out = new byte[192];
        private CloudRouter _router;
        private CloudTopic _up;
        private byte[] _deviceName;
        private byte[] _productId;
        private bool _requested;
        private long _requestDueAt = long.MaxValue;

        public BindService(IClock clock)
        {
            _clock = clock;
            ReplyWaitMs = 10000;
            RetryMs = 5000;
        }

        /// <summary>The product's choice (e.g. <see cref="TcAtMcu.Application.FactoryResetOnUnbind"/>); null: unbinding is only counted.</summary>
        public IUnbindHandler Handler { get; set; }

        public int ReplyWaitMs { get; set; }
        public int RetryMs { get; set; }

        /// <summary>An unbind request is waiting to go out, or for its reply.</summary>
        public bool Requesting { get { return _requested || _pending.Count > 0; } }

        /// <summary>The cloud's unbind_device messages handled.</summary>
        public int Unbinds { get; private set; }

        public void Attach(CloudRouter router)
        {
            _router = router;
            router.Subscribe(router.Topics.Of("$thing/down/service"));
            _up = router.Publishes(router.Topics.Of("$thing/up/service"));
            _deviceName = Utf8.Bytes(router.Topics.DeviceName);
            _productId = Utf8.Bytes(router.Topics.ProductId);
        }

        /// <summary>Asks the cloud to unbind the device, as soon as it is online (now, if it is).</summary>
        public void RequestUnbind()
        {
            _requested = true;
            _requestDueAt = _clock.NowMs;
        }

        public void OnOnline(long nowMs)
        {
            if (_requested)
            {
                _requestDueAt = nowMs;
            }
        }

        public long DueAtMs
        {
            get
            {
                long reply = _pending.NextDeadline;
                return reply < _requestDueAt ? reply : _requestDueAt;
            }
        }

        public void OnDue(long nowMs)
        {
            if (_pending.TakeExpired(nowMs) != null && Handler != null)
            {
                Handler.OnUnbindReply(NoReply);
            }
            if (!_requested || nowMs < _requestDueAt)
            {
                return;
            }
            int token = _router.NewToken();
            _router.Begin(_writer, _out, CloudEnvelope.KeyMethod, Request, token);
            _writer.Key(KeyDeviceName);
            _writer.String(_deviceName, 0, _deviceName.Length);
            _writer.Key(KeyProductId);
            _writer.String(_productId, 0, _productId.Length);
            if (_router.Send(_writer, _up))
            {
                _requested = false;
                _requestDueAt = long.MaxValue;
                _pending.Clear();
                _pending.Open(token, this, nowMs + ReplyWaitMs);
            }
            else
            {
                _requestDueAt = nowMs + RetryMs;
            }
        }

        public void OnMessage(CloudTopic topic, Report report)
        {
            CloudEnvelope e = _envelope;
            if (!e.Parse(report.Buffer, report.PayloadOffset, report.PayloadLength))
            {
                return;
            }
            if (e.Method == MethodUnbind)
            {
                Unbinds++;
                if (Handler != null)
                {
                    Handler.OnUnbound();
                }
            }
            else if (e.Method == MethodUnbindReply && _pending.Take(e) != null && Handler != null)
            {
                Handler.OnUnbindReply(e.CodeOr406);
            }
        }
    }
}
