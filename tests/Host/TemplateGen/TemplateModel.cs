using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TcAtMcu.TemplateGen
{
    /// <summary>A template the generator cannot use; the message is one sentence naming the place.</summary>
    public sealed class TemplateException : Exception
    {
        public TemplateException(string message) : base(message)
        {
        }
    }

    public enum ValueKind { Bool, Int, Enum, Float, String, Timestamp, Struct, StringEnum, Array }

    /// <summary>One typed member: a property, event parameter, action input/output or struct field.</summary>
    public sealed class ValueSpec
    {
        public string Id;
        public string Name;
        public string Unit;
        public ValueKind Kind;
        public bool Writable;
        public long Min;
        public long Max;
        public double FloatMin;
        public double FloatMax;
        public int Decimals;
        public string Start;
        public int MaxLength;
        public List<KeyValuePair<int, string>> Choices = new List<KeyValuePair<int, string>>();
        /// <summary>A stringenum's keys, in the template's order (Choices holds their index and label).</summary>
        public List<string> Keys = new List<string>();
        public List<ValueSpec> Fields = new List<ValueSpec>();
        /// <summary>An array's element definition ("arrayInfo") and its number of slots.</summary>
        public ValueSpec Element;
        public int Capacity;
    }

    public sealed class EventSpec
    {
        public string Id;
        public string Name;
        public string Type;
        public List<ValueSpec> Params = new List<ValueSpec>();
    }

    public sealed class ActionSpec
    {
        public string Id;
        public string Name;
        public List<ValueSpec> Inputs = new List<ValueSpec>();
        public List<ValueSpec> Outputs = new List<ValueSpec>();
    }

    /// <summary>
    /// The console's export: {"version","profile":{"ProductId"},"properties":[{"id","name","desc","mode","define":
    /// {"type", "min","max","start","step","unit","mapping"|"specs"}}],"events":[{"id","type","params"}],
    /// "actions":[{"id","input","output"}]}. Numbers in "define" come as strings ("0"); plain numbers are accepted.
    /// </summary>
    public sealed class TemplateModel
    {
        /// <summary>The module's receive buffer is about 2 KB: a longer string could never arrive.</summary>
        public const int MaxStringLength = 2048;

        /// <summary>Element slots of each array (the console's export carries no count): --array-capacity.</summary>
        public const int DefaultArrayCapacity = 8;
        public const int MaxArrayCapacity = 512;

        private static readonly Regex Identifier = new Regex("^[A-Za-z_][A-Za-z0-9_]{0,63}$");

        public string Version;
        public string ProductId;
        public List<ValueSpec> Properties = new List<ValueSpec>();
        public List<EventSpec> Events = new List<EventSpec>();
        public List<ActionSpec> Actions = new List<ActionSpec>();

        public static TemplateModel Parse(string json) => Parse(json, DefaultArrayCapacity);

        /// <param name="arrayCapacity">Element slots of every array property (1 to <see cref="MaxArrayCapacity"/>).</param>
        public static TemplateModel Parse(string json, int arrayCapacity)
        {
            if (arrayCapacity < 1 || arrayCapacity > MaxArrayCapacity)
            {
                throw new TemplateException($"--array-capacity must be 1 to {MaxArrayCapacity}, not {arrayCapacity}.");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException e)
            {
                throw new TemplateException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            }
            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new TemplateException("the template must be a JSON object with \"properties\", \"events\" and \"actions\".");
                }
                TemplateModel model = new TemplateModel();
                model.Version = OptionalString(root, "version", "the template") ?? "";
                if (root.TryGetProperty("profile", out JsonElement profile) && profile.ValueKind == JsonValueKind.Object)
                {
                    model.ProductId = OptionalString(profile, "ProductId", "profile") ?? OptionalString(profile, "productID", "profile");
                }
                if (!root.TryGetProperty("properties", out JsonElement properties) || properties.ValueKind != JsonValueKind.Array)
                {
                    throw new TemplateException("\"properties\" is missing or not an array.");
                }
                int index = 0;
                foreach (JsonElement property in properties.EnumerateArray())
                {
                    string where = $"properties[{index++}]";
                    ValueSpec spec = ParseValue(property, where, allowStruct: true, definitionKey: "define");
                    spec.Writable = ParseMode(property, where + " (" + spec.Id + ")");
                    model.Properties.Add(spec);
                }
                Unique(model.Properties.Select(p => p.Id), "properties");
                index = 0;
                foreach (JsonElement item in OptionalArray(root, "events"))
                {
                    string where = $"events[{index++}]";
                    EventSpec spec = new EventSpec { Id = RequiredId(item, where) };
                    where += " (" + spec.Id + ")";
                    spec.Name = OptionalString(item, "name", where) ?? spec.Id;
                    spec.Type = OptionalString(item, "type", where);
                    if (spec.Type != "info" && spec.Type != "alert" && spec.Type != "fault")
                    {
                        throw new TemplateException($"{where}: \"type\" must be \"info\", \"alert\" or \"fault\", not {Show(spec.Type)}.");
                    }
                    spec.Params = ParseList(item, "params", where);
                    model.Events.Add(spec);
                }
                Unique(model.Events.Select(e => e.Id), "events");
                index = 0;
                foreach (JsonElement item in OptionalArray(root, "actions"))
                {
                    string where = $"actions[{index++}]";
                    ActionSpec spec = new ActionSpec { Id = RequiredId(item, where) };
                    where += " (" + spec.Id + ")";
                    spec.Name = OptionalString(item, "name", where) ?? spec.Id;
                    spec.Inputs = ParseList(item, "input", where);
                    spec.Outputs = ParseList(item, "output", where);
                    foreach (ValueSpec input in spec.Inputs)
                    {
                        input.Writable = true;
                    }
                    model.Actions.Add(spec);
                }
                Unique(model.Actions.Select(a => a.Id), "actions");
                foreach (ValueSpec array in model.Properties.Concat(model.Events.SelectMany(e => e.Params))
                    .Concat(model.Actions.SelectMany(a => a.Inputs.Concat(a.Outputs))).Where(v => v.Kind == ValueKind.Array))
                {
                    array.Capacity = arrayCapacity;
                }
                return model;
            }
        }

        private static List<ValueSpec> ParseList(JsonElement owner, string key, string where)
        {
            List<ValueSpec> list = new List<ValueSpec>();
            int index = 0;
            foreach (JsonElement item in OptionalArray(owner, key))
            {
                list.Add(ParseValue(item, $"{where}.{key}[{index++}]", allowStruct: true, definitionKey: "define"));
            }
            Unique(list.Select(v => v.Id), where + "." + key);
            return list;
        }

        private static ValueSpec ParseValue(JsonElement item, string where, bool allowStruct, string definitionKey)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new TemplateException($"{where} must be an object.");
            }
            ValueSpec spec = new ValueSpec { Id = RequiredId(item, where) };
            where += " (" + spec.Id + ")";
            spec.Name = OptionalString(item, "name", where) ?? spec.Id;
            if (!item.TryGetProperty(definitionKey, out JsonElement define) || define.ValueKind != JsonValueKind.Object)
            {
                throw new TemplateException($"{where}: \"{definitionKey}\" is missing or not an object.");
            }
            ParseDefine(define, spec, where, allowStruct, allowArray: allowStruct);
            return spec;
        }

        // The definition's "type" and its bounds into spec; allowStruct/allowArray: false inside a struct or an array.
        private static void ParseDefine(JsonElement define, ValueSpec spec, string where, bool allowStruct, bool allowArray)
        {
            string type = OptionalString(define, "type", where);
            spec.Unit = OptionalString(define, "unit", where) ?? "";
            switch (type)
            {
                case "bool":
                    spec.Kind = ValueKind.Bool;
                    break;
                case "int":
                    spec.Kind = ValueKind.Int;
                    spec.Min = Integer(define, "min", where);
                    spec.Max = Integer(define, "max", where);
                    if (spec.Min > spec.Max)
                    {
                        throw new TemplateException($"{where}: \"min\" {spec.Min} is above \"max\" {spec.Max}.");
                    }
                    spec.Start = StartValue(define, where);
                    if (spec.Start != null)
                    {
                        long start = long.Parse(Integral(spec.Start, "start", where), CultureInfo.InvariantCulture);
                        if (start < spec.Min || start > spec.Max)
                        {
                            throw new TemplateException($"{where}: \"start\" {start} is outside [{spec.Min}, {spec.Max}].");
                        }
                    }
                    break;
                case "float":
                    spec.Kind = ValueKind.Float;
                    spec.FloatMin = Number(define, "min", where);
                    spec.FloatMax = Number(define, "max", where);
                    if (spec.FloatMin > spec.FloatMax)
                    {
                        throw new TemplateException($"{where}: \"min\" {spec.FloatMin} is above \"max\" {spec.FloatMax}.");
                    }
                    spec.Decimals = Decimals(define, where);
                    spec.Start = StartValue(define, where);
                    if (spec.Start != null)
                    {
                        double start = ParseDouble(spec.Start, "start", where);
                        if (start < spec.FloatMin || start > spec.FloatMax)
                        {
                            throw new TemplateException($"{where}: \"start\" {spec.Start} is outside [{spec.FloatMin}, {spec.FloatMax}].");
                        }
                    }
                    break;
                case "enum":
                    spec.Kind = ValueKind.Enum;
                    if (!define.TryGetProperty("mapping", out JsonElement mapping) || mapping.ValueKind != JsonValueKind.Object
                        || !mapping.EnumerateObject().Any())
                    {
                        throw new TemplateException($"{where}: an enum needs a non-empty \"mapping\" object.");
                    }
                    foreach (JsonProperty choice in mapping.EnumerateObject())
                    {
                        if (!int.TryParse(choice.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int key))
                        {
                            throw new TemplateException($"{where}: enum key {Show(choice.Name)} is not an integer.");
                        }
                        if (spec.Choices.Any(c => c.Key == key))
                        {
                            throw new TemplateException($"{where}: enum key {key} appears twice.");
                        }
                        spec.Choices.Add(new KeyValuePair<int, string>(key, choice.Value.ValueKind == JsonValueKind.String ? choice.Value.GetString() : ""));
                    }
                    break;
                case "stringenum":
                    spec.Kind = ValueKind.StringEnum;
                    if (!define.TryGetProperty("mapping", out JsonElement keys) || keys.ValueKind != JsonValueKind.Object
                        || !keys.EnumerateObject().Any())
                    {
                        throw new TemplateException($"{where}: a stringenum needs a non-empty \"mapping\" object.");
                    }
                    foreach (JsonProperty choice in keys.EnumerateObject())
                    {
                        if (choice.Name.Length == 0 || choice.Name.Any(char.IsControl) || System.Text.Encoding.UTF8.GetByteCount(choice.Name) > 64)
                        {
                            throw new TemplateException($"{where}: stringenum key {Show(choice.Name)} is empty, longer than 64 bytes or holds a control character.");
                        }
                        if (spec.Keys.Contains(choice.Name))
                        {
                            throw new TemplateException($"{where}: stringenum key {Show(choice.Name)} appears twice.");
                        }
                        spec.Choices.Add(new KeyValuePair<int, string>(spec.Keys.Count, choice.Value.ValueKind == JsonValueKind.String ? choice.Value.GetString() : ""));
                        spec.Keys.Add(choice.Name);
                    }
                    break;
                case "string":
                    spec.Kind = ValueKind.String;
                    long max = Integer(define, "max", where);
                    if (max < 1 || max > MaxStringLength)
                    {
                        throw new TemplateException($"{where}: string \"max\" must be 1 to {MaxStringLength} bytes, not {max}.");
                    }
                    spec.MaxLength = (int)max;
                    break;
                case "timestamp":
                    spec.Kind = ValueKind.Timestamp;
                    break;
                case "struct":
                    if (!allowStruct)
                    {
                        throw new TemplateException($"{where}: a struct cannot hold a struct.");
                    }
                    spec.Kind = ValueKind.Struct;
                    if (!define.TryGetProperty("specs", out JsonElement specs) || specs.ValueKind != JsonValueKind.Array || specs.GetArrayLength() == 0)
                    {
                        throw new TemplateException($"{where}: a struct needs a non-empty \"specs\" array.");
                    }
                    int index = 0;
                    foreach (JsonElement field in specs.EnumerateArray())
                    {
                        ValueSpec fieldSpec = ParseValue(field, $"{where}.specs[{index++}]", allowStruct: false, definitionKey: "dataType");
                        spec.Fields.Add(fieldSpec);
                    }
                    Unique(spec.Fields.Select(f => f.Id), where + ".specs");
                    break;
                case "array":
                    if (!allowArray)
                    {
                        throw new TemplateException($"{where}: an array cannot be inside a struct or an array.");
                    }
                    spec.Kind = ValueKind.Array;
                    if (!define.TryGetProperty("arrayInfo", out JsonElement info) || info.ValueKind != JsonValueKind.Object)
                    {
                        throw new TemplateException($"{where}: an array needs an \"arrayInfo\" object with its elements' definition.");
                    }
                    string elementType = OptionalString(info, "type", where + ".arrayInfo");
                    if (elementType != "int" && elementType != "float" && elementType != "string" && elementType != "struct")
                    {
                        throw new TemplateException($"{where}: an array's elements must be int, float, string or struct, not {Show(elementType)}.");
                    }
                    spec.Element = new ValueSpec { Id = spec.Id, Name = spec.Name };
                    ParseDefine(info, spec.Element, where + ".arrayInfo", allowStruct: true, allowArray: false);
                    break;
                case null:
                    throw new TemplateException($"{where}: \"type\" is missing.");
                default:
                    throw new TemplateException($"{where}: type {Show(type)} is not supported (bool, int, enum, stringenum, float, string, timestamp, struct, array).");
            }
        }

        private static bool ParseMode(JsonElement item, string where)
        {
            string mode = OptionalString(item, "mode", where);
            if (mode != "rw" && mode != "r")
            {
                throw new TemplateException($"{where}: \"mode\" must be \"rw\" or \"r\", not {Show(mode)}.");
            }
            return mode == "rw";
        }

        private static string RequiredId(JsonElement item, string where)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new TemplateException($"{where} must be an object.");
            }
            string id = OptionalString(item, "id", where);
            if (id == null || !Identifier.IsMatch(id))
            {
                throw new TemplateException($"{where}: \"id\" must be letters, digits and underscores (1 to 64, not starting with a digit), not {Show(id)}.");
            }
            return id;
        }

        private static string OptionalString(JsonElement item, string key, string where)
        {
            if (!item.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                throw new TemplateException($"{where}: \"{key}\" must be a string.");
            }
            return value.GetString();
        }

        private static IEnumerable<JsonElement> OptionalArray(JsonElement owner, string key)
        {
            if (!owner.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return Array.Empty<JsonElement>();
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw new TemplateException($"\"{key}\" must be an array.");
            }
            return value.EnumerateArray().ToList();
        }

        // "0" or 0; absent is an error.
        private static string NumberText(JsonElement define, string key, string where)
        {
            if (!define.TryGetProperty(key, out JsonElement value))
            {
                throw new TemplateException($"{where}: \"{key}\" is missing.");
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString().Trim();
            }
            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetRawText();
            }
            throw new TemplateException($"{where}: \"{key}\" must be a number.");
        }

        private static long Integer(JsonElement define, string key, string where)
        {
            string text = Integral(NumberText(define, key, where), key, where);
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new TemplateException($"{where}: \"{key}\" {Show(text)} is not an integer the device can hold.");
            }
            return value;
        }

        private static string Integral(string text, string key, string where)
        {
            if (!Regex.IsMatch(text, "^-?[0-9]{1,13}$"))
            {
                throw new TemplateException($"{where}: \"{key}\" {Show(text)} is not an integer.");
            }
            return text;
        }

        private static double Number(JsonElement define, string key, string where)
        {
            return ParseDouble(NumberText(define, key, where), key, where);
        }

        private static double ParseDouble(string text, string key, string where)
        {
            if (!Regex.IsMatch(text, "^-?[0-9]{1,12}(\\.[0-9]{1,12})?$")
                || !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                throw new TemplateException($"{where}: \"{key}\" {Show(text)} is not a number.");
            }
            return value;
        }

        private static string StartValue(JsonElement define, string where)
        {
            return define.TryGetProperty("start", out _) ? NumberText(define, "start", where) : null;
        }

        // Fraction digits of "step" (0.01 -> 2), at most 6; 2 when there is no step.
        private static int Decimals(JsonElement define, string where)
        {
            if (!define.TryGetProperty("step", out _))
            {
                return 2;
            }
            string step = NumberText(define, "step", where);
            ParseDouble(step, "step", where);
            int dot = step.IndexOf('.');
            int decimals = dot < 0 ? 0 : step.TrimEnd('0').Length - dot - 1;
            return Math.Min(Math.Max(decimals, 0), 6);
        }

        private static void Unique(IEnumerable<string> ids, string where)
        {
            string repeated = ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
            if (repeated != null)
            {
                throw new TemplateException($"{where}: id \"{repeated}\" appears twice.");
            }
        }

        internal static string Show(string text) => text == null ? "nothing" : "\"" + text + "\"";
    }
}
