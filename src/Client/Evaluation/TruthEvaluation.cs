using RadiologyNet.Client.Output;

namespace RadiologyNet.Client.Evaluation;

/// <summary>
/// <c>radnet evaluate</c>: scores the clusters of annotations.csv against label columns of a truth CSV, joined on a
/// key column. Every truth column except the key and identifier-like columns (all values distinct) is a label.
/// </summary>
public static class TruthEvaluation
{
    /// <summary>Scores annotated rows; quarantined rows and rows without a truth entry are counted but not scored.</summary>
    public static TruthEvaluationResult Evaluate(string truthCsv, string annotationsCsv, string key, IReadOnlyList<string>? labelColumns = null)
    {
        var annotations = CsvTable.Read(annotationsCsv);
        var annotationKey = annotations.IndexOf(key);
        if (annotationKey < 0) throw new FormatException($"{annotationsCsv}: no key column '{key}'");
        var clusterColumn = annotations.IndexOf("cluster");
        var statusColumn = annotations.IndexOf("status");
        if (clusterColumn < 0 || statusColumn < 0) throw new FormatException($"{annotationsCsv}: needs 'cluster' and 'status' columns");
        return Evaluate(truthCsv, annotations.Rows.Select(row => new AnnotatedRow(row[annotationKey], row[statusColumn], row[clusterColumn])), key, labelColumns);
    }

    /// <summary>
    /// Scores <paramref name="rows"/> as they are enumerated (a streamed export is never held: only the truth table and the
    /// label × cluster counts are); quarantined rows and rows without a truth entry are counted but not scored.
    /// </summary>
    public static TruthEvaluationResult Evaluate(string truthCsv, IEnumerable<AnnotatedRow> rows, string key, IReadOnlyList<string>? labelColumns = null)
    {
        var truth = CsvTable.Read(truthCsv);
        var truthKey = truth.IndexOf(key);
        if (truthKey < 0) throw new FormatException($"{truthCsv}: no key column '{key}' (columns: {string.Join(", ", truth.Header)})");
        var columns = (labelColumns is { Count: > 0 } ? labelColumns : truth.Header.Where((c, i) => i != truthKey && !IsIdentifier(truth, i)).ToList())
            .Select(c => (Name: c, Index: truth.IndexOf(c) >= 0 ? truth.IndexOf(c) : throw new FormatException($"{truthCsv}: no column '{c}'")))
            .ToList();
        var byKey = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in truth.Rows) byKey[Normalize(row[truthKey])] = row;

        var counts = columns.ToDictionary(c => c.Name, _ => new Dictionary<(string Label, int Cluster), long>());
        int scored = 0, quarantined = 0, missing = 0;
        foreach (var row in rows)
        {
            if (row.Status != "annotated") { quarantined++; continue; }
            if (!byKey.TryGetValue(Normalize(row.Key), out var t)) { missing++; continue; }
            var cluster = int.Parse(row.Cluster, System.Globalization.CultureInfo.InvariantCulture);
            scored++;
            foreach (var c in columns) counts[c.Name][(t[c.Index], cluster)] = counts[c.Name].GetValueOrDefault((t[c.Index], cluster)) + 1;
        }
        var scores = columns.ToDictionary(c => c.Name, c => LabelScores.Of(counts[c.Name].Select(kv => (kv.Key.Label, kv.Key.Cluster, kv.Value))));
        return new TruthEvaluationResult(scored, quarantined, missing, scores);
    }

    private static bool IsIdentifier(CsvTable table, int column) =>
        table.Rows.Count > 1 && table.Rows.Select(r => r[column]).Distinct(StringComparer.Ordinal).Count() == table.Rows.Count;

    private static string Normalize(string key) => key.Replace('\\', '/').Trim();
}

/// <summary>One annotation to score: its join key, its status and its cluster (empty unless annotated).</summary>
public sealed record AnnotatedRow(string Key, string Status, string Cluster);

/// <summary>Scores per label column, with how many rows were scored, quarantined, or had no truth.</summary>
public sealed record TruthEvaluationResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("scored")] int Scored,
    [property: System.Text.Json.Serialization.JsonPropertyName("quarantined")] int Quarantined,
    [property: System.Text.Json.Serialization.JsonPropertyName("without_truth")] int WithoutTruth,
    [property: System.Text.Json.Serialization.JsonPropertyName("metrics")] IReadOnlyDictionary<string, LabelScores> Metrics);
