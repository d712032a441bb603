namespace RadiologyNet.Features.Tests;

[Collection("models")]
public sealed class ReportEmbedderTests(ModelsFixture models)
{
    [Fact]
    public void Tokenizer_gives_bert_base_uncased_ids()
    {
        // bert-base-uncased: [CLS]=101 the=1996 lung(s)=… [SEP]=102; "The" lower-cased, punctuation split off.
        var ids = models.Report.Tokenize("The chest is clear.");
        Assert.Equal([101, 1996, 3108, 2003, 3154, 1012, 102], ids);
        // Accents stripped as in HF's uncased tokenizer: "Café" → "cafe" (7668).
        Assert.Equal([101, 7668, 102], models.Report.Tokenize("Café"));
        // WordPiece: a word missing from the vocab becomes a first piece plus "##" continuations.
        var pieces = models.Report.Tokenizer.EncodeToTokens("pneumothorax", out _).Select(t => t.Value).ToArray();
        Assert.True(pieces.Length > 1);
        Assert.All(pieces.Skip(1), p => Assert.StartsWith("##", p, StringComparison.Ordinal));
        Assert.Equal("pneumothorax", string.Concat(pieces.Select(p => p.Replace("##", "", StringComparison.Ordinal))));
    }

    [Fact]
    public void Long_text_is_truncated_to_the_window()
    {
        var text = string.Join(' ', Enumerable.Repeat("lung", 1000));
        var ids = models.Report.Tokenize(text);
        Assert.Equal(256, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        var e = models.Report.Embed(text);
        Assert.Equal(1.0, FeatureFusion.Norm(e), 5);
    }

    [Fact]
    public void Long_text_can_be_chunked_and_averaged()
    {
        using var chunked = new ReportEmbedder(new ReportEmbedderOptions { Sessions = 1, MaxTokens = 8, ChunkLongTexts = true, MaxChunks = 3 });
        var text = "lungs are clear . heart is normal . no effusion . bones intact . impression normal chest";
        var chunks = chunked.TokenizeChunks(text, 3);
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(8, c.Length));
        Assert.All(chunks, c => Assert.Equal((101, 102), (c[0], c[^1])));
        var all = chunked.Tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        Assert.Equal(all.Take(18), chunks.SelectMany(c => c[1..^1]));
        // Embedding = normalised mean of the unit chunk embeddings.
        using var plain = new ReportEmbedder(new ReportEmbedderOptions { Sessions = 1, MaxTokens = 8 });
        var e = chunked.Embed(text);
        Assert.Equal(1.0, FeatureFusion.Norm(e), 5);
        Assert.True(FeatureFusion.Cosine(e, plain.Embed(text)) < 0.9999); // differs from the truncated one
        Assert.Single(chunked.TokenizeChunks("short", 3));
    }

    [Fact]
    public void Embedding_is_384_unit_norm_and_deterministic()
    {
        var r = models.Report;
        Assert.Equal(384, r.Dimension);
        var a = r.Embed("CT of the head without contrast shows no acute intracranial hemorrhage.");
        Assert.Equal(384, a.Length);
        Assert.Equal(1.0, FeatureFusion.Norm(a), 5);
        Assert.Equal(a, r.Embed("CT of the head without contrast shows no acute intracranial hemorrhage."));
    }

    [Fact]
    public void Empty_text_is_the_zero_vector()
    {
        Assert.All(models.Report.Embed(""), v => Assert.Equal(0f, v));
        Assert.All(models.Report.Embed("   \n"), v => Assert.Equal(0f, v));
        Assert.All(models.Report.Embed(null), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Similar_reports_are_closer_than_unrelated_ones()
    {
        var r = models.Report;
        var chest1 = r.Embed("Chest X-ray: the lungs are clear. No pneumothorax or pleural effusion. Heart size is normal.");
        var chest2 = r.Embed("PA and lateral chest radiograph shows clear lungs without effusion; normal cardiac silhouette.");
        var brain = r.Embed("MRI of the brain: no acute infarct, mass or hemorrhage. Ventricles are normal in size.");
        var knee = r.Embed("MRI of the right knee demonstrates a tear of the medial meniscus and a joint effusion.");
        var cChest = FeatureFusion.Cosine(chest1, chest2);
        Assert.True(cChest > FeatureFusion.Cosine(chest1, brain), $"chest-chest {cChest} vs chest-brain");
        Assert.True(cChest > FeatureFusion.Cosine(chest1, knee), $"chest-chest {cChest} vs chest-knee");
        Assert.True(FeatureFusion.Cosine(brain, knee) < cChest);
    }

    [Fact]
    public void Concurrent_calls_match_sequential_ones()
    {
        var texts = Enumerable.Range(0, 8).Select(i => $"Report number {i}: findings of study {i * 17} are unremarkable.").ToArray();
        var seq = texts.Select(t => models.Report.Embed(t)).ToArray();
        var par = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => par[i] = models.Report.Embed(texts[i]));
        for (var i = 0; i < texts.Length; i++) Assert.Equal(seq[i], par[i]);
    }

    [SharedDataFact("data/text/mtsamples_radiology.csv")]
    public void Real_reports_embed_to_unit_vectors()
    {
        using var reader = new StreamReader(SharedData.PathOf("data/text/mtsamples_radiology.csv")!);
        var rows = Csv.Read(reader).Skip(1).Take(5).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var e = models.Report.Embed(row[1]);
            Assert.Equal(1.0, FeatureFusion.Norm(e), 5);
        }
    }
}
