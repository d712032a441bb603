using RadiologyNet.Benchmarks.Featurise;

// radnet-bench-featurise featurise FOLDER [...] | embed-text CSV [...]: see FeaturiseHarness and ReportHarness.
return args.Length > 0 && args[0] == "featurise" ? FeaturiseHarness.Run(args[1..])
    : args.Length > 0 && args[0] == "embed-text" ? ReportHarness.Run(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: radnet-bench-featurise featurise FOLDER [--rounds 3] [--sessions 2] [--intra 1] [--decode-workers 0] [--queue 4]");
    Console.Error.WriteLine("       radnet-bench-featurise embed-text CSV [--rounds 3] [--sessions 2] [--intra 1] [--limit 0]");
    return 2;
}
