namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// The load-test switch (section <c>LoadTest</c>). With <see cref="Enabled"/> the silo featurises with
/// <see cref="SyntheticFeatureSource"/> instead of reading files and running the ONNX models, counts its storage requests
/// and grain message sizes, warns at start-up, and says so to <c>radnet status</c>; <c>radnet loadtest --connection</c>
/// refuses a cluster without it. Synthetic features can never mix into a real model: a silo with the switch quarantines
/// every event that is not synthetic, and one without it cannot read a synthetic source.
/// </summary>
public sealed class LoadTestOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "LoadTest";

    /// <summary>The configuration key of the switch.</summary>
    public const string EnabledKey = Section + ":" + nameof(Enabled);

    /// <summary>True on a silo started for <c>radnet loadtest</c> only.</summary>
    public bool Enabled { get; set; }

    /// <summary>Noise scale of the synthetic mixture (see <see cref="SyntheticMixture.DefaultNoise"/>).</summary>
    public float Noise { get; set; } = SyntheticMixture.DefaultNoise;
}
