namespace TcAtMcu.Json
{
    /// <summary>What <see cref="JsonReader.Next"/> found.</summary>
    public enum JsonToken
    {
        None,
        ObjectStart,
        ObjectEnd,
        ArrayStart,
        ArrayEnd,
        /// <summary>A member name; the reader has consumed its colon, the value comes next.</summary>
        Key,
        String,
        Number,
        True,
        False,
        Null,
        /// <summary>The document is over (only whitespace after the top value).</summary>
        End,
        /// <summary>Malformed, too deep or truncated; the reader stays here.</summary>
        Error
    }
}
