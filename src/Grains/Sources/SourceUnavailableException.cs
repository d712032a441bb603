namespace RadiologyNet.Grains.Sources;

/// <summary>
/// The archive's storage could not be reached or refused a read for a reason that may pass (throttling, a restart).
/// Not a property of the instance: it is never quarantined for this; the event is retried (stream redelivery or
/// the reconciler) instead.
/// </summary>
public sealed class SourceUnavailableException(string message, Exception inner) : Exception(message, inner);
