namespace RadiologyNet.DicomFuzz;

/// <summary>Shrinks a failing input while it still shows the same finding signature: prefix cuts, then chunk deletions.</summary>
internal static class Minimizer
{
    /// <summary>The part of a finding that identifies the bug (the detail after " — " varies by input).</summary>
    public static string Signature(string finding) => finding.Split(" — ")[0];

    /// <summary>A smaller input with the same signature, within <paramref name="timeLimit"/>.</summary>
    public static byte[] Minimize(byte[] input, string signature, TimeSpan timeLimit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool Same(byte[] candidate) => Target.Run(candidate).Finding is { } f && Signature(f) == signature;
        var best = input;
        // Shortest failing prefix by bisection (not exact if failing is not monotone in the length, but a good start).
        int lo = 0, hi = best.Length;
        while (lo + 1 < hi && clock.Elapsed < timeLimit)
        {
            var mid = lo + (hi - lo) / 2;
            if (Same(best[..mid])) hi = mid; else lo = mid;
        }
        if (hi < best.Length && Same(best[..hi])) best = best[..hi];
        // Delete chunks, halving the chunk size down to one byte.
        for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1 && clock.Elapsed < timeLimit; chunk /= 2)
        {
            for (var at = 0; at + chunk <= best.Length && clock.Elapsed < timeLimit;)
            {
                byte[] candidate = [.. best.AsSpan(0, at), .. best.AsSpan(at + chunk)];
                if (candidate.Length > 0 && Same(candidate)) best = candidate;
                else at += chunk;
            }
            if (chunk == 1) break;
        }
        return best;
    }
}
