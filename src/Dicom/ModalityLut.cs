using System.Globalization;

namespace RadiologyNet.Dicom;

/// <summary>Modality LUT as Rescale Slope/Intercept (PS3.3 C.11.1): output = stored × slope + intercept.</summary>
public readonly record struct ModalityLut(double Slope, double Intercept)
{
    /// <summary>The identity transform (no rescale).</summary>
    public static ModalityLut Identity => new(1, 0);

    /// <summary>From RescaleSlope/RescaleIntercept; missing, unparsable or zero slope means 1, missing intercept 0.</summary>
    public static ModalityLut From(DicomDataset ds)
    {
        var slope = FirstNumber(ds, DicomTags.RescaleSlope) ?? 1;
        var intercept = FirstNumber(ds, DicomTags.RescaleIntercept) ?? 0;
        return new ModalityLut(slope == 0 ? 1 : slope, intercept);
    }

    /// <summary>Applies the transform in place.</summary>
    public void Apply(Span<double> values)
    {
        if (Slope == 1 && Intercept == 0) return;
        for (var i = 0; i < values.Length; i++) values[i] = values[i] * Slope + Intercept;
    }

    /// <summary>The first value of a numeric element, tolerating trailing garbage in later values.</summary>
    internal static double? FirstNumber(DicomDataset ds, DicomTag tag)
    {
        var s = ds.GetString(tag);
        if (s is null) return ds.GetNumber(tag);
        var first = s.Split('\\')[0].Trim();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }
}
