if (RadiologyNet.Benchmarks.Harness.HarnessVerbs.TryRun(args, out int code)) return code; // side-by-side harness verbs (assign, kmeans, ...)
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args); return 0; public partial class Program { }
