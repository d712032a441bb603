using System.Text.Json;
using System.Text.Json.Serialization;
using RadiologyNet.Grains;

namespace RadiologyNet.Client.Evaluation;

/// <summary>
/// The quality table of a run: for each label (modality, region) and each source (fused, image, metadata,
/// report), how the clustering agrees with the label. Labels come from the tags (Modality; the normalised region)
/// unless a truth table is given.
/// </summary>
public sealed record QualityReport(
    [property: JsonPropertyName("label_source")] string LabelSource,
    [property: JsonPropertyName("label_tags_in_features")] bool LabelTagsInFeatures,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, LabelScores>> Metrics)
{
    /// <summary>Sources in display order.</summary>
    public static readonly string[] SourceOrder = ["fused", "image", "metadata", "report"];

    /// <summary>Builds the report; <paramref name="truth"/> maps SOPInstanceUID to label columns, or null to use the tags.</summary>
    public static QualityReport Build(SourceClusterings sources, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? truth, bool labelTagsInFeatures)
    {
        var labels = new Dictionary<string, string[]>();
        var keep = Enumerable.Range(0, sources.SopInstanceUids.Length).ToArray();
        if (truth is null)
        {
            labels["modality"] = sources.Modalities;
            labels["region"] = sources.Regions;
        }
        else
        {
            keep = keep.Where(i => truth.ContainsKey(sources.SopInstanceUids[i])).ToArray();
            var columns = truth.Values.SelectMany(r => r.Keys).Distinct().Order(StringComparer.Ordinal);
            foreach (var column in columns)
                labels[column] = keep.Select(i => truth[sources.SopInstanceUids[i]].GetValueOrDefault(column) ?? "").ToArray();
        }

        var metrics = new Dictionary<string, IReadOnlyDictionary<string, LabelScores>>();
        foreach (var (label, values) in labels)
        {
            var perSource = new Dictionary<string, LabelScores>();
            foreach (var source in SourceOrder)
            {
                if (!sources.LabelsBySource.TryGetValue(source, out var predicted) || keep.Length == 0) continue;
                perSource[source] = LabelScores.Compute(values, keep.Select(i => predicted[i]).ToArray());
            }
            metrics[label] = perSource;
        }
        return new QualityReport(truth is null ? "tags" : "truth", labelTagsInFeatures, keep.Length, metrics);
    }

    /// <summary>Indented JSON with snake_case names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}
