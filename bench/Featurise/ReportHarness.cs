using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using RadiologyNet.Features;

namespace RadiologyNet.Benchmarks.Featurise;

using RadiologyNet.Benchmarks.Harness;

/// <summary>
/// <c>embed-text CSV [--rounds 3] [--sessions 2] [--intra 1] [--limit 0]</c>: <see cref="ReportEmbedder.Embed"/>
/// (BertTokenizer → MiniLM → mean pooling → L2) over the <c>text</c> column against bare ONNX Runtime MiniLM sessions on
/// the same texts pre-tokenised, with the same sessions and intra-op threads, alternating in each round. Prints one JSON
/// line per round and a summary with the medians and the ratio embedder / bare.
/// </summary>
public static class ReportHarness
{
    /// <summary>Runs the verb.</summary>
    public static int Run(string[] args)
    {
        var a = HarnessArgs.Parse(args, 1);
        var rounds = a.Int("--rounds", 3);
        var sessions = a.Int("--sessions", 2);
        var intra = a.Int("--intra", 1);
        var limit = a.Int("--limit", 0);
        using var reader = new StreamReader(a.Positional[0]);
        var rows = Csv.Read(reader).ToList();
        var column = Array.IndexOf(rows[0], "text");
        if (column < 0) throw new FormatException("no 'text' column");
        var texts = rows.Skip(1).Select(r => r[column]).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (limit > 0) texts = texts.Take(limit).ToList();

        using var embedder = new ReportEmbedder(new ReportEmbedderOptions { Sessions = sessions, IntraOpThreads = intra });
        var tokens = texts.Select(embedder.Tokenize).ToArray();
        var inputs = tokens.Select(t => (Ids: Array.ConvertAll(t, x => (long)x), Mask: Enumerable.Repeat(1L, t.Length).ToArray(), Types: new long[t.Length])).ToArray();
        var model = ModelLocator.ReadManifestResource(ModelLocator.Find(ModelLocator.MiniLMAssemblyFile), ModelLocator.MiniLMModelResource);
        var bareSessions = Enumerable.Range(0, sessions).Select(_ =>
        {
            using var o = new SessionOptions { IntraOpNumThreads = intra, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            return new InferenceSession(model, o);
        }).ToArray();
        try
        {
            _ = embedder.Embed(texts[0]);
            var bare = new List<double>();
            var ours = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var clock = Stopwatch.StartNew();
                RunBare(bareSessions, inputs);
                bare.Add(texts.Count / clock.Elapsed.TotalSeconds);
                clock.Restart();
                Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = sessions }, i => embedder.Embed(texts[i]));
                ours.Add(texts.Count / clock.Elapsed.TotalSeconds);
                Console.WriteLine(JsonSerializer.Serialize(new { verb = "embed-text", round = r, bare_texts_per_s = bare[^1], embedder_texts_per_s = ours[^1], ratio = ours[^1] / bare[^1] }));
            }
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "embed-text",
                texts = texts.Count,
                mean_tokens = tokens.Average(t => t.Length),
                sessions,
                intra_op_threads = intra,
                bare_texts_per_s_median = FeaturiseHarness.Median(bare),
                embedder_texts_per_s_median = FeaturiseHarness.Median(ours),
                ratio_median = FeaturiseHarness.Median(bare.Select((b, i) => ours[i] / b).ToList()),
                ratios = bare.Select((b, i) => Math.Round(ours[i] / b, 3)).ToArray(),
            }));
        }
        finally
        {
            foreach (var s in bareSessions) s.Dispose();
        }
        return 0;
    }

    /// <summary>Each session thread takes the next pre-tokenised text: input_ids, attention_mask, token_type_ids → last_hidden_state.</summary>
    private static void RunBare(InferenceSession[] sessions, (long[] Ids, long[] Mask, long[] Types)[] inputs)
    {
        var next = -1;
        Parallel.For(0, sessions.Length, new ParallelOptions { MaxDegreeOfParallelism = sessions.Length }, s =>
        {
            var session = sessions[s];
            using var runOptions = new RunOptions();
            int i;
            while ((i = Interlocked.Increment(ref next)) < inputs.Length)
            {
                var (ids, mask, types) = inputs[i];
                long n = ids.Length;
                using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, n]);
                using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, [1, n]);
                using var typesValue = OrtValue.CreateTensorValueFromMemory(types, [1, n]);
                using var results = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"]);
            }
        });
    }
}
