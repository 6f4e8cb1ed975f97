using System;
using TcAtMcu.Json;
using TcAtMcu.Text;

namespace TcAtMcu.DataTemplate
{
    /// <summary>
    /// The array type: a fixed number of element slots, each a member of the element's definition, made when the
    /// template is built; the value is the first <see cref="Count"/> of them. A control replaces the whole array: its
    /// elements are staged slot by slot (each checked by its element type's rules) and the new count with them, so a
    /// refused array leaves every slot and the count as they were.
    /// </summary>
    public sealed partial class TemplateValue
    {
        internal static readonly byte[] TooMany = Ascii.Bytes("too many");

        private int _count;
        private int _stagedCount;

        /// <summary>
        /// An array of at most capacity elements of element's definition (int, float, string or struct; element is the
        /// first slot, the others are copies of it). It starts empty.
        /// </summary>
        public static TemplateValue Array(string id, TemplateValue element, int capacity, bool writable)
        {
            if (element == null || capacity < 1)
            {
                throw new ArgumentException("element");
            }
            PropertyType type = element.Type;
            if (type != PropertyType.Int && type != PropertyType.Float && type != PropertyType.String && type != PropertyType.Struct)
            {
                throw new ArgumentException("element");
            }
            TemplateValue[] slots = new TemplateValue[capacity];
            slots[0] = element;
            for (int i = 1; i < capacity; i++)
            {
                slots[i] = element.Copy();
            }
            return new TemplateValue(id, PropertyType.Array, writable, 0, 0, 0, 0, 0, null, 0, slots);
        }

        /// <summary>An array's elements now (its value is Element(0) to Element(Count - 1)).</summary>
        public int Count { get { return _count; } }

        /// <summary>An array's element slots: the most elements it holds.</summary>
        public int Capacity { get { return _fields == null ? 0 : _fields.Length; } }

        /// <summary>An array's element slot i (0 to Capacity - 1): read or set it like any member of its type.</summary>
        public TemplateValue Element(int index)
        {
            return _fields[index];
        }

        /// <summary>Sets how many of an array's slots are its value; above Capacity throws.</summary>
        public void SetCount(int count)
        {
            if (Type != PropertyType.Array || count < 0 || count > _fields.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }
            if (count != _count)
            {
                _count = count;
                Changed = true;
            }
        }

        // A member of the same definition (a new slot of an array), with its own buffers.
        private TemplateValue Copy()
        {
            TemplateValue[] fields = null;
            if (_fields != null)
            {
                fields = new TemplateValue[_fields.Length];
                for (int i = 0; i < fields.Length; i++)
                {
                    fields[i] = _fields[i].Copy();
                }
            }
            TemplateValue copy = new TemplateValue(Id, Type, Writable, _min, _max, _floatMin, _floatMax, Decimals, _choices, MaxLength, fields);
            copy._keys = _keys;
            copy._integer = _integer;
            copy._float = _float;
            return copy;
        }

        private bool ChildChanged()
        {
            if (_fields == null)
            {
                return false;
            }
            int n = Type == PropertyType.Array ? _count : _fields.Length;
            for (int i = 0; i < n; i++)
            {
                if (_fields[i].Changed)
                {
                    return true;
                }
            }
            return false;
        }

        // [e0, e1, ...]: at most Capacity elements, each staged by its slot; the reader ends on the array's ']'.
        private byte[] StageElements(JsonReader reader)
        {
            if (reader.Token != JsonToken.ArrayStart)
            {
                return WrongType;
            }
            int n = 0;
            while (true)
            {
                JsonToken token = reader.Next();
                if (token == JsonToken.ArrayEnd)
                {
                    _stagedCount = n;
                    return null;
                }
                if (token == JsonToken.Error || token == JsonToken.End)
                {
                    return Malformed;
                }
                if (n == _fields.Length)
                {
                    return TooMany;
                }
                byte[] reason = _fields[n].Stage(reader);
                if (reason != null)
                {
                    return reason;
                }
                n++;
            }
        }

        private void CommitElements()
        {
            for (int i = 0; i < _stagedCount; i++)
            {
                _fields[i].Commit();
            }
            if (_stagedCount != _count)
            {
                _count = _stagedCount;
                Changed = true;
            }
        }

        private void WriteElements(JsonWriter writer)
        {
            writer.BeginArray();
            for (int i = 0; i < _count; i++)
            {
                _fields[i].WriteValue(writer);
            }
            writer.EndArray();
        }
    }
}
