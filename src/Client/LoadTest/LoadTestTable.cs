using System.Globalization;
using Spectre.Console;

namespace RadiologyNet.Client.LoadTest;

/// <summary>The printed summary of a load test (the full figures are in loadtest.json).</summary>
public static class LoadTestTable
{
    /// <summary>Writes the summary to the console.</summary>
    public static void Write(LoadTestReport r)
    {
        static string F(double v, string format = "F2") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
        static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string MiB(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
        var table = new Table().Border(TableBorder.Rounded).Title($"Load test ({r.Mode}): {N(r.Settings.Instances)} instances, k = {r.Settings.Clusters}, {r.Settings.Components} components");
        table.AddColumn("figure").AddColumn(new TableColumn("value"));
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("studies (mean size, largest)", $"{N(r.Ingest.Studies)} ({F(r.Ingest.MeanStudySize)}, {r.Ingest.LargestStudy})");
        Row("settled", $"{N(r.Ingest.Settled)} of {N(r.Ingest.Published)} in {F(r.Ingest.Seconds, "F1")} s");
        Row("settled/s (overall, peak 1 s)", $"{F(r.Ingest.SettledPerSecond, "F0")}, {F(r.Ingest.PeakSettledPerSecond, "F0")}");
        Row($"peak RSS ({r.PeakRssScope})", $"{MiB(r.PeakRssBytes)} (while ingesting: {MiB(r.Ingest.PeakRssBytes)})");
        Row("peak RSS by stage", string.Join("; ", r.PeakRssByStage.Select(p => $"{p.Stage} {MiB(p.PeakRssBytes)}")));
        Row("silo RSS", r.SiloRss);
        Row("storage requests / instance", r.Storage.Counted ? F(r.Storage.RequestsPerInstance) : "not measured (silo storage not wrapped)");
        Row("bytes written / instance", r.Storage.Counted ? F(r.Storage.BytesWrittenPerInstance, "F0") : "not measured");
        Row("largest grain message", $"{MiB(r.LargestMessage.LargestBytes)} ({r.LargestMessage.Method}; {N(r.LargestMessage.MessagesMeasured)} measured)");
        foreach (var p in r.Phases) Row(p.Phase, p.Error is null ? $"{F(p.Seconds)} s" : $"FAILED after {F(p.Seconds)} s: {p.Error}");
        foreach (var v in r.Verbs) Row($"verb: {v.Verb}", v.Error is null ? $"{F(v.Seconds)} s ({v.Detail})" : $"FAILED after {F(v.Seconds)} s: {v.Error}");
        if (r.QualityBeforeRefinement is { } b)
            Row("before refinement: homogeneity / NMI, cost", $"{F(b.Homogeneity, "F3")} / {F(b.NormalizedMutualInformation, "F3")}, {F(b.StreamingCost, "F1")}");
        if (r.Quality is { } q)
        {
            Row("homogeneity / NMI vs truth", $"{F(q.Homogeneity, "F3")} / {F(q.NormalizedMutualInformation, "F3")} ({N(q.Scored)} scored, {N(q.Unlabelled)} unlabelled)");
            Row("k-means cost: streaming (of the truth)", $"{F(q.StreamingCost, "F1")} ({F(q.TruthCost, "F1")})");
            if (q.Offline is { } o)
            {
                Row("k-means cost: offline best of 3", $"{F(o.Cost, "F1")} ({F(o.Seconds, "F1")} s)");
                Row("cost ratio streaming/offline", F(o.CostRatio, "F4"));
                Row("offline homogeneity / NMI", $"{F(o.Homogeneity, "F3")} / {F(o.NormalizedMutualInformation, "F3")}");
            }
            else
            {
                Row("offline k-means", $"skipped: {q.OfflineSkipped}");
            }
        }
        else
        {
            Row("quality", $"FAILED: {r.QualityError}");
        }
        Row("total", $"{F(r.TotalSeconds, "F1")} s");
        AnsiConsole.Write(table);
    }
}
