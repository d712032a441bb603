namespace RadiologyNet.Dicom;

/// <summary>VOI LUT window (PS3.3 C.11.2.1.2.1, LINEAR): maps modality values to [0, 1].</summary>
public readonly record struct VoiWindow(double Center, double Width)
{
    /// <summary>The first WindowCenter/WindowWidth pair, or null when absent, unparsable or Width &lt; 1.</summary>
    public static VoiWindow? From(DicomDataset ds)
    {
        var c = ModalityLut.FirstNumber(ds, DicomTags.WindowCenter);
        var w = ModalityLut.FirstNumber(ds, DicomTags.WindowWidth);
        return c is { } center && w is { } width && width >= 1 ? new VoiWindow(center, width) : null;
    }

    /// <summary>
    /// if x &lt;= c − 0.5 − (w−1)/2 then 0; else if x &gt; c − 0.5 + (w−1)/2 then 1; else ((x − (c − 0.5)) / (w − 1) + 0.5).
    /// </summary>
    public float Map(double x)
    {
        var c = Center - 0.5;
        var half = (Width - 1) / 2;
        if (x <= c - half) return 0f;
        if (x > c + half) return 1f;
        return (float)((x - c) / (Width - 1) + 0.5);
    }

    /// <summary>Maps with the frame's own min..max range (used when the file has no window); a flat frame maps to 0.</summary>
    public static void MinMax(ReadOnlySpan<double> values, Span<float> output)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var range = max - min;
        for (var i = 0; i < values.Length; i++) output[i] = range > 0 ? (float)((values[i] - min) / range) : 0f;
    }
}
