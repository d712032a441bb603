namespace RadiologyNet.Dicom;

/// <summary>VOI LUT window (PS3.3 C.11.2.1.2 and C.11.2.1.3): maps modality values to [0, 1] by center, width and function.</summary>
public readonly record struct VoiWindow(double Center, double Width, VoiLutFunction Function = VoiLutFunction.Linear)
{
    /// <summary>VOI LUT Function (0028,1056).</summary>
    public static readonly DicomTag VoiLutFunctionTag = new(0x0028, 0x1056);

    /// <summary>
    /// The first WindowCenter/WindowWidth pair with the file's VOI LUT Function (absent or unknown means LINEAR), or null
    /// when absent, unparsable, or the width is not allowed for the function (LINEAR: &lt; 1; the others: ≤ 0).
    /// </summary>
    public static VoiWindow? From(DicomDataset ds)
    {
        var c = ModalityLut.FirstNumber(ds, DicomTags.WindowCenter);
        var w = ModalityLut.FirstNumber(ds, DicomTags.WindowWidth);
        var function = ds.GetString(VoiLutFunctionTag)?.Trim() switch
        {
            "LINEAR_EXACT" => VoiLutFunction.LinearExact,
            "SIGMOID" => VoiLutFunction.Sigmoid,
            _ => VoiLutFunction.Linear,
        };
        if (c is not { } center || w is not { } width) return null;
        var valid = function == VoiLutFunction.Linear ? width >= 1 : width > 0;
        return valid ? new VoiWindow(center, width, function) : null;
    }

    /// <summary>
    /// LINEAR: x ≤ c − 0.5 − (w−1)/2 → 0; x &gt; c − 0.5 + (w−1)/2 → 1; else (x − (c − 0.5)) / (w − 1) + 0.5.
    /// LINEAR_EXACT: x ≤ c − w/2 → 0; x &gt; c + w/2 → 1; else (x − c) / w + 0.5.
    /// SIGMOID: 1 / (1 + exp(−4 (x − c) / w)).
    /// </summary>
    public float Map(double x)
    {
        switch (Function)
        {
            case VoiLutFunction.LinearExact:
                if (x <= Center - Width / 2) return 0f;
                if (x > Center + Width / 2) return 1f;
                return (float)((x - Center) / Width + 0.5);
            case VoiLutFunction.Sigmoid:
                return (float)(1 / (1 + Math.Exp(-4 * (x - Center) / Width)));
            default:
                var c = Center - 0.5;
                var half = (Width - 1) / 2;
                if (x <= c - half) return 0f;
                if (x > c + half) return 1f;
                return (float)((x - c) / (Width - 1) + 0.5);
        }
    }

    /// <summary>Maps with the frame's own min..max range; a flat frame maps to 0.</summary>
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
