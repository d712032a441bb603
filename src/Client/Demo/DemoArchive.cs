using RadiologyNet.Client.Output;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Demo;

/// <summary>
/// Synthesises a small multi-modality DICOM archive for <c>radnet demo</c>: about <see cref="DemoOptions.Images"/>
/// images split evenly over the classes of <see cref="DemoClassCatalog"/>, several instances per study, procedural
/// phantoms, plausible noisy metadata with fake PHI, Explicit (~70%) and Implicit (~30%) VR Little Endian files,
/// a <c>reports.csv</c> of templated narrative reports and a <c>truth.csv</c> of true modality and region.
/// Byte-identical output for the same options.
/// </summary>
public static class DemoArchive
{
    /// <summary>Writes the archive into <paramref name="folder"/> (created if needed) and says what it wrote.</summary>
    /// <param name="folder">Target folder; files go to <c>S0001/SE1/IM0001.dcm</c>, plus <c>reports.csv</c> and <c>truth.csv</c>.</param>
    /// <param name="options">Image count and seed.</param>
    /// <param name="progress">Receives the number of images written so far.</param>
    public static DemoManifest Synthesize(string folder, DemoOptions options, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Images, 1, nameof(options));
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);

        var studies = Plan(options);
        var written = 0;
        Parallel.ForEach(studies, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, study =>
        {
            Directory.CreateDirectory(Path.Combine(root, study.Folder));
            for (var i = 0; i < study.ImageCount; i++)
            {
                var dataset = DemoMetadata.Build(study, i, study.Render(i));
                using (var file = new FileStream(Path.Combine(root, study.FileOf(i)), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                    DicomWriter.Write(file, dataset, study.TransferSyntaxUid);
                progress?.Report(Interlocked.Increment(ref written));
            }
        });

        var reports = Path.Combine(root, "reports.csv");
        CsvWriter.Write(reports, ["study_uid", "text"],
            studies.Where(s => s.HasReport).Select(s => (IReadOnlyList<string>)[s.StudyUid, DemoReports.Write(s.Class.Name, s.ReportSeed, s.Class.Modality == "MG" ? null : s.Lateralities.FirstOrDefault())]));
        var truth = Path.Combine(root, "truth.csv");
        CsvWriter.Write(truth, ["file", "sop_instance_uid", "study_instance_uid", "modality", "region"],
            studies.SelectMany(s => Enumerable.Range(0, s.ImageCount).Select(i =>
                (IReadOnlyList<string>)[s.FileOf(i), s.SopUids[i], s.StudyUid, s.Class.Modality, s.Class.Region])));

        var classes = DemoClassCatalog.All.Where(c => studies.Any(s => s.Class == c)).Select(c => c.Name).ToArray();
        return new DemoManifest(root, reports, truth, studies.Sum(s => s.ImageCount), studies.Count, classes);
    }

    /// <summary>Splits the image budget evenly over the classes, cuts each share into studies, and shuffles the studies.</summary>
    private static List<DemoStudy> Plan(DemoOptions options)
    {
        var master = new DemoRandom((ulong)(long)options.Seed);
        var classes = DemoClassCatalog.All;
        var plan = new List<(DemoClass Class, int Images)>();
        for (var c = 0; c < classes.Count; c++)
        {
            var cls = classes[c];
            var remaining = options.Images / classes.Count + (c < options.Images % classes.Count ? 1 : 0);
            while (remaining > 0)
            {
                var n = Math.Min(remaining, master.Next(cls.MinImages, cls.MaxImages + 1));
                // Avoid a short trailing study when the remainder still fits in this one; otherwise it stays short.
                var left = remaining - n;
                if (left > 0 && left < cls.MinImages && remaining <= cls.MaxImages) n = remaining;
                plan.Add((cls, n));
                remaining -= n;
            }
        }
        master.Shuffle(plan);
        var seed = master.NextUInt64();
        return plan.Select((p, index) => DemoStudy.Create(index, p.Class, p.Images, seed)).ToList();
    }
}
