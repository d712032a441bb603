using Orleans.Concurrency;

namespace RadiologyNet.Grains;

/// <summary>
/// One study (key: StudyInstanceUID). Consumes the study's ingest stream, featurises each instance once
/// (idempotent by SOPInstanceUID) and quarantines what it cannot read, with the reason.
/// </summary>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>Featurises one instance; a repeat of a known SOPInstanceUID changes nothing.</summary>
    Task Process(InstanceArrived instance);

    /// <summary>Records clusters decided later (at bootstrap or on reassignment); interleaves with <see cref="Process"/>.</summary>
    [AlwaysInterleave]
    Task ApplyAssignments(IReadOnlyList<Assignment> assignments);

    /// <summary>Every instance of the study seen so far.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<InstanceRecord>> GetInstances();
}
