using System.Globalization;
using System.Text;
using RadiologyNet.Dicom;

namespace RadiologyNet.Features;

/// <summary>Options of <see cref="MetadataVectorizer"/>. The vector layout depends only on these, so it is fixed up front.</summary>
public sealed class MetadataVectorizerOptions
{
    /// <summary>
    /// Include the label tags Modality and BodyPartExamined as features. Off by default: the evaluation labels
    /// are derived from them, so including them leaks the answer into the clusters.
    /// </summary>
    public bool IncludeLabelTags { get; set; }

    /// <summary>Buckets for hashed description tokens (and for BodyPartExamined tokens when label tags are included).</summary>
    public int HashBuckets { get; set; } = 32;

    /// <summary>Numeric scaling when <see cref="Scaler"/> is null: "Welford" (running statistics, the default) or "FixedRange".</summary>
    public string Scaling { get; set; } = "Welford";

    /// <summary>Observations per column after which the Welford statistics freeze.</summary>
    public long WelfordFreezeAfter { get; set; } = 10_000;

    /// <summary>An explicit scaler; overrides <see cref="Scaling"/>.</summary>
    public IMetadataScaler? Scaler { get; set; }

    /// <summary>The scaler these options describe.</summary>
    public IMetadataScaler CreateScaler() => Scaler ?? Scaling switch
    {
        "Welford" => new WelfordScaler(WelfordFreezeAfter),
        "FixedRange" => FixedRangeScaler.Instance,
        _ => throw new ArgumentException($"Metadata:Scaling must be Welford or FixedRange, not '{Scaling}'"),
    };

    internal void Validate()
    {
        if (HashBuckets is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(HashBuckets), HashBuckets, "must be 1..4096");
    }
}

/// <summary>How a raw numeric value is transformed before range scaling.</summary>
public enum NumericTransform
{
    /// <summary>The value itself.</summary>
    Linear,

    /// <summary>ln(1 + max(value, 0)): for positive quantities spanning orders of magnitude.</summary>
    Log1p,
}

/// <summary>One numeric feature column: raw value in the tag's unit, its transform and its documented range.</summary>
public sealed record NumericColumn(string Name, DicomTag Tag, NumericTransform Transform, double Min, double Max)
{
    /// <summary>The transformed value.</summary>
    public double Apply(double raw) => Transform == NumericTransform.Log1p ? Math.Log(1 + Math.Max(raw, 0)) : raw;
}

/// <summary>
/// Scales the raw numeric columns (NaN = missing) into the vector. Implementations: <see cref="FixedRangeScaler"/>
/// now; a running-statistics (Welford) scaler later. Missing values must come out as 0 (the imputed value in the
/// scaled space); the vectorizer writes the missing-indicator columns itself.
/// </summary>
public interface IMetadataScaler
{
    void Scale(IReadOnlyList<NumericColumn> columns, ReadOnlySpan<double> raw, Span<float> scaled);
}

/// <summary>Fixed, documented scaling: clamp((T(x) − T(min)) / (T(max) − T(min)), 0, 1); missing → 0.</summary>
public sealed class FixedRangeScaler : IMetadataScaler
{
    public static FixedRangeScaler Instance { get; } = new();

    public void Scale(IReadOnlyList<NumericColumn> columns, ReadOnlySpan<double> raw, Span<float> scaled)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var x = raw[i];
            if (double.IsNaN(x))
            {
                scaled[i] = 0;
                continue;
            }
            var c = columns[i];
            var lo = c.Apply(c.Min);
            var hi = c.Apply(c.Max);
            scaled[i] = (float)Math.Clamp((c.Apply(x) - lo) / (hi - lo), 0, 1);
        }
    }
}

/// <summary>
/// A PHI-free metadata vector from an allow-list of acquisition tags. Only the tags in <see cref="AllowedTags"/>
/// are ever read (enforced: any other read throws). The layout is fixed by the options, so vectors stream.
/// <para>Layout, in order (see README.md for the full table):</para>
/// <list type="number">
/// <item>Numeric columns (<see cref="NumericColumns"/>), scaled by <see cref="IMetadataScaler"/> (default fixed ranges):
/// rows, columns, pixel_spacing_row/col (PixelSpacing, else ImagerPixelSpacing), slice_thickness, kvp,
/// exposure_time, xray_tube_current, repetition_time, echo_time, magnetic_field_strength,
/// image_orientation_0..5, patient_age_years (the centre of a 5-year bin, 90+ one bin: <see cref="AgeBinYears"/>).</item>
/// <item>One missing indicator per numeric tag (1 = absent or unparsable), and contrast_agent (1 = ContrastBolusAgent present).</item>
/// <item>Categorical one-hot / multi-hot blocks, each with fixed vocabulary + <c>other</c> + <c>missing</c>:
/// modality (only with IncludeLabelTags), manufacturer (vendor families), photometric_interpretation,
/// patient_sex, patient_position, view_position, scanning_sequence, sequence_variant, image_type.</item>
/// <item>desc_hash_00..: tokens of StudyDescription, SeriesDescription, ProtocolName (lower case, split on
/// non-letters, FNV-1a hashed, binary presence).</item>
/// <item>body_part_hash_..: BodyPartExamined tokens, only with IncludeLabelTags.</item>
/// </list>
/// Thread-safe (immutable after construction, given a thread-safe scaler).
/// </summary>
public sealed class MetadataVectorizer
{
    private static readonly DicomTag ImagerPixelSpacing = new(0x0018, 0x1164);

    /// <summary>Every tag the vectorizer may read, label tags included. Nothing else is touched.</summary>
    public static IReadOnlyList<DicomTag> AllowedTags { get; } =
    [
        DicomTags.Modality, DicomTags.Manufacturer, DicomTags.ImageType, DicomTags.PhotometricInterpretation,
        DicomTags.Rows, DicomTags.Columns, DicomTags.PixelSpacing, ImagerPixelSpacing, DicomTags.SliceThickness,
        DicomTags.KVP, DicomTags.ExposureTime, DicomTags.XRayTubeCurrent,
        DicomTags.RepetitionTime, DicomTags.EchoTime, DicomTags.MagneticFieldStrength, DicomTags.ScanningSequence, DicomTags.SequenceVariant,
        DicomTags.ImageOrientationPatient, DicomTags.PatientPosition, DicomTags.ViewPosition,
        DicomTags.ContrastBolusAgent, DicomTags.PatientAge, DicomTags.PatientSex,
        DicomTags.StudyDescription, DicomTags.SeriesDescription, DicomTags.ProtocolName,
        DicomTags.BodyPartExamined,
    ];

    /// <summary>Tags that carry the evaluation labels; read only when <see cref="MetadataVectorizerOptions.IncludeLabelTags"/>.</summary>
    public static IReadOnlyList<DicomTag> LabelTags { get; } = [DicomTags.Modality, DicomTags.BodyPartExamined];

    /// <summary>The numeric columns, in vector order.</summary>
    public static IReadOnlyList<NumericColumn> NumericColumns { get; } =
    [
        new("rows", DicomTags.Rows, NumericTransform.Log1p, 0, 8192),
        new("columns", DicomTags.Columns, NumericTransform.Log1p, 0, 8192),
        new("pixel_spacing_row", DicomTags.PixelSpacing, NumericTransform.Log1p, 0, 5),
        new("pixel_spacing_col", DicomTags.PixelSpacing, NumericTransform.Log1p, 0, 5),
        new("slice_thickness", DicomTags.SliceThickness, NumericTransform.Log1p, 0, 20),
        new("kvp", DicomTags.KVP, NumericTransform.Linear, 20, 150),
        new("exposure_time", DicomTags.ExposureTime, NumericTransform.Log1p, 0, 10000),
        new("xray_tube_current", DicomTags.XRayTubeCurrent, NumericTransform.Log1p, 0, 1000),
        new("repetition_time", DicomTags.RepetitionTime, NumericTransform.Log1p, 0, 20000),
        new("echo_time", DicomTags.EchoTime, NumericTransform.Log1p, 0, 500),
        new("magnetic_field_strength", DicomTags.MagneticFieldStrength, NumericTransform.Linear, 0, 7),
        new("image_orientation_0", DicomTags.ImageOrientationPatient, NumericTransform.Linear, -1, 1),
        new("image_orientation_1", DicomTags.ImageOrientationPatient, NumericTransform.Linear, -1, 1),
        new("image_orientation_2", DicomTags.ImageOrientationPatient, NumericTransform.Linear, -1, 1),
        new("image_orientation_3", DicomTags.ImageOrientationPatient, NumericTransform.Linear, -1, 1),
        new("image_orientation_4", DicomTags.ImageOrientationPatient, NumericTransform.Linear, -1, 1),
        new("image_orientation_5", DicomTags.ImageOrientationPatient, NumericTransform.Linear, -1, 1),
        new("patient_age_years", DicomTags.PatientAge, NumericTransform.Linear, 0, 100),
    ];

    // Missing indicators: one per numeric tag (multi-valued tags share one).
    private static readonly (string Name, DicomTag Tag)[] MissingIndicators = NumericColumns
        .GroupBy(c => c.Tag).Select(g => (g.Key == DicomTags.PixelSpacing ? "pixel_spacing_missing"
            : g.Key == DicomTags.ImageOrientationPatient ? "image_orientation_missing" : g.First().Name + "_missing", g.Key)).ToArray();

    private static readonly Categorical ModalityBlock = new("modality", DicomTags.Modality, false,
        ["CR", "CT", "DX", "MG", "MR", "NM", "PT", "US", "XA", "RF", "IO", "OT", "SR"]);
    private static readonly Categorical ManufacturerBlock = new("manufacturer", DicomTags.Manufacturer, false,
        ["siemens", "ge", "philips", "canon_toshiba", "agfa", "fujifilm", "carestream_kodak", "hologic", "hitachi", "samsung", "konica"]);
    private static readonly Categorical[] CommonBlocks =
    [
        ManufacturerBlock,
        new("photometric_interpretation", DicomTags.PhotometricInterpretation, false,
            ["MONOCHROME1", "MONOCHROME2", "RGB", "YBR_FULL", "YBR_FULL_422", "PALETTE COLOR", "YBR_RCT", "YBR_ICT"]),
        new("patient_sex", DicomTags.PatientSex, false, ["M", "F", "O"]),
        new("patient_position", DicomTags.PatientPosition, false, ["HFS", "HFP", "FFS", "FFP", "HFDR", "HFDL", "FFDR", "FFDL"]),
        new("view_position", DicomTags.ViewPosition, false, ["AP", "PA", "LL", "RL", "LAT", "LATERAL", "LLO", "RLO", "CC", "MLO", "ML", "LM", "XCCL"]),
        new("scanning_sequence", DicomTags.ScanningSequence, true, ["SE", "IR", "GR", "EP", "RM"]),
        new("sequence_variant", DicomTags.SequenceVariant, true, ["SK", "MTC", "SS", "TRSS", "SP", "MP", "OSP", "NONE"]),
        new("image_type", DicomTags.ImageType, true,
            ["ORIGINAL", "DERIVED", "PRIMARY", "SECONDARY", "AXIAL", "LOCALIZER", "REFORMATTED", "MPR", "MIP", "PROJECTION IMAGE", "M", "P", "NORM"]),
    ];

    private static readonly DicomTag[] DescriptionTags = [DicomTags.StudyDescription, DicomTags.SeriesDescription, DicomTags.ProtocolName];

    private readonly MetadataVectorizerOptions _options;
    private readonly IMetadataScaler _scaler;
    private readonly Categorical[] _blocks;
    private readonly HashSet<DicomTag> _readable;
    private readonly int _missingOffset;
    private readonly int _contrastOffset;
    private readonly int[] _blockOffsets;
    private readonly int _descOffset;
    private readonly int _bodyPartOffset;

    public MetadataVectorizer(MetadataVectorizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _scaler = options.CreateScaler();
        _blocks = options.IncludeLabelTags ? [ModalityBlock, .. CommonBlocks] : CommonBlocks;
        _readable = [.. AllowedTags.Where(t => options.IncludeLabelTags || !LabelTags.Contains(t))];

        var names = new List<string>();
        names.AddRange(NumericColumns.Select(c => c.Name));
        _missingOffset = names.Count;
        names.AddRange(MissingIndicators.Select(m => m.Name));
        _contrastOffset = names.Count;
        names.Add("contrast_agent");
        _blockOffsets = new int[_blocks.Length];
        for (var b = 0; b < _blocks.Length; b++)
        {
            _blockOffsets[b] = names.Count;
            names.AddRange(_blocks[b].ColumnNames);
        }
        _descOffset = names.Count;
        for (var i = 0; i < options.HashBuckets; i++) names.Add($"desc_hash_{i:D2}");
        _bodyPartOffset = -1;
        if (options.IncludeLabelTags)
        {
            _bodyPartOffset = names.Count;
            for (var i = 0; i < options.HashBuckets; i++) names.Add($"body_part_hash_{i:D2}");
        }
        ColumnNames = names;
        Dimension = names.Count;
    }

    /// <summary>Length of the vector.</summary>
    public int Dimension { get; }

    /// <summary>Name of every column, in vector order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Whether Modality and BodyPartExamined are features.</summary>
    public bool IncludesLabelTags => _options.IncludeLabelTags;

    /// <summary>The vector of one dataset (instance-level tags).</summary>
    public float[] Vectorize(DicomDataset dataset)
    {
        var v = new float[Dimension];
        Vectorize(dataset, v);
        return v;
    }

    /// <summary>Writes the vector of one dataset into <paramref name="destination"/> (length <see cref="Dimension"/>).</summary>
    public void Vectorize(DicomDataset dataset, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (destination.Length != Dimension) throw new ArgumentException($"destination must hold {Dimension} floats");
        destination.Clear();
        var ds = new AllowListedReader(dataset, _readable);

        Span<double> raw = stackalloc double[NumericColumns.Count];
        ExtractNumeric(ds, raw);
        _scaler.Scale(NumericColumns, raw, destination[..NumericColumns.Count]);
        for (var m = 0; m < MissingIndicators.Length; m++)
        {
            var tag = MissingIndicators[m].Tag;
            var missing = true;
            for (var i = 0; i < NumericColumns.Count; i++)
                if (NumericColumns[i].Tag == tag && !double.IsNaN(raw[i])) missing = false;
            destination[_missingOffset + m] = missing ? 1 : 0;
        }
        destination[_contrastOffset] = string.IsNullOrWhiteSpace(ds.GetString(DicomTags.ContrastBolusAgent)) ? 0 : 1;

        for (var b = 0; b < _blocks.Length; b++) _blocks[b].Encode(ds, destination.Slice(_blockOffsets[b], _blocks[b].ColumnNames.Count));

        var buckets = _options.HashBuckets;
        foreach (var tag in DescriptionTags)
            foreach (var token in Tokens(ds.GetString(tag)))
                destination[_descOffset + (int)(Fnv1a(token) % (uint)buckets)] = 1;
        if (_bodyPartOffset >= 0)
            foreach (var token in Tokens(ds.GetString(DicomTags.BodyPartExamined)))
                destination[_bodyPartOffset + (int)(Fnv1a(token) % (uint)buckets)] = 1;
    }

    /// <summary>
    /// The raw numeric columns in their tags' units (NaN = missing), in <see cref="NumericColumns"/> order —
    /// what a running-statistics scaler accumulates.
    /// </summary>
    public void ExtractNumeric(DicomDataset dataset, Span<double> raw) => ExtractNumeric(new AllowListedReader(dataset, _readable), raw);

    private static void ExtractNumeric(AllowListedReader ds, Span<double> raw)
    {
        if (raw.Length != NumericColumns.Count) throw new ArgumentException($"raw must hold {NumericColumns.Count} values");
        raw.Fill(double.NaN);
        var i = 0;
        raw[i++] = Positive(ds.GetNumbers(DicomTags.Rows));
        raw[i++] = Positive(ds.GetNumbers(DicomTags.Columns));
        var spacing = ds.GetNumbers(DicomTags.PixelSpacing);
        if (spacing.Length < 2) spacing = ds.GetNumbers(ImagerPixelSpacing);
        if (spacing.Length >= 2 && spacing[0] > 0 && spacing[1] > 0)
        {
            raw[i] = spacing[0];
            raw[i + 1] = spacing[1];
        }
        i += 2;
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.SliceThickness));
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.KVP));
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.ExposureTime));
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.XRayTubeCurrent));
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.RepetitionTime));
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.EchoTime));
        raw[i++] = NonNegative(ds.GetNumbers(DicomTags.MagneticFieldStrength));
        var iop = ds.GetNumbers(DicomTags.ImageOrientationPatient);
        if (iop.Length == 6 && iop.All(x => Math.Abs(x) <= 1.5))
            for (var k = 0; k < 6; k++) raw[i + k] = iop[k];
        i += 6;
        raw[i] = ParseAgeYears(ds.GetString(DicomTags.PatientAge)) is { } age ? AgeBinYears(age) : double.NaN;
    }

    /// <summary>Width of a <see cref="AgeBinYears"/> bin, in years.</summary>
    public const int AgeBinWidth = 5;

    /// <summary>Ages from this many years on share one bin.</summary>
    public const int OldestAgeBin = 90;

    /// <summary>
    /// The feature value of an age: the centre of its 5-year bin (0–4 → 2.5, 5–9 → 7.5, …, 85–89 → 87.5), and 92.5 for
    /// every age of 90 or more, so the vector holds an age group, never an exact age that could single a person out.
    /// </summary>
    public static double AgeBinYears(double years) =>
        years >= OldestAgeBin ? OldestAgeBin + AgeBinWidth / 2.0 : Math.Floor(Math.Max(years, 0) / AgeBinWidth) * AgeBinWidth + AgeBinWidth / 2.0;

    /// <summary>
    /// PatientAge (AS, "nnnD|W|M|Y") in years: D/365.25, W×7/365.25, M/12, Y. Lenient: case-insensitive, surrounding
    /// blanks, 1–3 digits, a bare number means years. Null when empty, malformed or outside 0..150 years.
    /// </summary>
    public static double? ParseAgeYears(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var s = value.Trim();
        var unit = char.ToUpperInvariant(s[^1]);
        var digits = char.IsAsciiDigit(s[^1]) ? s : s[..^1].TrimEnd();
        if (digits.Length is 0 or > 3 || !digits.All(char.IsAsciiDigit)) return null;
        var n = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        double? years = char.IsAsciiDigit(unit) ? n : unit switch
        {
            'Y' => n,
            'M' => n / 12.0,
            'W' => n * 7 / 365.25,
            'D' => n / 365.25,
            _ => null,
        };
        return years is >= 0 and <= 150 ? years : null;
    }

    /// <summary>Lower-case tokens of a description: maximal runs of letters (any script).</summary>
    public static IEnumerable<string> Tokens(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetter(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    /// <summary>32-bit FNV-1a of the UTF-8 bytes: stable across processes and platforms (unlike string.GetHashCode).</summary>
    public static uint Fnv1a(string token)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }

    private static double Positive(double[] v) => v.Length > 0 && v[0] > 0 ? v[0] : double.NaN;
    private static double NonNegative(double[] v) => v.Length > 0 && v[0] >= 0 ? v[0] : double.NaN;

    /// <summary>Manufacturer text → vendor family (lower-case vocabulary entry), or the raw value when unknown.</summary>
    internal static string VendorFamily(string manufacturer)
    {
        var m = manufacturer.ToLowerInvariant();
        if (m.Contains("siemens", StringComparison.Ordinal)) return "siemens";
        if (m.StartsWith("ge ", StringComparison.Ordinal) || m == "ge" || m.Contains("general electric", StringComparison.Ordinal) || m.StartsWith("gems", StringComparison.Ordinal) || m.Contains("ge medical", StringComparison.Ordinal) || m.Contains("ge healthcare", StringComparison.Ordinal)) return "ge";
        if (m.Contains("philips", StringComparison.Ordinal)) return "philips";
        if (m.Contains("toshiba", StringComparison.Ordinal) || m.Contains("canon", StringComparison.Ordinal)) return "canon_toshiba";
        if (m.Contains("agfa", StringComparison.Ordinal)) return "agfa";
        if (m.Contains("fuji", StringComparison.Ordinal)) return "fujifilm";
        if (m.Contains("carestream", StringComparison.Ordinal) || m.Contains("kodak", StringComparison.Ordinal)) return "carestream_kodak";
        if (m.Contains("hologic", StringComparison.Ordinal) || m.Contains("lorad", StringComparison.Ordinal)) return "hologic";
        if (m.Contains("hitachi", StringComparison.Ordinal)) return "hitachi";
        if (m.Contains("samsung", StringComparison.Ordinal)) return "samsung";
        if (m.Contains("konica", StringComparison.Ordinal)) return "konica";
        return m;
    }

    /// <summary>A one-hot (or multi-hot) block: vocabulary columns, then other, then missing.</summary>
    private sealed class Categorical
    {
        private readonly Dictionary<string, int> _index;
        private readonly DicomTag _tag;
        private readonly bool _multi;

        public Categorical(string name, DicomTag tag, bool multiValued, string[] vocabulary)
        {
            _tag = tag;
            _multi = multiValued;
            _index = vocabulary.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.OrdinalIgnoreCase);
            ColumnNames = [.. vocabulary.Select(v => $"{name}={v.ToLowerInvariant().Replace(' ', '_')}"), $"{name}=other", $"{name}=missing"];
        }

        public IReadOnlyList<string> ColumnNames { get; }

        public void Encode(AllowListedReader ds, Span<float> block)
        {
            var values = _multi ? ds.GetStrings(_tag) : ds.GetString(_tag) is { } s ? [s.Trim()] : [];
            var any = false;
            foreach (var raw in values)
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                any = true;
                var value = _tag == DicomTags.Manufacturer ? VendorFamily(raw.Trim()) : raw.Trim();
                block[_index.TryGetValue(value, out var i) ? i : _index.Count] = 1;
            }
            if (!any) block[_index.Count + 1] = 1;
        }
    }

    /// <summary>Reads only allow-listed tags; a read of anything else is a programming error and throws.</summary>
    private readonly struct AllowListedReader(DicomDataset dataset, HashSet<DicomTag> allowed)
    {
        public string? GetString(DicomTag tag) => dataset.GetString(Check(tag));
        public string[] GetStrings(DicomTag tag) => dataset.GetStrings(Check(tag));
        public double[] GetNumbers(DicomTag tag) => dataset.GetNumbers(Check(tag));

        private DicomTag Check(DicomTag tag) =>
            allowed.Contains(tag) ? tag : throw new InvalidOperationException($"metadata vectorizer tried to read {tag}, which is not on its allow-list");
    }
}
