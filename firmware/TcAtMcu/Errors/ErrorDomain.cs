namespace TcAtMcu.Errors
{
    /// <summary>Which of the spec's code lists a number belongs to (the lists overlap).</summary>
    public enum ErrorDomain
    {
        Cme = 0,
        Server,
        Registration,
        Provisioning,
        /// <summary>AT+TCGWBIND / AT+TCGWONLINE FAIL codes (V3.2.1 section 8.5).</summary>
        Gateway,
    }
}
