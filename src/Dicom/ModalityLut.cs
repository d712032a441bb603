using System.Globalization;

namespace RadiologyNet.Dicom;

/// <summary>
/// Modality LUT (PS3.3 C.11.1): either Rescale Slope/Intercept (output = stored × slope + intercept) or, when the
/// Modality LUT Sequence (0028,3000) has a usable first item, that lookup table (which then takes precedence).
/// </summary>
public readonly record struct ModalityLut(double Slope, double Intercept)
{
    /// <summary>Modality LUT Sequence (0028,3000).</summary>
    public static readonly DicomTag ModalityLutSequence = new(0x0028, 0x3000);

    /// <summary>The table of the Modality LUT Sequence, or null for a linear rescale.</summary>
    public LookupTable? Table { get; init; }

    /// <summary>The identity transform (no rescale).</summary>
    public static ModalityLut Identity => new(1, 0);

    /// <summary>
    /// From the Modality LUT Sequence's first item when usable (its first-mapped value signed when PixelRepresentation
    /// is 1 or the descriptor is SS), else RescaleSlope/RescaleIntercept: missing, unparsable or zero slope means 1,
    /// missing intercept 0.
    /// </summary>
    public static ModalityLut From(DicomDataset ds)
    {
        if (ds.GetSequence(ModalityLutSequence) is [var item, ..]
            && LookupTable.FromItem(item, ds.GetInt(DicomTags.PixelRepresentation) == 1) is { } table)
            return Identity with { Table = table };
        var slope = FirstNumber(ds, DicomTags.RescaleSlope) ?? 1;
        var intercept = FirstNumber(ds, DicomTags.RescaleIntercept) ?? 0;
        return new ModalityLut(slope == 0 ? 1 : slope, intercept);
    }

    /// <summary>Applies the transform in place.</summary>
    public void Apply(Span<double> values)
    {
        for (var i = 0; i < values.Length; i++) values[i] = Map(values[i]);
    }

    /// <summary>The modality value of stored value <paramref name="x"/>.</summary>
    public double Map(double x) =>
        Table is { } table ? table.Map(x) : Slope == 1 && Intercept == 0 ? x : x * Slope + Intercept;

    /// <summary>The first value of a numeric element, tolerating trailing garbage in later values.</summary>
    internal static double? FirstNumber(DicomDataset ds, DicomTag tag)
    {
        var s = ds.GetString(tag);
        if (s is null) return ds.GetNumber(tag);
        var first = s.Split('\\')[0].Trim();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
    }
}
