using System.Diagnostics;
using RadiologyNet.DicomFuzz;

// dotnet run -c Release --project tools/DicomFuzz -- [--seeds DIR] [--minutes M] [--seed S] [--max-seed-bytes N]
//                                                  [--timeout-seconds T] [--findings DIR]
var options = FuzzOptions.Parse(args);
var seeds = SeedCorpus.Load(options.SeedFolder, options.MaxSeedBytes);
if (seeds.Count == 0)
{
    Console.Error.WriteLine($"no seed files under {options.SeedFolder}");
    return 2;
}
Directory.CreateDirectory(options.Findings);
Console.WriteLine($"seeds: {seeds.Count} files ≤ {options.MaxSeedBytes} bytes from {options.SeedFolder}; seed {options.Seed}; " +
                  $"{options.Duration.TotalMinutes} min; timeout {options.Timeout.TotalSeconds} s; findings in {options.Findings}");

var rng = new Random(options.Seed);
var mutator = new Mutator(rng);
var watchdog = new Watchdog(options.Timeout, options.Findings);
var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
long execs = 0, parsed = 0, decoded = 0;
var clock = Stopwatch.StartNew();
var nextReport = TimeSpan.FromSeconds(60);

// Every seed once unmutated first: the real files themselves must pass.
foreach (var (_, bytes) in seeds) Exec(bytes);
while (clock.Elapsed < options.Duration)
{
    var seed = seeds[rng.Next(seeds.Count)].Bytes;
    Exec(mutator.Mutate(seed, seeds[rng.Next(seeds.Count)].Bytes));
    if (clock.Elapsed > nextReport)
    {
        Report("progress");
        nextReport += TimeSpan.FromSeconds(60);
    }
}
Report("done");
return signatures.Count == 0 ? 0 : 1;

void Exec(byte[] input)
{
    watchdog.Begin(input);
    var outcome = Target.Run(input);
    watchdog.End();
    execs++;
    if (outcome.Parsed) parsed++;
    if (outcome.Decoded) decoded++;
    if (outcome.Finding is not { } finding) return;
    var signature = Minimizer.Signature(finding);
    if (signatures.TryGetValue(signature, out var seen))
    {
        signatures[signature] = seen + 1;
        return;
    }
    signatures[signature] = 1;
    var small = Minimizer.Minimize(input, signature, TimeSpan.FromSeconds(30));
    var name = $"finding-{signatures.Count:D2}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(small))[..12]}";
    File.WriteAllBytes(Path.Combine(options.Findings, name + ".bin"), small);
    File.WriteAllText(Path.Combine(options.Findings, name + ".txt"), $"{finding}\nminimised {input.Length} -> {small.Length} bytes\n");
    Console.WriteLine($"FINDING {name}: {finding} (minimised {input.Length} -> {small.Length} bytes)");
}

void Report(string what) =>
    Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F0} s, {execs} execs ({execs / Math.Max(1, clock.Elapsed.TotalSeconds):F0}/s), " +
                      $"{parsed} parsed, {decoded} decoded, {signatures.Count} distinct findings" +
                      (signatures.Count == 0 ? "" : ": " + string.Join("; ", signatures.Select(s => $"{s.Key} ×{s.Value}"))));
