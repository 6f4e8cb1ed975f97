namespace TcAtMcu.Errors
{
    /// <summary>
    /// Names and texts of every code in the spec's chapter 7, so a log says "CME 208 state error or not ready"
    /// rather than "208". Lookups scan small static tables and return constants: nothing is allocated.
    /// </summary>
    public static class ErrorCatalog
    {
        public const string Unknown = "unknown code";

        private static readonly int[] CmeCodes = { 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213 };

        private static readonly string[] CmeNames =
        {
            "PreviousCommandNotComplete",
            "MessageOverSize",
            "CommandTimeout",
            "CheckFailed",
            "ParameterInvalid",
            "NoValidFirmware",
            "MemoryAllocation",
            "FlashAccess",
            "StateError",
            "ExecutionError",
            "UnknownError",
            "ModuleOtaError",
            "FlashEraseGoingOn",
            "HttpError",
        };

        private static readonly string[] CmeTexts =
        {
            "CME 200 previous command is not complete",
            "CME 201 message packet over size",
            "CME 202 command timeout",
            "CME 203 check failed",
            "CME 204 parameter invalid",
            "CME 205 no valid firmware",
            "CME 206 memory allocation error",
            "CME 207 flash access error",
            "CME 208 state error or not ready",
            "CME 209 command execution error",
            "CME 210 unknown error",
            "CME 211 the module's own firmware update failed",
            "CME 212 flash erase going on",
            "CME 213 HTTP error",
        };

        private static readonly int[] GatewayCodes = { 0, -1, -2, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, -221, -222, -223, -224, -225 };

        private static readonly string[] GatewayNames =
        {
            "Success",
            "NotBound",
            "SystemError",
            "InvalidParameter",
            "NoSuchDevice",
            "SignatureMismatch",
            "SignMethodUnsupported",
            "SignatureExpired",
            "BoundElsewhere",
            "NotPlainDevice",
            "NotAllowed",
            "RepeatedBind",
            "Unsupported",
            "SessionCreateFailed",
            "NoSession",
            "SessionTimeout",
            "AlreadyOnline",
            "AlreadyOffline",
        };

        private static readonly string[] GatewayTexts =
        {
            "gateway 0 success",
            "gateway -1 the gateway has not bound this sub-device",
            "gateway -2 system error: sub-device not taken online or offline",
            "gateway 801 request parameter error",
            "gateway 802 illegal device name or no such device",
            "gateway 803 signature check failed",
            "gateway 804 signature method not supported",
            "gateway 805 signature request expired",
            "gateway 806 the device is bound already",
            "gateway 807 only a plain device can be bound",
            "gateway 808 operation not allowed",
            "gateway 809 repeated binding",
            "gateway 810 sub-device not supported",
            "gateway -221 the module could not create the sub-device session",
            "gateway -222 the module holds no session for the sub-device",
            "gateway -223 no answer from the cloud in time",
            "gateway -224 the sub-device is online already",
            "gateway -225 the sub-device is offline already",
        };

        private static readonly int[] ServerCodes = { 101, 110, 111, 120, 130, 131, 132, -1001, -1002, -3, -4, -5, -6, -7, -8, -9, -10, -11, -102, -103, -104, -105, -106, -107, -108, -109, -110, -111, -112, -113, -114, -115, -116, -117, -118, -119, -120, -121, -132, -133, -134, -135, -136, -137, -138, -601, -602, -603, -604, -605, -606, -607, -608, -609, -701, -702, -703, -704, -705, -706, -707, -708, -709 };

        private static readonly string[] ServerNames =
        {
            "DeviceConnectFail",
            "SubscribeUnauthorized",
            "SubscribeSystemError",
            "UnsubscribeSystemError",
            "PublishUnauthorized",
            "PublishRateLimited",
            "PublishPayloadTooLong",
            "Failure",
            "InvalidArgument",
            "HttpClosed",
            "Http",
            "HttpProtocol",
            "HttpUnresolvedDns",
            "HttpParse",
            "HttpConnect",
            "HttpAuth",
            "HttpNotFound",
            "HttpTimeout",
            "MqttPushToListFailed",
            "MqttNoConnection",
            "MqttUnknown",
            "MqttAttemptingReconnect",
            "MqttReconnectTimeout",
            "MqttMaxSubscriptions",
            "MqttSubscribeRejected",
            "MqttNothingToRead",
            "MqttPacketRead",
            "MqttRequestTimeout",
            "MqttConnackUnknown",
            "MqttConnackProtocolVersion",
            "MqttConnackIdentifierRejected",
            "MqttConnackServerUnavailable",
            "MqttConnackBadCredentials",
            "MqttConnackNotAuthorized",
            "RxMessageInvalid",
            "BufferTooShort",
            "MqttQosNotSupported",
            "MqttUnsubscribeFail",
            "JsonParse",
            "JsonBufferTruncated",
            "JsonBufferTooSmall",
            "Json",
            "MaxJsonToken",
            "MaxAppendingRequest",
            "MaxTopicLength",
            "TcpSocketFailed",
            "TcpUnknownHost",
            "TcpConnect",
            "TcpReadTimeout",
            "TcpWriteTimeout",
            "TcpReadFail",
            "TcpWriteFail",
            "TcpPeerShutdown",
            "TcpNothingToRead",
            "SslInit",
            "SslCertificate",
            "SslConnect",
            "SslConnectTimeout",
            "SslWriteTimeout",
            "SslWrite",
            "SslReadTimeout",
            "SslRead",
            "SslNothingToRead",
        };

        private static readonly string[] ServerTexts =
        {
            "101 device connect failed",
            "110 subscribe failed: no permission for the topic",
            "111 subscribe failed: system error",
            "120 unsubscribe failed: system error",
            "130 publish failed: no permission for the topic",
            "131 publish failed: over the rate limit",
            "132 publish failed: payload too long",
            "-1001 failure",
            "-1002 invalid argument",
            "-3 HTTP: remote host closed the connection",
            "-4 HTTP: unknown error",
            "-5 HTTP: protocol error",
            "-6 HTTP: DNS lookup failed",
            "-7 HTTP: URL parse failed",
            "-8 HTTP: connection failed",
            "-9 HTTP: authentication problem",
            "-10 HTTP: 404 not found",
            "-11 HTTP: timeout",
            "-102 MQTT: adding to the wait-for-ack list failed",
            "-103 MQTT: not connected or connection lost",
            "-104 MQTT: unknown error",
            "-105 MQTT: reconnecting",
            "-106 MQTT: reconnect timed out",
            "-107 MQTT: too many subscriptions",
            "-108 MQTT: subscription rejected by the server",
            "-109 MQTT: no packet to read",
            "-110 MQTT: bad packet read",
            "-111 MQTT: request timed out",
            "-112 MQTT CONNACK: unknown error",
            "-113 MQTT CONNACK: unacceptable protocol version",
            "-114 MQTT CONNACK: client identifier rejected",
            "-115 MQTT CONNACK: server unavailable",
            "-116 MQTT CONNACK: bad user name or password",
            "-117 MQTT CONNACK: not authorized",
            "-118 received message invalid",
            "-119 receive buffer shorter than the message",
            "-120 MQTT: QoS not supported",
            "-121 MQTT: unsubscribe failed (no such topic?)",
            "-132 JSON parse error",
            "-133 JSON document truncated",
            "-134 JSON buffer too small",
            "-135 JSON generation error",
            "-136 too many JSON tokens",
            "-137 too many pending document requests",
            "-138 topic too long",
            "-601 TCP: socket creation failed",
            "-602 TCP: unknown host",
            "-603 TCP: connect failed",
            "-604 TCP: read timeout",
            "-605 TCP: write timeout",
            "-606 TCP: read failed",
            "-607 TCP: write failed",
            "-608 TCP: peer closed the connection",
            "-609 TCP: nothing to read",
            "-701 SSL: init failed",
            "-702 SSL: certificate problem",
            "-703 SSL: connect failed",
            "-704 SSL: connect timeout",
            "-705 SSL: write timeout",
            "-706 SSL: write error",
            "-707 SSL: read timeout",
            "-708 SSL: read error",
            "-709 SSL: nothing to read",
        };

        private static readonly int[] RegistrationCodes = { 1000, 1004, 1006, 1010, 1011, 1012, 1020, 1021, 1031 };

        private static readonly string[] RegistrationNames =
        {
            "InternalError",
            "ProductNotExists",
            "InvalidParam",
            "CheckSecretError",
            "NotSupportRegister",
            "ExceedRegisterTimes",
            "NoSuchDevice",
            "DeviceHasRegistered",
            "ExceedRegisterLimits",
        };

        private static readonly string[] RegistrationTexts =
        {
            "registration 1000 internal error",
            "registration 1004 product does not exist",
            "registration 1006 invalid parameter",
            "registration 1010 signature check failed",
            "registration 1011 product does not allow dynamic registration",
            "registration 1012 device registered too many times",
            "registration 1020 device not pre-created for this product",
            "registration 1021 device already registered",
            "registration 1031 product over its automatic registration limit",
        };

        private static readonly int[] ProvisioningCodes = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 };

        private static readonly string[] ProvisioningNames =
        {
            "MqttConnect",
            "AppCommand",
            "BoardingStopped",
            "RtosTask",
            "RtosQueue",
            "WifiStaInit",
            "WifiApInit",
            "WifiStart",
            "WifiConfig",
            "WifiConnect",
            "WifiDisconnect",
            "WifiApSta",
            "SmartConfigStart",
            "SmartConfigData",
            "TcpSocket1",
            "TcpSocket2",
            "TcpSocket3",
            "TcpSocket4",
            "TcpSocket5",
            "TcpSocket6",
            "TcpSocket7",
            "TcpSocket8",
        };

        private static readonly string[] ProvisioningTexts =
        {
            "provisioning 1 MQTT connect error",
            "provisioning 2 app command error",
            "provisioning 3 WiFi boarding stopped",
            "provisioning 4 RTOS task error",
            "provisioning 5 RTOS queue error",
            "provisioning 6 WiFi STA init error",
            "provisioning 7 WiFi AP init error",
            "provisioning 8 WiFi start error",
            "provisioning 9 WiFi config error",
            "provisioning 10 WiFi connect error",
            "provisioning 11 WiFi disconnect error",
            "provisioning 12 WiFi AP+STA error",
            "provisioning 13 smart config start error",
            "provisioning 14 smart config data error",
            "provisioning 15 TCP socket error",
            "provisioning 16 TCP socket error",
            "provisioning 17 TCP socket error",
            "provisioning 18 TCP socket error",
            "provisioning 19 TCP socket error",
            "provisioning 20 TCP socket error",
            "provisioning 21 TCP socket error",
            "provisioning 22 TCP socket error",
        };

        /// <summary>"CME 208 state error or not ready", "-103 MQTT: not connected or connection lost", or <see cref="Unknown"/>.</summary>
        public static string Describe(ErrorDomain domain, int code)
        {
            int i = IndexOf(Codes(domain), code);
            return i < 0 ? Unknown : Texts(domain)[i];
        }

        /// <summary>The constant's name: "StateError", "MqttNoConnection", or <see cref="Unknown"/>.</summary>
        public static string Name(ErrorDomain domain, int code)
        {
            int i = IndexOf(Codes(domain), code);
            return i < 0 ? Unknown : Names(domain)[i];
        }

        /// <summary>
        /// The list a FAIL code belongs to: 200 to 213 are CME codes whatever the command; 1000 to 1031 are
        /// registration codes from AT+TCDEVREG; 1 to 22 are provisioning codes from TCSTARTSMART/TCSAP; else server.
        /// </summary>
        public static ErrorDomain DomainOf(int code, bool fromRegistration, bool fromProvisioning)
        {
            if (code >= 200 && code <= 213)
            {
                return ErrorDomain.Cme;
            }
            if (fromRegistration && code >= 1000 && code <= 1031)
            {
                return ErrorDomain.Registration;
            }
            if (fromProvisioning && code >= 1 && code <= 22)
            {
                return ErrorDomain.Provisioning;
            }
            return ErrorDomain.Server;
        }

        private static int[] Codes(ErrorDomain domain)
        {
            switch (domain)
            {
                case ErrorDomain.Cme: return CmeCodes;
                case ErrorDomain.Registration: return RegistrationCodes;
                case ErrorDomain.Provisioning: return ProvisioningCodes;
                case ErrorDomain.Gateway: return GatewayCodes;
                default: return ServerCodes;
            }
        }

        private static string[] Names(ErrorDomain domain)
        {
            switch (domain)
            {
                case ErrorDomain.Cme: return CmeNames;
                case ErrorDomain.Registration: return RegistrationNames;
                case ErrorDomain.Provisioning: return ProvisioningNames;
                case ErrorDomain.Gateway: return GatewayNames;
                default: return ServerNames;
            }
        }

        private static string[] Texts(ErrorDomain domain)
        {
            switch (domain)
            {
                case ErrorDomain.Cme: return CmeTexts;
                case ErrorDomain.Registration: return RegistrationTexts;
                case ErrorDomain.Provisioning: return ProvisioningTexts;
                case ErrorDomain.Gateway: return GatewayTexts;
                default: return ServerTexts;
            }
        }

        private static int IndexOf(int[] codes, int code)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                if (codes[i] == code)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
