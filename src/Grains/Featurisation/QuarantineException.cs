namespace RadiologyNet.Grains.Featurisation;

/// <summary>An instance cannot be annotated; the message is the PHI-free reason recorded with it.</summary>
public sealed class QuarantineException(string reason, Exception? inner = null) : Exception(reason, inner);
