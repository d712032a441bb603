namespace RadiologyNet.Grains;

/// <summary>Where an accepted instance is in its life: every one ends annotated or quarantined.</summary>
public enum InstanceStatus
{
    /// <summary>Featurised, waiting for the model to bootstrap before it gets a cluster.</summary>
    Pending = 0,

    /// <summary>Has a cluster label.</summary>
    Annotated = 1,

    /// <summary>Could not be read or featurised; the reason says why.</summary>
    Quarantined = 2,
}
