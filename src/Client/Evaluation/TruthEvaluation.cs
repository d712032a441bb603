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
        var truth = CsvTable.Read(truthCsv);
        var annotations = CsvTable.Read(annotationsCsv);
        var truthKey = truth.IndexOf(key);
        if (truthKey < 0) throw new FormatException($"{truthCsv}: no key column '{key}' (columns: {string.Join(", ", truth.Header)})");
        var annotationKey = annotations.IndexOf(key);
        if (annotationKey < 0) throw new FormatException($"{annotationsCsv}: no key column '{key}'");
        var clusterColumn = annotations.IndexOf("cluster");
        var statusColumn = annotations.IndexOf("status");
        if (clusterColumn < 0 || statusColumn < 0) throw new FormatException($"{annotationsCsv}: needs 'cluster' and 'status' columns");

        var columns = (labelColumns is { Count: > 0 } ? labelColumns : truth.Header.Where((c, i) => i != truthKey && !IsIdentifier(truth, i)).ToList())
            .Select(c => (Name: c, Index: truth.IndexOf(c) >= 0 ? truth.IndexOf(c) : throw new FormatException($"{truthCsv}: no column '{c}'")))
            .ToList();
        var byKey = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in truth.Rows) byKey[Normalize(row[truthKey])] = row;

        var predicted = new List<int>();
        var labels = columns.ToDictionary(c => c.Name, _ => new List<string>());
        int quarantined = 0, missing = 0;
        foreach (var row in annotations.Rows)
        {
            if (row[statusColumn] != "annotated") { quarantined++; continue; }
            if (!byKey.TryGetValue(Normalize(row[annotationKey]), out var t)) { missing++; continue; }
            predicted.Add(int.Parse(row[clusterColumn], System.Globalization.CultureInfo.InvariantCulture));
            foreach (var c in columns) labels[c.Name].Add(t[c.Index]);
        }
        var scores = columns.ToDictionary(c => c.Name, c => LabelScores.Compute(labels[c.Name], predicted));
        return new TruthEvaluationResult(predicted.Count, quarantined, missing, scores);
    }

    private static bool IsIdentifier(CsvTable table, int column) =>
        table.Rows.Count > 1 && table.Rows.Select(r => r[column]).Distinct(StringComparer.Ordinal).Count() == table.Rows.Count;

    private static string Normalize(string key) => key.Replace('\\', '/').Trim();
}

/// <summary>Scores per label column, with how many rows were scored, quarantined, or had no truth.</summary>
public sealed record TruthEvaluationResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("scored")] int Scored,
    [property: System.Text.Json.Serialization.JsonPropertyName("quarantined")] int Quarantined,
    [property: System.Text.Json.Serialization.JsonPropertyName("without_truth")] int WithoutTruth,
    [property: System.Text.Json.Serialization.JsonPropertyName("metrics")] IReadOnlyDictionary<string, LabelScores> Metrics);
