namespace TcAtMcu.DataTemplate
{
    /// <summary>The data template's value types ("define":{"type":...} in the console's JSON export).</summary>
    public enum PropertyType
    {
        /// <summary>0 or 1 on the wire.</summary>
        Bool,
        /// <summary>A whole number within [min, max].</summary>
        Int,
        /// <summary>One of the mapping's integer keys.</summary>
        Enum,
        /// <summary>A number within [min, max].</summary>
        Float,
        /// <summary>UTF-8 text of at most max bytes.</summary>
        String,
        /// <summary>A non-negative whole number (time since the epoch).</summary>
        Timestamp,
        /// <summary>An object of typed fields.</summary>
        Struct,
        /// <summary>One of the mapping's string keys ("stringenum"); held as the key's index.</summary>
        StringEnum,
        /// <summary>Up to a fixed number of int, float, string or struct elements ("array"), all of one element definition.</summary>
        Array
    }
}
