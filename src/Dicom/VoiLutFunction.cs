namespace RadiologyNet.Dicom;

/// <summary>VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3: how a window center/width maps values to output.</summary>
public enum VoiLutFunction
{
    /// <summary>LINEAR (the default): C.11.2.1.2.1, width ≥ 1.</summary>
    Linear,

    /// <summary>LINEAR_EXACT: C.11.2.1.3.2, width &gt; 0, no half-unit offsets.</summary>
    LinearExact,

    /// <summary>SIGMOID: C.11.2.1.3.1, width &gt; 0.</summary>
    Sigmoid,
}
