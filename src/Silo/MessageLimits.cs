namespace RadiologyNet.Silo;

/// <summary>
/// The largest grain message body the silos and clients accept. Every request and reply of the system is bounded by the
/// model (O(k·d): centres, pass totals) or by a page (a quarter of this), never by the archive, so 8 MiB leaves room for
/// k·d up to about two million values while an O(n) message fails loudly instead of travelling.
/// </summary>
public static class MessageLimits
{
    /// <summary>8 MiB.</summary>
    public const int MaxMessageBodyBytes = 8 * 1024 * 1024;
}
