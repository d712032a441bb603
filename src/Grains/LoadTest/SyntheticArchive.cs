namespace RadiologyNet.Grains.LoadTest;

/// <summary>One synthetic study: its number, UID, true component, whether it has a report, its first instance's number and its size.</summary>
public sealed record SyntheticStudy(long Index, string StudyInstanceUid, int Component, bool HasReport, long FirstInstance, int Size);

/// <summary>
/// The synthetic archive of a load test, generated study by study so nothing of size n is ever held: study s draws its
/// component (mixture weights exp(0.5·N(0,1)), normalised, so components differ in size), whether it has a report (85 %)
/// and its size (<see cref="StudySizes"/>); the last study is cut so the archive has exactly <see cref="Instances"/>
/// instances. Its series hold up to 100 instances each. The same arguments give the same archive.
/// </summary>
public sealed class SyntheticArchive
{
    /// <summary>Instances per series.</summary>
    public const int SeriesSize = 100;

    /// <summary>Share of studies with a report.</summary>
    public const double ReportShare = 0.85;

    private readonly double[] _cumulative;
    private readonly StudySizes _sizes;

    /// <summary>An archive of <paramref name="instances"/> instances from <paramref name="components"/> components.</summary>
    public SyntheticArchive(long seed, long instances, int components, double studiesMean)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        Seed = seed;
        Instances = instances;
        Components = components;
        _sizes = new StudySizes(studiesMean);
        var weights = new double[components];
        for (var c = 0; c < components; c++) weights[c] = Math.Exp(0.5 * new SplitMix(seed, 8, c).NextGaussian());
        var total = weights.Sum();
        _cumulative = new double[components];
        var running = 0.0;
        for (var c = 0; c < components; c++) _cumulative[c] = running += weights[c] / total;
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>Instances in the archive.</summary>
    public long Instances { get; }

    /// <summary>Mixture components.</summary>
    public int Components { get; }

    /// <summary>The study size distribution.</summary>
    public StudySizes Sizes => _sizes;

    /// <summary>The studies in order, generated lazily.</summary>
    public IEnumerable<SyntheticStudy> Studies()
    {
        var next = 0L;
        for (var s = 0L; next < Instances; s++)
        {
            var random = new SplitMix(Seed, 9, s);
            var u = random.NextDouble();
            var component = Array.FindIndex(_cumulative, c => u < c);
            if (component < 0) component = Components - 1;
            var hasReport = random.NextDouble() < ReportShare;
            var size = (int)Math.Min(_sizes.Next(ref random), Instances - next);
            yield return new SyntheticStudy(s, SyntheticUids.Study(Seed, s), component, hasReport, next, size);
            next += size;
        }
    }

    /// <summary>The ingest events of one study.</summary>
    public IEnumerable<InstanceArrived> Events(SyntheticStudy study)
    {
        for (var j = 0; j < study.Size; j++)
        {
            var index = study.FirstInstance + j;
            yield return new InstanceArrived(study.StudyInstanceUid, SyntheticUids.Series(Seed, study.Index, j / SeriesSize),
                SyntheticUids.Instance(Seed, index), new SyntheticSource(Seed, study.Component, study.Index, index, study.HasReport).ToString(), study.HasReport);
        }
    }
}
