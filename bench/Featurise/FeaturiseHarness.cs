using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using RadiologyNet.Dicom;
using RadiologyNet.Features;
using RadiologyNet.Features.Images;
using RadiologyNet.Grains;
using RadiologyNet.Grains.Featurisation;
using RadiologyNet.Silo;

namespace RadiologyNet.Benchmarks.Featurise;

using RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>featurise FOLDER [--rounds 3] [--sessions 2] [--intra 1] [--decode-workers 0] [--queue 4]</c>: the silo's
/// featurisation service end to end (read bytes → decode → preprocess → infer → metadata → fuse, through its bounded
/// pipeline) against bare ONNX Runtime ResNet18 sessions on pre-made input tensors with the same sessions and intra-op
/// threads, alternating in each round. Prints one JSON line per round, then a summary line with the medians, the
/// ratio pipeline / bare, a single-threaded per-stage breakdown and the peak resident memory of each pass (VmHWM,
/// reset through /proc/self/clear_refs before the pass).
/// </summary>
public static class FeaturiseHarness
{
    /// <summary>Runs the verb.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 1);
        var folder = Path.GetFullPath(a.Positional[0]);
        var rounds = a.Int("--rounds", 3);
        var sessions = a.Int("--sessions", 2);
        var intra = a.Int("--intra", 1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:Folder"] = folder,
            ["ImageModel:Sessions"] = sessions.ToString(CultureInfo.InvariantCulture),
            ["ImageModel:IntraOpThreads"] = intra.ToString(CultureInfo.InvariantCulture),
            ["Featurisation:DecodeWorkers"] = a.Int("--decode-workers", 0).ToString(CultureInfo.InvariantCulture),
            ["Featurisation:QueueCapacity"] = a.Int("--queue", 4).ToString(CultureInfo.InvariantCulture),
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddRadiologyNetFeatures(configuration).BuildServiceProvider();
        var featurizer = services.GetRequiredService<InstanceFeaturizer>();
        var image = services.GetRequiredService<ImageEmbedder>();

        // Warm-up pass over every DICOM file: keeps those that featurise (the timed passes then time only real work).
        var candidates = Scan(folder);
        var outcomes = Task.WhenAll(candidates.Select(async c =>
        {
            try { await featurizer.ExtractAsync(c, null); return true; }
            catch (QuarantineException) { return false; }
        })).GetAwaiter().GetResult();
        var instances = candidates.Where((_, i) => outcomes[i]).ToList();
        if (instances.Count == 0) throw new InvalidOperationException("nothing featurisable under " + folder);
        var tensors = instances.Take(64).Select(i => Tensor(folder, i, image)).ToArray();
        var modelPath = image.ModelPath;
        var inputName = new ImageEmbedderOptions().InputName;

        var bare = new List<double>();
        var pipeline = new List<double>();
        long bareHwm = 0, pipelineHwm = 0, allocated = 0;
        using (var bareSessions = new BareSessions(File.ReadAllBytes(modelPath), inputName, sessions, intra))
        {
            for (var r = 0; r < rounds; r++)
            {
                ResetPeak();
                var clock = Stopwatch.StartNew();
                bareSessions.Run(tensors, instances.Count);
                bare.Add(instances.Count / clock.Elapsed.TotalSeconds);
                bareHwm = Math.Max(bareHwm, PeakBytes());

                ResetPeak();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                clock.Restart();
                Task.WhenAll(instances.Select(i => featurizer.ExtractAsync(i, null))).GetAwaiter().GetResult();
                pipeline.Add(instances.Count / clock.Elapsed.TotalSeconds);
                allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / instances.Count;
                pipelineHwm = Math.Max(pipelineHwm, PeakBytes());
                Console.WriteLine(JsonSerializer.Serialize(new { verb = "featurise", round = r, bare_images_per_s = bare[^1], pipeline_images_per_s = pipeline[^1], ratio = pipeline[^1] / bare[^1] }));
            }
        }

        var stages = StageBreakdown(folder, instances, image, services, out var slowest);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            verb = "featurise",
            folder,
            images = instances.Count,
            quarantined = candidates.Count - instances.Count,
            sessions,
            intra_op_threads = intra,
            decode_workers = featurizer.DecodeWorkers,
            inference_workers = featurizer.InferenceWorkers,
            cores = Environment.ProcessorCount,
            bare_images_per_s_median = Median(bare),
            pipeline_images_per_s_median = Median(pipeline),
            ratio_median = Median(bare.Select((b, i) => pipeline[i] / b).ToList()),
            ratios = bare.Select((b, i) => Math.Round(pipeline[i] / b, 3)).ToArray(),
            stage_ms_per_image = stages,
            slowest_decodes_ms = slowest,
            peak_rss_mb_bare = bareHwm / 1048576.0,
            peak_rss_mb_pipeline = pipelineHwm / 1048576.0,
            pipeline_allocated_kb_per_image = allocated / 1024.0,
        }));
        return 0;
    }

    private static List<InstanceArrived> Scan(string folder)
    {
        var result = new List<InstanceArrived>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".md", StringComparison.Ordinal) || path.EndsWith(".csv", StringComparison.Ordinal)) continue;
            try
            {
                var ds = DicomReader.Read(File.ReadAllBytes(path)).Dataset;
                var (study, series, sop) = (ds.GetString(DicomTags.StudyInstanceUID), ds.GetString(DicomTags.SeriesInstanceUID), ds.GetString(DicomTags.SOPInstanceUID));
                if (study is null || series is null || sop is null) continue;
                result.Add(new InstanceArrived(study, series, sop, Path.GetRelativePath(folder, path)));
            }
            catch (DicomFormatException)
            {
            }
        }
        return result;
    }

    private static float[] Tensor(string folder, InstanceArrived instance, ImageEmbedder image)
    {
        var file = DicomReader.Read(File.ReadAllBytes(Path.Combine(folder, instance.Source)));
        var tensor = new float[image.InputLength];
        image.BuildInput(PixelPipeline.Render(file.Dataset, file.TransferSyntaxUid), tensor);
        return tensor;
    }

    /// <summary>One thread, every stage timed separately: ms per image.</summary>
    private static Dictionary<string, double> StageBreakdown(string folder, List<InstanceArrived> instances, ImageEmbedder image, IServiceProvider services,
        out Dictionary<string, double> slowestDecodes)
    {
        var decodes = new List<(string File, double Ms)>();
        var metadata = services.GetRequiredService<MetadataVectorizer>();
        var drop = new ImageDropRuleOptions();
        var report = new float[services.GetRequiredService<ReportEmbedder>().Dimension];
        var ticks = new long[6];
        var tensor = new float[image.InputLength];
        foreach (var instance in instances)
        {
            var t0 = Stopwatch.GetTimestamp();
            var bytes = File.ReadAllBytes(Path.Combine(folder, instance.Source));
            var t1 = Stopwatch.GetTimestamp();
            var file = DicomReader.Read(bytes);
            var (rendered, storedMin, storedMax) = PixelPipeline.RenderWithStoredRange(file.Dataset, file.TransferSyntaxUid);
            _ = ImageDropRules.Check(storedMin, storedMax, rendered, drop);
            var t2 = Stopwatch.GetTimestamp();
            image.BuildInput(rendered, tensor);
            var t3 = Stopwatch.GetTimestamp();
            var embedding = image.Infer(tensor);
            var t4 = Stopwatch.GetTimestamp();
            var meta = metadata.Vectorize(file.Dataset);
            var t5 = Stopwatch.GetTimestamp();
            _ = FeatureFusion.Fuse(embedding, meta, report, FusionWeights.Equal);
            var t6 = Stopwatch.GetTimestamp();
            decodes.Add((instance.Source, (t2 - t1) * 1000.0 / Stopwatch.Frequency));
            ticks[0] += t1 - t0; ticks[1] += t2 - t1; ticks[2] += t3 - t2; ticks[3] += t4 - t3; ticks[4] += t5 - t4; ticks[5] += t6 - t5;
        }
        slowestDecodes = decodes.OrderByDescending(d => d.Ms).Take(5).ToDictionary(d => d.File, d => Math.Round(d.Ms, 1));
        string[] names = ["read", "decode", "preprocess", "infer", "metadata", "fuse"];
        return names.Select((n, i) => (n, ms: ticks[i] * 1000.0 / Stopwatch.Frequency / instances.Count))
            .ToDictionary(x => x.n, x => Math.Round(x.ms, 3));
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    internal static long PeakBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>Bare ResNet18 sessions: pre-made tensors, pinned input/output, one thread per session.</summary>
    private sealed class BareSessions : IDisposable
    {
        private readonly InferenceSession[] _sessions;
        private readonly string _input;
        private readonly string _output;

        public BareSessions(byte[] model, string input, int count, int intra)
        {
            _input = input;
            _sessions = Enumerable.Range(0, count).Select(_ =>
            {
                using var o = new SessionOptions { IntraOpNumThreads = intra, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
                return new InferenceSession(model, o);
            }).ToArray();
            _output = new ImageEmbedderOptions().OutputName;
        }

        /// <summary>Runs <paramref name="total"/> inferences spread over the sessions, cycling through the tensors.</summary>
        public void Run(float[][] tensors, int total)
        {
            var next = -1;
            Parallel.For(0, _sessions.Length, new ParallelOptions { MaxDegreeOfParallelism = _sessions.Length }, s =>
            {
                var session = _sessions[s];
                var input = new float[tensors[0].Length];
                var output = new float[512];
                using var inValue = OrtValue.CreateTensorValueFromMemory(input, [1, 3, 224, 224]);
                using var outValue = OrtValue.CreateTensorValueFromMemory(output, [1, 512, 1, 1]);
                using var runOptions = new RunOptions();
                string[] inNames = [_input], outNames = [_output];
                int i;
                while ((i = Interlocked.Increment(ref next)) < total)
                {
                    tensors[i % tensors.Length].CopyTo(input, 0);
                    session.Run(runOptions, inNames, [inValue], outNames, [outValue]);
                }
            });
        }

        public void Dispose()
        {
            foreach (var s in _sessions) s.Dispose();
        }
    }
}
