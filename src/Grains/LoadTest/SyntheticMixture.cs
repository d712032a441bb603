using System.Collections.Concurrent;
using RadiologyNet.Features;

namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// The seeded Gaussian mixture behind the load harness, in the model's real fused layout (image | metadata | report).
/// Component c has one centre per slice: the unit sum of its modality group's direction (components c, c + 8, c + 16…
/// share one, so they sit closer together, as CT studies of different regions do) and a direction of its own. An instance
/// of c draws each slice as centre + <see cref="Noise"/> · g, g ~ N(0, I/d_slice) (so ‖g‖ ≈ 1); the report slice is drawn
/// once per study, as every image of a study shares its report. The slices are then fused exactly as real ones are
/// (<see cref="FeatureFusion.Fuse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, FusionWeights)"/>: each
/// L2-normalised, equal weights, a missing report reweighted), so per-source evaluation sees unit slices.
/// Every vector is a pure function of (seed, component, study, instance), so any silo regenerates it from the ingest event.
/// </summary>
public sealed class SyntheticMixture
{
    /// <summary>
    /// The default noise scale: the noise of a slice is 3× the length of its centre, so a point lies about 72° from its
    /// centre. Components stay separable in 1,044 dimensions, but k-means is not trivial: with 50 components, 20,000
    /// instances and k = 50, an offline best-of-3 k-means reaches a homogeneity of about 0.9, not 1 (see the load-test docs).
    /// </summary>
    public const float DefaultNoise = 3f;

    /// <summary>Synthetic Modality tags; component c has <c>Modalities[c % 8]</c>.</summary>
    public static readonly IReadOnlyList<string> Modalities = ["CT", "MR", "CR", "DX", "US", "MG", "NM", "XA"];

    /// <summary>Synthetic regions; component c has <c>Regions[(c / 8) % 7]</c>.</summary>
    public static readonly IReadOnlyList<string> Regions = ["HEAD", "CHEST", "ABDOMEN", "PELVIS", "SPINE", "EXTREMITY", "BREAST"];

    private readonly ConcurrentDictionary<int, float[]> _centres = new();

    /// <summary>A mixture for <paramref name="seed"/> in <paramref name="layout"/>.</summary>
    public SyntheticMixture(long seed, FusedLayout layout, float noise = DefaultNoise)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!(noise >= 0 && float.IsFinite(noise))) throw new ArgumentException($"the noise scale must be a finite value >= 0, not {noise}");
        Seed = seed;
        Layout = layout;
        Noise = noise;
    }

    /// <summary>The seed of every centre and instance.</summary>
    public long Seed { get; }

    /// <summary>Lengths of the image, metadata and report slices.</summary>
    public FusedLayout Layout { get; }

    /// <summary>Length of the noise of a slice relative to its (unit) centre.</summary>
    public float Noise { get; }

    /// <summary>The Modality tag of a component.</summary>
    public static string Modality(int component) => Modalities[component % Modalities.Count];

    /// <summary>The region of a component.</summary>
    public static string Region(int component) => Regions[component / Modalities.Count % Regions.Count];

    /// <summary>The fused vector of one instance.</summary>
    public float[] Vector(int component, long study, long index, bool hasReport)
    {
        var fused = new float[Layout.Dimension];
        Vector(component, study, index, hasReport, fused);
        return fused;
    }

    /// <summary>Writes the fused vector of one instance into <paramref name="destination"/> (length <see cref="FusedLayout.Dimension"/>).</summary>
    public void Vector(int component, long study, long index, bool hasReport, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(component);
        var centre = Centre(component);
        var raw = new float[Layout.Dimension];
        var perInstance = new SplitMix(Seed, 4, index);
        Draw(centre, raw, Layout.ImageOffset, Layout.ImageDim, ref perInstance);
        Draw(centre, raw, Layout.MetadataOffset, Layout.MetadataDim, ref perInstance);
        if (hasReport)
        {
            var perStudy = new SplitMix(Seed, 5, study);
            Draw(centre, raw, Layout.ReportOffset, Layout.ReportDim, ref perStudy);
        }
        FeatureFusion.Fuse(Layout.Image(raw), Layout.Metadata(raw), Layout.Report(raw), FusionWeights.Equal, destination);
    }

    private void Draw(float[] centre, float[] raw, int offset, int length, ref SplitMix random)
    {
        var scale = Noise / Math.Sqrt(length);
        for (var i = offset; i < offset + length; i++) raw[i] = (float)(centre[i] + scale * random.NextGaussian());
    }

    /// <summary>Component c's centre: per slice, the unit sum of its group's direction and its own.</summary>
    private float[] Centre(int component) => _centres.GetOrAdd(component, c =>
    {
        var centre = new float[Layout.Dimension];
        var slices = new[] { (Layout.ImageOffset, Layout.ImageDim), (Layout.MetadataOffset, Layout.MetadataDim), (Layout.ReportOffset, Layout.ReportDim) };
        for (var s = 0; s < slices.Length; s++)
        {
            var (offset, length) = slices[s];
            var slice = centre.AsSpan(offset, length);
            var group = UnitGaussian(new SplitMix(Seed, 6, s, c % Modalities.Count), length);
            var own = UnitGaussian(new SplitMix(Seed, 7, s, c), length);
            for (var i = 0; i < length; i++) slice[i] = group[i] + own[i];
            FeatureFusion.L2Normalize(slice);
        }
        return centre;
    });

    private static float[] UnitGaussian(SplitMix random, int length)
    {
        var v = new float[length];
        for (var i = 0; i < length; i++) v[i] = (float)random.NextGaussian();
        FeatureFusion.L2Normalize(v);
        return v;
    }
}
