namespace RadiologyNet.Grains;

/// <summary>Persisted state of a study grain: every instance seen, by SOPInstanceUID.</summary>
[GenerateSerializer, Alias("radnet.StudyState")]
public sealed class StudyState
{
    [Id(0)] public Dictionary<string, InstanceRecord> Instances { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, int> AssignmentVersions { get; set; } = new(StringComparer.Ordinal);
}
