using RadiologyNet.Client.Evaluation;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Results;

/// <summary>The quality table of results: the run's own (every source) when it was kept, else the fused clustering's from the instances.</summary>
public static class ResultsQuality
{
    /// <summary>Scores the fused labels of the annotated instances against their modality and region tags.</summary>
    public static QualityReport Of(ArchiveResults results)
    {
        if (results.Quality is { } kept) return kept;
        var annotated = results.Instances.Where(i => i.Cluster is not null && i.Status == "annotated").ToList();
        var sources = new SourceClusterings(annotated.Select(i => i.SopInstanceUid).ToArray(), annotated.Select(i => i.Modality).ToArray(),
            annotated.Select(i => i.Region).ToArray(), new Dictionary<string, int[]> { ["fused"] = annotated.Select(i => i.Cluster!.Value).ToArray() });
        return QualityReport.Build(sources, truth: null, labelTagsInFeatures: false);
    }
}
