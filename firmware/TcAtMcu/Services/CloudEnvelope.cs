using TcAtMcu.Json;
using TcAtMcu.Text;

namespace TcAtMcu.Services
{
    /// <summary>
    /// The envelope every IoT Explorer message shares, read in one pass over its top-level object without allocating:
    /// its method (the "method" member, or "type" on $sys and $log), its clientToken (kept as raw bytes, so a reply
    /// echoes exactly what came), its code, and the members the service names (slices of the received buffer, read
    /// again with <see cref="Read"/>). One instance per service; the slices are valid while the message is.
    /// </summary>
    public sealed class CloudEnvelope
    {
        /// <summary>Longest clientToken kept; a message with a longer one is refused (no reply could carry it back).</summary>
        public const int MaxClientToken = 64;

        /// <summary>Our own tokens are "tc-&lt;n&gt;".</summary>
        public static readonly byte[] TokenPrefix = Ascii.Bytes("tc-");
        public static readonly byte[] KeyMethod = Ascii.Bytes("method");
        public static readonly byte[] KeyType = Ascii.Bytes("type");
        public static readonly byte[] KeyClientToken = Ascii.Bytes("clientToken");
        public static readonly byte[] KeyCode = Ascii.Bytes("code");

        private readonly byte[] _methodKey;
        private readonly byte[][] _methods;
        private readonly byte[][] _keys;
        private readonly JsonToken[] _kind;
        private readonly int[] _start;
        private readonly int[] _end;
        private readonly bool[] _escaped;
        private readonly JsonReader _reader = new JsonReader();
        private readonly byte[] _token = new byte[MaxClientToken];
        private readonly byte[] _ours = new byte[24];
        private byte[] _buffer;
        private int _tokenLength;
        private bool _tokenEscaped;

        /// <param name="methodKey"><see cref="KeyMethod"/> or <see cref="KeyType"/>.</param>
        /// <param name="methods">The methods the service handles; <see cref="Method"/> is the index + 1.</param>
        /// <param name="keys">The other top-level members it reads; each found one's slice is kept.</param>
        public CloudEnvelope(byte[] methodKey, byte[][] methods, byte[][] keys)
        {
            _methodKey = methodKey;
            _methods = methods;
            _keys = keys;
            _kind = new JsonToken[keys.Length];
            _start = new int[keys.Length];
            _end = new int[keys.Length];
            _escaped = new bool[keys.Length];
        }

        /// <summary>Index + 1 of the message's method in the service's table; 0: absent or not one of them.</summary>
        public int Method { get; private set; }

        public bool HasToken { get { return _tokenLength >= 0; } }
        public bool HasCode { get; private set; }
        public long Code { get; private set; }

        /// <summary>The code as a reply's code; absent or out of range: 406, the cloud's own code for bad parameters.</summary>
        public int CodeOr406 { get { return HasCode && Code >= int.MinValue && Code <= int.MaxValue ? (int)Code : 406; } }

        /// <summary>
        /// Reads a message. False (nothing usable) when it is not one JSON object, a member is repeated, the method
        /// is not a string, the clientToken not a string or longer than <see cref="MaxClientToken"/>, the code not an
        /// integer. True says nothing about the method: check <see cref="Method"/>.
        /// </summary>
        public bool Parse(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            Method = 0;
            _tokenLength = -1;
            HasCode = false;
            bool methodSeen = false;
            for (int i = 0; i < _keys.Length; i++)
            {
                _kind[i] = JsonToken.None;
            }
            JsonReader r = _reader;
            r.Reset(buffer, offset, count);
            if (r.Next() != JsonToken.ObjectStart)
            {
                return false;
            }
            while (true)
            {
                JsonToken token = r.Next();
                if (token == JsonToken.ObjectEnd)
                {
                    break;
                }
                if (token != JsonToken.Key)
                {
                    return false;
                }
                if (r.StringEquals(_methodKey))
                {
                    if (r.Next() != JsonToken.String || methodSeen)
                    {
                        return false;
                    }
                    methodSeen = true;
                    Method = MatchMethod(r);
                }
                else if (r.StringEquals(KeyClientToken))
                {
                    // Kept as its raw bytes: written back between quotes, it is the same JSON string. Not UTF-8:
                    // the message is not answered (the reply would carry it up).
                    if (r.Next() != JsonToken.String || _tokenLength >= 0 || r.Length > MaxClientToken || !r.IsValidText())
                    {
                        return false;
                    }
                    System.Array.Copy(buffer, r.Start, _token, 0, r.Length);
                    _tokenLength = r.Length;
                    _tokenEscaped = r.Escaped;
                }
                else if (r.StringEquals(KeyCode))
                {
                    long code;
                    if (r.Next() != JsonToken.Number || HasCode || !r.TryGetLong(out code))
                    {
                        return false;
                    }
                    Code = code;
                    HasCode = true;
                }
                else
                {
                    int key = MatchKey(r);
                    JsonToken value = r.Next();
                    if (value == JsonToken.Error || value == JsonToken.End)
                    {
                        return false;
                    }
                    if (key >= 0)
                    {
                        if (_kind[key] != JsonToken.None)
                        {
                            return false;
                        }
                        _kind[key] = value;
                        _escaped[key] = r.Escaped;
                        // A string's slice keeps its quotes, so that Read sees the same token again.
                        _start[key] = value == JsonToken.String ? r.Start - 1 : r.Start;
                    }
                    if (!r.SkipValue())
                    {
                        return false;
                    }
                    if (key >= 0)
                    {
                        _end[key] = value == JsonToken.ObjectStart || value == JsonToken.ArrayStart ? r.Position
                            : value == JsonToken.String ? r.Start + r.Length + 1 : r.Start + r.Length;
                    }
                }
            }
            return r.Next() == JsonToken.End;
        }

        /// <summary>The member's kind (JsonToken.None when absent): ObjectStart, String, Number ...</summary>
        public JsonToken Kind(int key)
        {
            return _kind[key];
        }

        public bool Has(int key)
        {
            return _kind[key] != JsonToken.None;
        }

        /// <summary>Where the member's value starts in the message's buffer (an object at its '{', a string at its quote).</summary>
        public int Start(int key)
        {
            return _start[key];
        }

        /// <summary>Where the member's value ends (exclusive).</summary>
        public int End(int key)
        {
            return _end[key];
        }

        /// <summary>The member holds a backslash escape (a string or key compared as bytes would not match).</summary>
        public bool Escaped(int key)
        {
            return _escaped[key];
        }

        /// <summary>A reader positioned on the member's value (its first token read); null when absent.</summary>
        public JsonReader Read(int key)
        {
            if (_kind[key] == JsonToken.None)
            {
                return null;
            }
            _reader.Reset(_buffer, _start[key], _end[key] - _start[key]);
            _reader.Next();
            return _reader;
        }

        /// <summary>The member as an integer; false when absent, not an integer, or out of range.</summary>
        public bool TryGetLong(int key, out long value)
        {
            value = 0;
            JsonReader r = Read(key);
            return r != null && r.Token == JsonToken.Number && r.TryGetLong(out value);
        }

        /// <summary>The member is a string equal to text (escapes resolved).</summary>
        public bool StringEquals(int key, byte[] text)
        {
            JsonReader r = Read(key);
            return r != null && r.Token == JsonToken.String && r.StringEquals(text);
        }

        /// <summary>Writes "clientToken":"&lt;theirs&gt;" (the raw bytes that came).</summary>
        public void WriteToken(JsonWriter writer)
        {
            writer.Key(KeyClientToken);
            writer.RawString(_token, 0, _tokenLength < 0 ? 0 : _tokenLength);
        }

        /// <summary>The received clientToken is ours, tc-&lt;token&gt;, byte for byte (escapes resolved): tc-02 is not tc-2. Never for token 0.</summary>
        public bool TokenIs(int token)
        {
            if (token == 0 || _tokenLength < 0)
            {
                return false;
            }
            int n = TokenPrefix.Length;
            System.Array.Copy(TokenPrefix, 0, _ours, 0, n);
            n += Ascii.FormatDecimal(token, _ours, n);
            return _reader.SliceEquals(_token, 0, _tokenLength, _tokenEscaped, _ours, 0, n);
        }

        private int MatchMethod(JsonReader r)
        {
            for (int i = 0; i < _methods.Length; i++)
            {
                if (r.StringEquals(_methods[i]))
                {
                    return i + 1;
                }
            }
            return 0;
        }

        private int MatchKey(JsonReader r)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                if (r.StringEquals(_keys[i]))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
