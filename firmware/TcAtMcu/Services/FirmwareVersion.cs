using TcAtMcu.Module;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The one owner of the version the device claims: reported with AT+TCOTASET (once per connection, and again when
    /// it changes: an installed image, a trial package that proved healthy) and as report_info's fw_ver. Its start
    /// value is the build's version (AppSettings.FirmwareVersion, or the boot program's ReportedVersion under OTA).
    /// </summary>
    public sealed class FirmwareVersion
    {
        private string _current;
        private bool _reported;
        private bool _due = true;

        public FirmwareVersion(string version)
        {
            Claim(version);
        }

        public string Current { get { return _current; } }

        /// <summary>The version's UTF-8, for payloads (made once per change).</summary>
        public byte[] Bytes { get; private set; }

        /// <summary>AT+TCOTASET accepted it on this connection.</summary>
        public bool Reported { get { return _reported; } }

        /// <summary>Not tried yet on this connection (or changed since): the next chance reports it.</summary>
        public bool Due { get { return _due; } }

        /// <summary>Times the version changed after start.</summary>
        public int Changes { get; private set; }

        /// <summary>The device now runs (or may now claim) this version; it is reported again at the next chance.</summary>
        public void Claim(string version)
        {
            Check.Text(Param.FirmwareVersion, version, 1, TcLimits.FirmwareVersionMax);
            if (version == _current)
            {
                return;
            }
            if (_current != null)
            {
                Changes++;
            }
            _current = version;
            Bytes = Utf8.Bytes(version);
            _reported = false;
            _due = true;
        }

        /// <summary>A new connection (or a rebooted module): the module no longer holds the version.</summary>
        public void Forget()
        {
            _reported = false;
            _due = true;
        }

        /// <summary>
        /// AT+TCOTASET=1,"&lt;version&gt;" once per connection and per change (a refusal is not retried until then:
        /// OTA is a convenience that must not cost a command per step); true when the module holds it.
        /// </summary>
        public bool ReportIfDue(TcModule module)
        {
            if (_due)
            {
                _due = false;
                _reported = module.SetOta(true, _current).IsOk;
            }
            return _reported;
        }
    }
}
