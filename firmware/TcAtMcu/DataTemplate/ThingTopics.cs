using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// The device's data template topics, $thing/up|down/property|event|action/&lt;pid&gt;/&lt;dn&gt;, built once; the
    /// downward ones also as bytes, to recognise a received topic without allocating.
    /// </summary>
    public sealed class ThingTopics
    {
        public ThingTopics(string productId, string deviceName)
        {
            string tail = "/" + productId + "/" + deviceName;
            UpProperty = "$thing/up/property" + tail;
            UpEvent = "$thing/up/event" + tail;
            UpAction = "$thing/up/action" + tail;
            DownProperty = "$thing/down/property" + tail;
            DownEvent = "$thing/down/event" + tail;
            DownAction = "$thing/down/action" + tail;
            UpPropertyBytes = Utf8.Bytes(UpProperty);
            UpEventBytes = Utf8.Bytes(UpEvent);
            UpActionBytes = Utf8.Bytes(UpAction);
            DownPropertyBytes = Utf8.Bytes(DownProperty);
            DownEventBytes = Utf8.Bytes(DownEvent);
            DownActionBytes = Utf8.Bytes(DownAction);
        }

        public string UpProperty { get; private set; }
        public string UpEvent { get; private set; }
        public string UpAction { get; private set; }
        public string DownProperty { get; private set; }
        public string DownEvent { get; private set; }
        public string DownAction { get; private set; }
        public byte[] UpPropertyBytes { get; private set; }
        public byte[] UpEventBytes { get; private set; }
        public byte[] UpActionBytes { get; private set; }
        public byte[] DownPropertyBytes { get; private set; }
        public byte[] DownEventBytes { get; private set; }
        public byte[] DownActionBytes { get; private set; }
    }
}
