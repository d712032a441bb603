namespace RadiologyNet.Grains;

/// <summary>
/// What the coordinator made of an <see cref="AssignedBatch"/>: the settled assignments of the batch's instances (none for
/// an instance still waiting for the bootstrap, or one a model-wide pass already placed and told its study about) and the
/// model as it stands after absorbing the batch, which becomes the sending silo's new snapshot.
/// </summary>
[GenerateSerializer, Immutable, Alias("radnet.BatchOutcome")]
public sealed record BatchOutcome(
    [property: Id(0)] Assignment[] Assignments,
    [property: Id(1)] ModelSnapshot Model);
