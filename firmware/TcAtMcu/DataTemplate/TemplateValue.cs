using System;
using TcAtMcu.Json;
using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// One typed member of the data template: a property, an event parameter, an action input or output, or a
    /// struct field. It holds its definition (type, range, length), its value, and a staged value: a received
    /// message is first staged member by member, and applied only when every member of it was valid.
    /// Strings are kept as UTF-8 bytes in a buffer of their maximum length.
    /// </summary>
    public sealed partial class TemplateValue
    {
        internal static readonly byte[] WrongType = Ascii.Bytes("wrong type");
        internal static readonly byte[] OutOfRange = Ascii.Bytes("out of range");
        internal static readonly byte[] TooLong = Ascii.Bytes("too long");
        internal static readonly byte[] Unknown = Ascii.Bytes("unknown");
        internal static readonly byte[] ReadOnly = Ascii.Bytes("read-only");
        internal static readonly byte[] Duplicated = Ascii.Bytes("duplicated");
        internal static readonly byte[] Malformed = Ascii.Bytes("malformed");
        internal static readonly byte[] Missing = Ascii.Bytes("missing");
        internal static readonly byte[] NotUtf8 = Ascii.Bytes("not UTF-8");

        private readonly long _min;
        private readonly long _max;
        private readonly double _floatMin;
        private readonly double _floatMax;
        private readonly int[] _choices;
        private readonly TemplateValue[] _fields;
        private byte[][] _keys;
        private readonly byte[] _text;
        private readonly byte[] _stagedText;

        private long _integer;
        private double _float;
        private int _textLength;
        private long _stagedInteger;
        private double _stagedFloat;
        private int _stagedTextLength;
        private bool _staged;
        private bool _changed;

        private TemplateValue(string id, PropertyType type, bool writable, long min, long max, double floatMin,
            double floatMax, int decimals, int[] choices, int maxLength, TemplateValue[] fields)
            : this(Ascii.Bytes(id), type, writable, min, max, floatMin, floatMax, decimals, choices, maxLength, fields)
        {
        }

        private TemplateValue(byte[] id, PropertyType type, bool writable, long min, long max, double floatMin,
            double floatMax, int decimals, int[] choices, int maxLength, TemplateValue[] fields)
        {
            Id = id;
            Type = type;
            Writable = writable;
            _min = min;
            _max = max;
            _floatMin = floatMin;
            _floatMax = floatMax;
            Decimals = decimals;
            _choices = choices;
            MaxLength = maxLength;
            _fields = fields;
            if (type == PropertyType.String)
            {
                _text = new byte[maxLength];
                _stagedText = new byte[maxLength];
            }
            if (type == PropertyType.Int || type == PropertyType.Enum)
            {
                _integer = type == PropertyType.Enum ? choices[0] : (min > 0 ? min : (max < 0 ? max : 0));
            }
            if (type == PropertyType.Float)
            {
                _float = floatMin > 0 ? floatMin : (floatMax < 0 ? floatMax : 0);
            }
        }

        public static TemplateValue Bool(string id, bool writable)
        {
            return new TemplateValue(id, PropertyType.Bool, writable, 0, 1, 0, 0, 0, null, 0, null);
        }

        public static TemplateValue Int(string id, long min, long max, bool writable)
        {
            return new TemplateValue(id, PropertyType.Int, writable, min, max, 0, 0, 0, null, 0, null);
        }

        /// <summary>An enum: the mapping's keys, in the template's order (the first is the initial value).</summary>
        public static TemplateValue Enum(string id, int[] choices, bool writable)
        {
            return new TemplateValue(id, PropertyType.Enum, writable, 0, 0, 0, 0, 0, choices, 0, null);
        }

        /// <summary>A float; reports carry up to <paramref name="decimals"/> fraction digits (the template's step).</summary>
        public static TemplateValue Float(string id, double min, double max, int decimals, bool writable)
        {
            return new TemplateValue(id, PropertyType.Float, writable, 0, 0, min, max, decimals, null, 0, null);
        }

        /// <summary>A string of at most maxLength UTF-8 bytes.</summary>
        public static TemplateValue Text(string id, int maxLength, bool writable)
        {
            return new TemplateValue(id, PropertyType.String, writable, 0, 0, 0, 0, 0, null, maxLength, null);
        }

        public static TemplateValue Timestamp(string id, bool writable)
        {
            return new TemplateValue(id, PropertyType.Timestamp, writable, 0, long.MaxValue, 0, 0, 0, null, 0, null);
        }

        public static TemplateValue Struct(string id, TemplateValue[] fields, bool writable)
        {
            return new TemplateValue(id, PropertyType.Struct, writable, 0, 0, 0, 0, 0, null, 0, fields);
        }

        /// <summary>A stringenum: the mapping's keys, in the template's order; the value is a key's index (the first is the initial value).</summary>
        public static TemplateValue StringEnum(string id, string[] keys, bool writable)
        {
            if (keys == null || keys.Length == 0)
            {
                throw new ArgumentException("keys");
            }
            TemplateValue value = new TemplateValue(id, PropertyType.StringEnum, writable, 0, keys.Length - 1, 0, 0, 0, null, 0, null);
            value._keys = new byte[keys.Length][];
            for (int i = 0; i < keys.Length; i++)
            {
                value._keys[i] = Utf8.Bytes(keys[i]);
            }
            return value;
        }

        /// <summary>A stringenum's keys (UTF-8), by index.</summary>
        public byte[][] Keys { get { return _keys; } }

        /// <summary>The identifier, ASCII bytes.</summary>
        public byte[] Id { get; private set; }
        public PropertyType Type { get; private set; }

        /// <summary>The cloud may set it ("mode":"rw"); inputs of actions are writable too.</summary>
        public bool Writable { get; private set; }

        public int MaxLength { get; private set; }
        public int Decimals { get; private set; }

        /// <summary>Changed since it was last reported (a struct or array also when one of its fields or elements did).</summary>
        public bool Changed
        {
            get { return _changed || ChildChanged(); }
            set { _changed = value; }
        }

        /// <summary>Set by the last control or action that was applied.</summary>
        public bool Controlled { get; internal set; }

        public long Minimum { get { return _min; } }
        public long Maximum { get { return _max; } }
        public double FloatMinimum { get { return _floatMin; } }
        public double FloatMaximum { get { return _floatMax; } }

        /// <summary>Fields of a struct, the element slots of an array (null otherwise).</summary>
        public TemplateValue[] Fields { get { return _fields; } }

        public bool BoolValue { get { return _integer != 0; } }

        /// <summary>The value of a bool (0/1), int, enum or timestamp.</summary>
        public long IntValue { get { return _integer; } }

        public double FloatValue { get { return _float; } }

        /// <summary>A string's UTF-8 bytes: TextBytes[0..TextLength).</summary>
        public byte[] TextBytes { get { return _text; } }
        public int TextLength { get { return _textLength; } }

        /// <summary>A string's value as a new string (allocates: use TextBytes on hot paths).</summary>
        public string TextValue { get { return Utf8.Decode(_text, 0, _textLength); } }

        public void SetBool(bool value)
        {
            SetInteger(value ? 1 : 0);
        }

        /// <summary>Sets an int, enum or timestamp; a value outside the template throws (a bug in the product's code).</summary>
        public void SetInt(long value)
        {
            if (!Accepts(value))
            {
                throw new ArgumentOutOfRangeException("value");
            }
            SetInteger(value);
        }

        public void SetFloat(double value)
        {
            if (!(value >= _floatMin && value <= _floatMax))
            {
                throw new ArgumentOutOfRangeException("value");
            }
            if (value != _float)
            {
                _float = value;
                Changed = true;
            }
        }

        /// <summary>Sets a string from UTF-8 bytes; longer than MaxLength or not well-formed UTF-8 throws.</summary>
        public void SetText(byte[] utf8, int offset, int count)
        {
            if (count > MaxLength)
            {
                throw new ArgumentOutOfRangeException("count");
            }
            if (!Utf8.IsValid(utf8, offset, count))
            {
                throw new ArgumentException("utf8");
            }
            if (Ascii.Equals(_text, 0, _textLength, utf8, offset, count))
            {
                return;
            }
            System.Array.Copy(utf8, offset, _text, 0, count);
            _textLength = count;
            Changed = true;
        }

        /// <summary>Sets a string; encodes it into the member's buffer (longer than MaxLength bytes throws).</summary>
        public void SetText(string value)
        {
            char[] chars = value.ToCharArray();
            int n = Utf8.ByteCount(chars, 0, chars.Length);
            if (n > MaxLength)
            {
                throw new ArgumentOutOfRangeException("value");
            }
            Utf8.Encode(chars, 0, chars.Length, _stagedText, 0);
            SetText(_stagedText, 0, n);
        }

        private void SetInteger(long value)
        {
            if (value != _integer)
            {
                _integer = value;
                Changed = true;
            }
        }

        private bool Accepts(long value)
        {
            if (Type == PropertyType.Enum)
            {
                for (int i = 0; i < _choices.Length; i++)
                {
                    if (_choices[i] == value)
                    {
                        return true;
                    }
                }
                return false;
            }
            return value >= _min && value <= _max;
        }

        /// <summary>Marks this member and its fields changed (for a full report).</summary>
        public void MarkChanged()
        {
            Changed = true;
            if (_fields != null)
            {
                for (int i = 0; i < _fields.Length; i++)
                {
                    _fields[i].MarkChanged();
                }
            }
        }

        internal bool IsStaged { get { return _staged; } }

        /// <summary>
        /// Stages the value whose first token the reader is on. Returns null when it fits the definition, else the
        /// reason (and the reader may be left inside the value).
        /// </summary>
        internal byte[] Stage(JsonReader reader)
        {
            if (_staged)
            {
                return Duplicated;
            }
            JsonToken token = reader.Token;
            switch (Type)
            {
                case PropertyType.Bool:
                    if (token == JsonToken.True || token == JsonToken.False)
                    {
                        _stagedInteger = token == JsonToken.True ? 1 : 0;
                        break;
                    }
                    return StageInteger(reader);
                case PropertyType.Int:
                case PropertyType.Enum:
                case PropertyType.Timestamp:
                    return StageInteger(reader);
                case PropertyType.Float:
                    if (token != JsonToken.Number)
                    {
                        return WrongType;
                    }
                    double value;
                    if (!reader.TryGetDouble(out value) || !(value >= _floatMin && value <= _floatMax))
                    {
                        return OutOfRange;
                    }
                    _stagedFloat = value;
                    break;
                case PropertyType.StringEnum:
                    if (token != JsonToken.String)
                    {
                        return WrongType;
                    }
                    int key = -1;
                    for (int i = 0; i < _keys.Length && key < 0; i++)
                    {
                        if (reader.StringEquals(_keys[i]))
                        {
                            key = i;
                        }
                    }
                    if (key < 0)
                    {
                        return OutOfRange;
                    }
                    _stagedInteger = key;
                    break;
                case PropertyType.String:
                    if (token != JsonToken.String)
                    {
                        return WrongType;
                    }
                    if (!reader.IsValidText())
                    {
                        return NotUtf8;
                    }
                    int n = reader.CopyString(_stagedText, 0, MaxLength);
                    if (n < 0)
                    {
                        return TooLong;
                    }
                    _stagedTextLength = n;
                    break;
                case PropertyType.Array:
                    byte[] bad = StageElements(reader);
                    if (bad != null)
                    {
                        return bad;
                    }
                    break;
                default:
                    byte[] reason = StageFields(reader);
                    if (reason != null)
                    {
                        return reason;
                    }
                    break;
            }
            _staged = true;
            return null;
        }

        private byte[] StageInteger(JsonReader reader)
        {
            if (reader.Token != JsonToken.Number || !reader.IsInteger)
            {
                return WrongType;
            }
            long value;
            if (!reader.TryGetLong(out value) || !Accepts(value))
            {
                return OutOfRange;
            }
            _stagedInteger = value;
            _staged = true;
            return null;
        }

        private byte[] StageFields(JsonReader reader)
        {
            if (reader.Token != JsonToken.ObjectStart)
            {
                return WrongType;
            }
            while (true)
            {
                JsonToken token = reader.Next();
                if (token == JsonToken.ObjectEnd)
                {
                    return null;
                }
                if (token != JsonToken.Key)
                {
                    return Malformed;
                }
                TemplateValue field = Find(_fields, reader);
                if (field == null)
                {
                    return Unknown;
                }
                if (reader.Next() == JsonToken.Error)
                {
                    return Malformed;
                }
                byte[] reason = field.Stage(reader);
                if (reason != null)
                {
                    return reason;
                }
            }
        }

        /// <summary>Applies the staged value; marks it changed when it differs.</summary>
        internal void Commit()
        {
            if (!_staged)
            {
                return;
            }
            _staged = false;
            Controlled = true;
            switch (Type)
            {
                case PropertyType.Float:
                    if (_stagedFloat != _float)
                    {
                        _float = _stagedFloat;
                        Changed = true;
                    }
                    break;
                case PropertyType.String:
                    SetText(_stagedText, 0, _stagedTextLength);
                    break;
                case PropertyType.Struct:
                    for (int i = 0; i < _fields.Length; i++)
                    {
                        _fields[i].Commit();
                        if (_fields[i].Changed)
                        {
                            Changed = true;
                        }
                    }
                    break;
                case PropertyType.Array:
                    CommitElements();
                    break;
                default:
                    SetInteger(_stagedInteger);
                    break;
            }
        }

        internal void Unstage()
        {
            _staged = false;
            Controlled = false;
            if (_fields != null)
            {
                for (int i = 0; i < _fields.Length; i++)
                {
                    _fields[i].Unstage();
                }
            }
        }

        /// <summary>Writes the value (not its name).</summary>
        public void WriteValue(JsonWriter writer)
        {
            switch (Type)
            {
                case PropertyType.Float:
                    writer.Float(_float, Decimals);
                    break;
                case PropertyType.String:
                    writer.String(_text, 0, _textLength);
                    break;
                case PropertyType.StringEnum:
                    byte[] chosen = _keys[(int)_integer];
                    writer.String(chosen, 0, chosen.Length);
                    break;
                case PropertyType.Struct:
                    writer.BeginObject();
                    WriteMembers(writer, _fields, false);
                    writer.EndObject();
                    break;
                case PropertyType.Array:
                    WriteElements(writer);
                    break;
                default:
                    writer.Number(_integer);
                    break;
            }
        }

        /// <summary>Writes "id":value for each member (only the changed ones when onlyChanged); clears Changed.</summary>
        public static int WriteMembers(JsonWriter writer, TemplateValue[] members, bool onlyChanged)
        {
            int written = 0;
            for (int i = 0; i < members.Length; i++)
            {
                TemplateValue member = members[i];
                if (onlyChanged && !member.Changed)
                {
                    continue;
                }
                writer.Key(member.Id);
                member.WriteValue(writer);
                member.ClearChanged();
                written++;
            }
            return written;
        }

        private void ClearChanged()
        {
            _changed = false;
            if (_fields != null)
            {
                for (int i = 0; i < _fields.Length; i++)
                {
                    _fields[i].ClearChanged();
                }
            }
        }

        /// <summary>The member whose id is the reader's current key, or null.</summary>
        public static TemplateValue Find(TemplateValue[] members, JsonReader reader)
        {
            for (int i = 0; i < members.Length; i++)
            {
                if (reader.StringEquals(members[i].Id))
                {
                    return members[i];
                }
            }
            return null;
        }

        /// <summary>
        /// Stages every member of the object the reader is on, then applies all of them, or none: on the first
        /// bad member everything staged is dropped and its reason returned (badMember tells which, when known).
        /// </summary>
        internal static byte[] StageObject(TemplateValue[] members, JsonReader reader, bool requireWritable, out TemplateValue badMember)
        {
            badMember = null;
            for (int i = 0; i < members.Length; i++)
            {
                members[i].Unstage();
            }
            if (reader.Token != JsonToken.ObjectStart)
            {
                return Malformed;
            }
            while (true)
            {
                JsonToken token = reader.Next();
                if (token == JsonToken.ObjectEnd)
                {
                    return null;
                }
                if (token != JsonToken.Key)
                {
                    return DropAll(members, Malformed);
                }
                TemplateValue member = Find(members, reader);
                if (member == null)
                {
                    return DropAll(members, Unknown);
                }
                badMember = member;
                if (requireWritable && !member.Writable)
                {
                    return DropAll(members, ReadOnly);
                }
                if (reader.Next() == JsonToken.Error)
                {
                    return DropAll(members, Malformed);
                }
                byte[] reason = member.Stage(reader);
                if (reason != null)
                {
                    return DropAll(members, reason);
                }
                badMember = null;
            }
        }

        internal static void CommitAll(TemplateValue[] members)
        {
            for (int i = 0; i < members.Length; i++)
            {
                members[i].Controlled = false;
                members[i].Commit();
            }
        }

        private static byte[] DropAll(TemplateValue[] members, byte[] reason)
        {
            for (int i = 0; i < members.Length; i++)
            {
                members[i].Unstage();
            }
            return reason;
        }
    }
}
