using RadiologyNet.Grains.Telemetry;

namespace RadiologyNet.Grains.Featurisation;

/// <summary>An instance cannot be annotated; the message is the PHI-free reason recorded with it, the category its bounded metric label.</summary>
public sealed class QuarantineException(string reason, QuarantineCategory category = QuarantineCategory.InternalError, Exception? inner = null)
    : Exception(reason, inner)
{
    /// <summary>The reason's category (the <c>radnet.quarantine.reason</c> label).</summary>
    public QuarantineCategory Category { get; } = category;
}
