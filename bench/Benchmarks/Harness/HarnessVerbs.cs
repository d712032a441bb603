namespace RadiologyNet.Benchmarks.Harness;

/// <summary>
/// Plain (non-BenchmarkDotNet) verbs used by the side-by-side scripts under bench/: each prints one JSON line in the
/// peers' format (<c>{"peer", "version", "seconds" (median), "result"}</c>).
/// </summary>
public static class HarnessVerbs
{
    private static readonly Dictionary<string, Func<string[], int>> Verbs = new(StringComparer.Ordinal)
    {
        ["assign"] = AssignHarness.Run,
        ["kmeans"] = KMeansHarness.Run,
        ["assign-scale"] = ScaleHarness.Run,
        ["stream-quality"] = StreamQualityHarness.Run,
        ["kmedoids"] = KMedoidsHarness.Run,
        ["clara"] = ClaraHarness.Run,
        ["make-blobs"] = BlobsHarness.Run,
        ["dicom-alloc"] = DicomHeaderHarness.Alloc,
        ["dicom-rate"] = DicomHeaderHarness.Rate,
    };

    /// <summary>Runs <c>args[0]</c> as a verb if it is one.</summary>
    public static bool TryRun(string[] args, out int code)
    {
        code = 0;
        if (args.Length == 0 || !Verbs.TryGetValue(args[0], out var verb)) return false;
        code = verb(args[1..]);
        return true;
    }
}
