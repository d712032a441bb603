namespace RadiologyNet.Client.Results;

/// <summary>The feature sources present in a fused vector (a missing source's slice is all zeros).</summary>
[Flags]
public enum FeatureSources
{
    /// <summary>No source.</summary>
    None = 0,
    /// <summary>Pixels (image model embedding).</summary>
    Image = 1,
    /// <summary>DICOM acquisition metadata.</summary>
    Metadata = 2,
    /// <summary>The narrative report.</summary>
    Report = 4,
}
