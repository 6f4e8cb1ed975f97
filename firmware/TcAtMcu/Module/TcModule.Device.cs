using TcAtMcu.Commands;
using TcAtMcu.Engine;
using TcAtMcu.Text;

namespace TcAtMcu.Module
{
    // Spec chapter 2 and 6.5 to 6.7: identity, registration, module information and settings.
    public sealed partial class TcModule
    {
        private static readonly byte[] HardwareNameLabel = Ascii.Bytes("Module HW name:");
        private static readonly byte[] FirmwareVersionLabel = Ascii.Bytes("Module FW version:");
        private static readonly byte[] MacLabel = Ascii.Bytes("Module Mac addr:");
        private static readonly byte[] ModuleCompileLabel = Ascii.Bytes("Module FW compiled time:");
        private static readonly byte[] FlashLabel = Ascii.Bytes("Module Flash size:");
        private static readonly byte[] SdkVersionLabel = Ascii.Bytes("Tencent Cloud IoT SDK version:");
        private static readonly byte[] FirmwareCompileLabel = Ascii.Bytes("Firmware compile time:");
        private static readonly byte[] NoServer = Ascii.Bytes("NULL");

        /// <summary>AT+TCDEVINFOSET=1,"pid","dn","secret" : stores the device identity in the module's flash (region: the module's default, ap-guangzhou).</summary>
        public AtResult SetDeviceInfo(string productId, string deviceName, string deviceSecret)
        {
            return SetDeviceInfo(productId, deviceName, deviceSecret, null);
        }

        /// <summary>
        /// AT+TCDEVINFOSET=1,"pid","dn","secret"[,"region"] : region (V3.2.1, at most 24 bytes, e.g. "ap-singapore")
        /// is sent only when given; null leaves the module's default. A region on a V3.1.2 module is refused.
        /// </summary>
        public AtResult SetDeviceInfo(string productId, string deviceName, string deviceSecret, string region)
        {
            Check.Text(Param.ProductId, productId, 1, TcLimits.ProductIdMax);
            Check.Text(Param.DeviceName, deviceName, 1, TcLimits.DeviceNameMax);
            Check.Text(Param.DeviceSecret, deviceSecret, 1, TcLimits.DeviceSecretMax);
            return SetIdentity(AtCommands.DevInfoSet, productId, deviceName, deviceSecret, region);
        }

        /// <summary>AT+TCDEVINFOSET? : +TCDEVINFOSET:&lt;tls&gt;,"pid","dn",&lt;bcc&gt;[,"region"]</summary>
        public AtResult ReadDeviceInfo(DeviceInfo into)
        {
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.DevInfoSet, AtReply.Ok);
                int tls;
                int bcc;
                if (!result.IsOk || !_fields.Int(out tls))
                {
                    return result.IsOk ? Malformed() : result;
                }
                into.TlsMode = tls;
                into.ProductId = _fields.String();
                into.DeviceName = _fields.String();
                into.SecretChecksum = _fields.Int(out bcc) ? bcc : -1;
                into.Region = _fields.String();
                return result;
            }
        }

        /// <summary>AT+TCPRDINFOSET=1,"pid","productSecret","dn" : the product-level secret for dynamic registration.</summary>
        public AtResult SetProductInfo(string productId, string productSecret, string deviceName)
        {
            return SetProductInfo(productId, productSecret, deviceName, null);
        }

        /// <summary>AT+TCPRDINFOSET=1,"pid","productSecret","dn"[,"region"] : region as in <see cref="SetDeviceInfo(string,string,string,string)"/>.</summary>
        public AtResult SetProductInfo(string productId, string productSecret, string deviceName, string region)
        {
            Check.Text(Param.ProductId, productId, 1, TcLimits.ProductIdMax);
            Check.Text(Param.ProductSecret, productSecret, 1, TcLimits.ProductSecretMax);
            Check.Text(Param.DeviceName, deviceName, 1, TcLimits.DeviceNameMax);
            return SetIdentity(AtCommands.PrdInfoSet, productId, productSecret, deviceName, region);
        }

        // TCDEVINFOSET and TCPRDINFOSET: tlsmode, three quoted texts in the command's order, the optional V3.2.1 region.
        private AtResult SetIdentity(AtCommand command, string first, string second, string third, string region)
        {
            CheckRegion(region);
            lock (_engine.Gate)
            {
                AtRefusal refusal = region == null ? AtRefusal.None : V321Refusal();
                if (refusal != AtRefusal.None)
                {
                    return Refused(refusal);
                }
                Writer.Set(command).Number(TcLimits.TlsMode).Quoted(first).Quoted(second).Quoted(third);
                if (region != null)
                {
                    Writer.Quoted(region);
                }
                return Run(NeedsNoConnection | NotDuringOta, AtReply.OkThenResult, LocalTimeoutMs);
            }
        }

        /// <summary>AT+TCPRDINFOSET? : +TCPRDINFOSET:&lt;tls&gt;,"pid",&lt;bcc&gt;,"dn"[,"region"] (V3.2.1 adds the region)</summary>
        public AtResult ReadProductInfo(ProductInfo into)
        {
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.PrdInfoSet, AtReply.Ok);
                int tls;
                int bcc;
                if (!result.IsOk || !_fields.Int(out tls))
                {
                    return result.IsOk ? Malformed() : result;
                }
                into.TlsMode = tls;
                into.ProductId = _fields.String();
                into.SecretChecksum = _fields.Int(out bcc) ? bcc : -1;
                into.DeviceName = _fields.String();
                into.Region = _fields.String();
                return result;
            }
        }

        /// <summary>AT+TCDEVREG : dynamic registration; a FAIL carries a registration code (1000 to 1031).</summary>
        public AtResult Register()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.DevReg);
                return Run(NeedsNoConnection | NotDuringOta, AtReply.OkThenResult, RegistrationTimeoutMs);
            }
        }

        /// <summary>AT+TCMODULE : "Module HW name: ..." lines.</summary>
        public AtResult ReadModuleInfo(ModuleInfo into)
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.Module);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    into.HardwareName = LabelledValue(HardwareNameLabel);
                    into.FirmwareVersion = LabelledValue(FirmwareVersionLabel);
                    into.MacAddress = LabelledValue(MacLabel);
                    into.CompileTime = LabelledValue(ModuleCompileLabel);
                    into.FlashSize = LabelledValue(FlashLabel);
                }
                return result;
            }
        }

        /// <summary>AT+TCVER : SDK and AT versions.</summary>
        public AtResult ReadVersion(VersionInfo into)
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.Version);
                AtResult result = _engine.Execute(AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    into.SdkVersion = LabelledValue(SdkVersionLabel);
                    into.AtVersion = TencentAtVersionLine();
                    into.CompileTime = LabelledValue(FirmwareCompileLabel);
                }
                return result;
            }
        }

        /// <summary>AT+TCRESTORE : clears device, product and cached firmware info, then the module reboots.</summary>
        public AtResult Restore()
        {
            lock (_engine.Gate)
            {
                Writer.Execute(AtCommands.Restore);
                AtResult result = Run(NeedsNoConnection | NotDuringOta, AtReply.Ok, LocalTimeoutMs);
                if (result.IsOk)
                {
                    _state.Subscriptions.SetAllInactive();
                    _state.RawPublishProbed = false;
                }
                return result;
            }
        }

        /// <summary>
        /// AT+TCMODINFOSET="name",flash,gpio,infoAddr,baseAddr,maxSize,connId (V3.1.2 6.5 bounds); on a V3.2.1
        /// module "name",flash,gpio,baseAddr,maxSize,connId (its 6.5 has no info address).
        /// </summary>
        public AtResult SetModuleSettings(ModuleSettings settings)
        {
            Check.Text(Param.ModuleName, settings.ModuleName, 1, TcLimits.ModuleNameMax);
            if (settings.FlashSizeMb != 2 && settings.FlashSizeMb != 4)
            {
                throw new System.ArgumentException("flashSizeMb must be 2 or 4, not " + settings.FlashSizeMb, "flashSizeMb");
            }
            Check.Range(Param.WifiLedGpio, settings.WifiLedGpio, 0, TcLimits.WifiLedGpioMax);
            bool sixFields = SpeaksV321;
            if (!sixFields)
            {
                CheckFirmwareAddress("firmwareInfoAddress", settings.FirmwareInfoAddress);
            }
            CheckFirmwareAddress("firmwareBaseAddress", settings.FirmwareBaseAddress);
            Check.Range(Param.FirmwareMaxSize, settings.FirmwareMaxSize, 1, TcLimits.FirmwareMaxSizeMax);
            Check.Range(Param.FixedConnectionId, settings.FixedConnectionId, 0, int.MaxValue);
            lock (_engine.Gate)
            {
                Writer.Set(AtCommands.ModInfoSet).Quoted(settings.ModuleName).Number(settings.FlashSizeMb).Number(settings.WifiLedGpio);
                if (!sixFields)
                {
                    Writer.Number(settings.FirmwareInfoAddress);
                }
                Writer.Number(settings.FirmwareBaseAddress).Number(settings.FirmwareMaxSize).Number(settings.FixedConnectionId);
                return Run(NeedsNoConnection | NotDuringOta, AtReply.OkThenResult, LocalTimeoutMs);
            }
        }

        /// <summary>AT+TCMODINFOSET? : +TCMODINFOSET:"name",flash,gpio,infoAddr,baseAddr,maxSize,connId (V3.2.1: no infoAddr, left 0)</summary>
        public AtResult ReadModuleSettings(ModuleSettings into)
        {
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.ModInfoSet, AtReply.Ok);
                if (!result.IsOk)
                {
                    return result;
                }
                into.ModuleName = _fields.String();
                bool sixFields = SpeaksV321;
                if (sixFields)
                {
                    into.FirmwareInfoAddress = 0;
                }
                bool complete = _fields.Int(out into.FlashSizeMb) && _fields.Int(out into.WifiLedGpio)
                    && (sixFields || _fields.Int(out into.FirmwareInfoAddress)) && _fields.Int(out into.FirmwareBaseAddress)
                    && _fields.Int(out into.FirmwareMaxSize) && _fields.Int(out into.FixedConnectionId);
                return complete ? result : Malformed();
            }
        }

        /// <summary>
        /// AT+TCMQTTSRV : a private broker, held in the module's RAM only. V3.1.2 takes a dotted IPv4 address,
        /// written bare (AT+TCMQTTSRV=192.168.1.2); V3.2.1 an IPv4 address or a host name (letters, digits, '-' and
        /// '.', at most 63 bytes), quoted as its string parameters are. A host name on a V3.1.2 module is refused.
        /// </summary>
        public AtResult SetMqttServer(string host)
        {
            Check.Text(Param.Host, host, 1, TcLimits.HostNameMax);
            bool ip = IsIpv4(host);
            if (!ip)
            {
                CheckHostName(Param.Host, host);
            }
            lock (_engine.Gate)
            {
                if (SpeaksV321)
                {
                    Writer.Set(AtCommands.MqttSrv).Quoted(host);
                }
                else
                {
                    if (!ip)
                    {
                        return Refused(V321Refusal());
                    }
                    Writer.Set(AtCommands.MqttSrv).Token(host);
                }
                return Run(NeedsNoConnection, AtReply.OkThenResult, LocalTimeoutMs);
            }
        }

        /// <summary>AT+TCMQTTSRV? : the server address, or null when the module prints NULL (the cloud default).</summary>
        public AtResult ReadMqttServer(out string ipAddress)
        {
            ipAddress = null;
            lock (_engine.Gate)
            {
                AtResult result = Query(AtCommands.MqttSrv, AtReply.Ok);
                int offset;
                int count;
                if (result.IsOk && _fields.Slice(out offset, out count) && !Ascii.Equals(_engine.Response.Buffer, offset, count, NoServer))
                {
                    ipAddress = Utf8.Decode(_engine.Response.Buffer, offset, count);
                }
                return result;
            }
        }

        private static void CheckFirmwareAddress(string name, int address)
        {
            if (address < TcLimits.FirmwareAddressMin || address % TcLimits.FirmwareAddressAlign != 0)
            {
                throw new System.ArgumentException(name + " must be a multiple of 0x1000 not below 0x111000, not " + address, name);
            }
        }

        private static void CheckRegion(string region)
        {
            if (region != null)
            {
                Check.Text(Param.Region, region, 1, TcLimits.RegionMax);
            }
        }

        // a.b.c.d, each 0 to 255 in at most 3 digits
        private static bool IsIpv4(string value)
        {
            int parts = 0;
            int digits = 0;
            int octet = 0;
            for (int i = 0; i <= value.Length; i++)
            {
                char c = i < value.Length ? value[i] : '.';
                if (c >= '0' && c <= '9' && digits < 3)
                {
                    octet = octet * 10 + (c - '0');
                    digits++;
                    continue;
                }
                if (c != '.' || digits == 0 || octet > 255)
                {
                    return false;
                }
                parts++;
                digits = 0;
                octet = 0;
            }
            return parts == 4;
        }

        // RFC 1123 labels: letters, digits and '-', not starting or ending with '-', separated by single dots; the
        // last label is not all digits (that is a broken IPv4 address, e.g. "1.2.3").
        private static void CheckHostName(string name, string value)
        {
            int label = 0;
            bool letters = false;
            for (int i = 0; i <= value.Length; i++)
            {
                char c = i < value.Length ? value[i] : '.';
                bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                if ((c >= '0' && c <= '9') || (letter && (c != '-' || label > 0)))
                {
                    letters |= letter;
                    label++;
                    continue;
                }
                if (c == '.' && label > 0 && value[i - 1] != '-' && (i < value.Length || letters))
                {
                    label = 0;
                    letters = false;
                    continue;
                }
                throw new System.ArgumentException(name + " must be an IPv4 address or a host name, not " + value, name);
            }
        }
    }
}
