using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiologyNet.Client.Output;
using RadiologyNet.Clustering.Npy;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Silo;

namespace RadiologyNet.Client.Annotation;

/// <summary>
/// <c>radnet embed</c>: featurises every image of a folder with the silo's own featuriser (no clustering) and
/// writes image.npy, metadata.npy, report.npy, fused.npy (float32, C order, one row per image, rows in
/// ids.csv order) plus ids.csv and quarantined.csv. A study without a report has an all-zero report row.
/// </summary>
public static class EmbeddingExport
{
    /// <summary>What was written.</summary>
    public sealed record Summary(int Embedded, int Quarantined, int ImageDim, int MetadataDim, int ReportDim, TimeSpan Elapsed);

    /// <summary>
    /// Embeds the folder into <paramref name="outDir"/>. With <paramref name="projectionDimension"/> &gt; 0 it also writes
    /// <c>fused_projected.npy</c>: every fused vector through a seeded sparse <see cref="Features.RandomProjection"/>.
    /// Archive paths in ids.csv and quarantined.csv appear as <paramref name="paths"/> says.
    /// </summary>
    public static async Task<Summary> RunAsync(AnnotationSettings settings, string outDir, AnnotationRunner.ProgressReporter? progress, CancellationToken cancellationToken,
        int projectionDimension = 0, long projectionSeed = 42, Output.PathMode paths = Output.PathMode.Relative)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var folder = Path.GetFullPath(settings.Folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"archive folder '{settings.Folder}' does not exist");
        progress?.Invoke("scanning", 0, 0);
        var scanned = ArchiveScanner.Scan(folder, out _);
        var accepted = scanned.Where(f => f.Accepted).ToList();

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("RADNET_").AddInMemoryCollection(SiloSettings.For(settings, folder)).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddRadiologyNetFeatures(configuration)
            .BuildServiceProvider();
        var featurizer = services.GetRequiredService<InstanceFeaturizer>();
        var layout = featurizer.Layout;

        var reports = new ConcurrentDictionary<string, Lazy<Task<float[]?>>>(StringComparer.Ordinal);
        var results = new (InstanceFeatures? Features, string? Reason)[accepted.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, accepted.Count),
            // Many callers in flight keep the featuriser's decode and inference stages busy; its bounded queues hold the rest back.
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var file = accepted[i];
                var instance = new InstanceArrived(file.StudyInstanceUid!, file.SeriesInstanceUid!, file.SopInstanceUid!, file.RelativePath);
                try
                {
                    var report = await reports.GetOrAdd(instance.StudyInstanceUid, study => new(() => featurizer.EmbedReportAsync(study))).Value;
                    results[i] = (await featurizer.ExtractAsync(instance, report, ct), null);
                }
                catch (QuarantineException e)
                {
                    results[i] = (null, e.Message);
                }
                progress?.Invoke("embedding", Interlocked.Increment(ref done), accepted.Count);
            });

        Directory.CreateDirectory(outDir);
        var kept = Enumerable.Range(0, accepted.Count).Where(i => results[i].Features is not null).ToList();
        WriteMatrix(Path.Combine(outDir, "image.npy"), kept.Select(i => results[i].Features!.Image), layout.ImageDim);
        WriteMatrix(Path.Combine(outDir, "metadata.npy"), kept.Select(i => results[i].Features!.Metadata), layout.MetadataDim);
        WriteMatrix(Path.Combine(outDir, "report.npy"), kept.Select(i => results[i].Features!.Report ?? new float[layout.ReportDim]), layout.ReportDim);
        WriteMatrix(Path.Combine(outDir, "fused.npy"), kept.Select(i => results[i].Features!.Fused), layout.Dimension);
        if (projectionDimension > 0)
        {
            var projection = new Features.RandomProjection(layout.Dimension, projectionDimension, projectionSeed);
            WriteMatrix(Path.Combine(outDir, "fused_projected.npy"), kept.Select(i => projection.Project(results[i].Features!.Fused)), projectionDimension);
        }
        CsvWriter.Write(Path.Combine(outDir, "ids.csv"), ["row", "sop_instance_uid", "series_instance_uid", "study_instance_uid", "file", "has_report", "modality", "region"],
            kept.Select((i, row) => (IReadOnlyList<string>)
            [
                row.ToString(System.Globalization.CultureInfo.InvariantCulture), accepted[i].SopInstanceUid!, accepted[i].SeriesInstanceUid!,
                accepted[i].StudyInstanceUid!, Output.ArchivePaths.Disclose(accepted[i].RelativePath, paths), results[i].Features!.Report is null ? "0" : "1",
                results[i].Features!.Modality, results[i].Features!.Region,
            ]));
        var quarantined = scanned.Where(f => !f.Accepted).Select(f => (f.RelativePath, f.QuarantineReason!))
            .Concat(Enumerable.Range(0, accepted.Count).Where(i => results[i].Reason is not null).Select(i => (accepted[i].RelativePath, results[i].Reason!)))
            .OrderBy(q => q.Item1, StringComparer.Ordinal).ToList();
        CsvWriter.Write(Path.Combine(outDir, "quarantined.csv"), ["file", "reason"],
            quarantined.Select(q => (IReadOnlyList<string>)[Output.ArchivePaths.Disclose(q.Item1, paths), q.Item2]));
        return new Summary(kept.Count, quarantined.Count, layout.ImageDim, layout.MetadataDim, layout.ReportDim, clock.Elapsed);
    }

    private static void WriteMatrix(string path, IEnumerable<float[]> rows, int dimension)
    {
        var list = rows.ToList();
        var data = new float[list.Count * dimension];
        for (var i = 0; i < list.Count; i++) list[i].CopyTo(data, i * dimension);
        NpyWriter.Write(path, data, list.Count, dimension);
    }
}
