namespace TcAtMcu.Errors
{
    /// <summary>Server codes and the IoT SDK execution codes (QCLOUD_ERR_*), spec 7.1: what FAIL,&lt;err&gt; and +TCMQTTDISCON carry.</summary>
    public static class ServerError
    {
        /// <summary>device connect failed</summary>
        public const int DeviceConnectFail = 101;
        /// <summary>subscribe failed: no permission for the topic</summary>
        public const int SubscribeUnauthorized = 110;
        /// <summary>subscribe failed: system error</summary>
        public const int SubscribeSystemError = 111;
        /// <summary>unsubscribe failed: system error</summary>
        public const int UnsubscribeSystemError = 120;
        /// <summary>publish failed: no permission for the topic</summary>
        public const int PublishUnauthorized = 130;
        /// <summary>publish failed: over the rate limit</summary>
        public const int PublishRateLimited = 131;
        /// <summary>publish failed: payload too long</summary>
        public const int PublishPayloadTooLong = 132;
        /// <summary>failure</summary>
        public const int Failure = -1001;
        /// <summary>invalid argument</summary>
        public const int InvalidArgument = -1002;
        /// <summary>HTTP: remote host closed the connection</summary>
        public const int HttpClosed = -3;
        /// <summary>HTTP: unknown error</summary>
        public const int Http = -4;
        /// <summary>HTTP: protocol error</summary>
        public const int HttpProtocol = -5;
        /// <summary>HTTP: DNS lookup failed</summary>
        public const int HttpUnresolvedDns = -6;
        /// <summary>HTTP: URL parse failed</summary>
        public const int HttpParse = -7;
        /// <summary>HTTP: connection failed</summary>
        public const int HttpConnect = -8;
        /// <summary>HTTP: authentication problem</summary>
        public const int HttpAuth = -9;
        /// <summary>HTTP: 404 not found</summary>
        public const int HttpNotFound = -10;
        /// <summary>HTTP: timeout</summary>
        public const int HttpTimeout = -11;
        /// <summary>MQTT: adding to the wait-for-ack list failed</summary>
        public const int MqttPushToListFailed = -102;
        /// <summary>MQTT: not connected or connection lost</summary>
        public const int MqttNoConnection = -103;
        /// <summary>MQTT: unknown error</summary>
        public const int MqttUnknown = -104;
        /// <summary>MQTT: reconnecting</summary>
        public const int MqttAttemptingReconnect = -105;
        /// <summary>MQTT: reconnect timed out</summary>
        public const int MqttReconnectTimeout = -106;
        /// <summary>MQTT: too many subscriptions</summary>
        public const int MqttMaxSubscriptions = -107;
        /// <summary>MQTT: subscription rejected by the server</summary>
        public const int MqttSubscribeRejected = -108;
        /// <summary>MQTT: no packet to read</summary>
        public const int MqttNothingToRead = -109;
        /// <summary>MQTT: bad packet read</summary>
        public const int MqttPacketRead = -110;
        /// <summary>MQTT: request timed out</summary>
        public const int MqttRequestTimeout = -111;
        /// <summary>MQTT CONNACK: unknown error</summary>
        public const int MqttConnackUnknown = -112;
        /// <summary>MQTT CONNACK: unacceptable protocol version</summary>
        public const int MqttConnackProtocolVersion = -113;
        /// <summary>MQTT CONNACK: client identifier rejected</summary>
        public const int MqttConnackIdentifierRejected = -114;
        /// <summary>MQTT CONNACK: server unavailable</summary>
        public const int MqttConnackServerUnavailable = -115;
        /// <summary>MQTT CONNACK: bad user name or password</summary>
        public const int MqttConnackBadCredentials = -116;
        /// <summary>MQTT CONNACK: not authorized</summary>
        public const int MqttConnackNotAuthorized = -117;
        /// <summary>received message invalid</summary>
        public const int RxMessageInvalid = -118;
        /// <summary>receive buffer shorter than the message</summary>
        public const int BufferTooShort = -119;
        /// <summary>MQTT: QoS not supported</summary>
        public const int MqttQosNotSupported = -120;
        /// <summary>MQTT: unsubscribe failed (no such topic?)</summary>
        public const int MqttUnsubscribeFail = -121;
        /// <summary>JSON parse error</summary>
        public const int JsonParse = -132;
        /// <summary>JSON document truncated</summary>
        public const int JsonBufferTruncated = -133;
        /// <summary>JSON buffer too small</summary>
        public const int JsonBufferTooSmall = -134;
        /// <summary>JSON generation error</summary>
        public const int Json = -135;
        /// <summary>too many JSON tokens</summary>
        public const int MaxJsonToken = -136;
        /// <summary>too many pending document requests</summary>
        public const int MaxAppendingRequest = -137;
        /// <summary>topic too long</summary>
        public const int MaxTopicLength = -138;
        /// <summary>TCP: socket creation failed</summary>
        public const int TcpSocketFailed = -601;
        /// <summary>TCP: unknown host</summary>
        public const int TcpUnknownHost = -602;
        /// <summary>TCP: connect failed</summary>
        public const int TcpConnect = -603;
        /// <summary>TCP: read timeout</summary>
        public const int TcpReadTimeout = -604;
        /// <summary>TCP: write timeout</summary>
        public const int TcpWriteTimeout = -605;
        /// <summary>TCP: read failed</summary>
        public const int TcpReadFail = -606;
        /// <summary>TCP: write failed</summary>
        public const int TcpWriteFail = -607;
        /// <summary>TCP: peer closed the connection</summary>
        public const int TcpPeerShutdown = -608;
        /// <summary>TCP: nothing to read</summary>
        public const int TcpNothingToRead = -609;
        /// <summary>SSL: init failed</summary>
        public const int SslInit = -701;
        /// <summary>SSL: certificate problem</summary>
        public const int SslCertificate = -702;
        /// <summary>SSL: connect failed</summary>
        public const int SslConnect = -703;
        /// <summary>SSL: connect timeout</summary>
        public const int SslConnectTimeout = -704;
        /// <summary>SSL: write timeout</summary>
        public const int SslWriteTimeout = -705;
        /// <summary>SSL: write error</summary>
        public const int SslWrite = -706;
        /// <summary>SSL: read timeout</summary>
        public const int SslReadTimeout = -707;
        /// <summary>SSL: read error</summary>
        public const int SslRead = -708;
        /// <summary>SSL: nothing to read</summary>
        public const int SslNothingToRead = -709;
    }
}
