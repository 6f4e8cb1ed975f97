// Mirrors nanoFramework.System.Text 1.3.42 (the firmware project references it): the subset the device
// benchmark's string-parser baseline uses. The firmware itself encodes with TcAtMcu.Text.Utf8 (mscorlib only).
namespace System.Text
{
    public abstract class Encoding
    {
        public static Encoding UTF8 { get { throw null; } }
        public virtual byte[] GetBytes(string s) { throw null; }
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public virtual char[] GetChars(byte[] bytes) { throw null; }
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
    }
}
