using Microsoft.ML.OnnxRuntime;
using RadiologyNet.Dicom;

namespace RadiologyNet.Features.Tests;

[Collection("models")]
public sealed class ImageEmbedderTests(ModelsFixture models)
{
    internal static FloatImage Phantom(int width, int height, int seed)
    {
        var rng = new Random(seed);
        var data = new float[width * height];
        double cx = width * (0.3 + 0.4 * rng.NextDouble()), cy = height * (0.3 + 0.4 * rng.NextDouble());
        var r = Math.Min(width, height) * (0.2 + 0.2 * rng.NextDouble());
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
            data[y * width + x] = (float)Math.Clamp((d < r ? 0.8 : 0.1) + 0.05 * rng.NextDouble() + (seed % 2 == 0 ? x : y) / (4.0 * width), 0, 1);
        }
        return new FloatImage(width, height, 1, data);
    }

    [Fact]
    public void Embedding_is_512_finite_deterministic_and_image_dependent()
    {
        var embedder = models.Image;
        Assert.Equal(512, embedder.Dimension);
        var a = embedder.Embed(Phantom(300, 200, 1));
        var a2 = embedder.Embed(Phantom(300, 200, 1));
        var b = embedder.Embed(Phantom(128, 256, 2));
        Assert.Equal(512, a.Length);
        Assert.All(a, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(a, a2);
        Assert.True(FeatureFusion.Norm(a) > 0);
        var diff = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(diff > 1e-3, $"different images gave (nearly) the same embedding, max diff {diff}");
        Assert.True(FeatureFusion.Cosine(a, b) < 0.9999);
    }

    [Fact]
    public void Concurrent_calls_give_the_same_result_as_sequential_ones()
    {
        var images = Enumerable.Range(0, 8).Select(i => Phantom(64 + i * 7, 80, i)).ToArray();
        var sequential = images.Select(models.Image.Embed).ToArray();
        var parallel = new float[images.Length][];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = models.Image.Embed(images[i]));
        for (var i = 0; i < images.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void Input_tensor_equals_mlnet_preprocessing_graph_on_the_same_pixels()
    {
        // Colour image: our C# normalisation must equal ResNetPreprocess.onnx fed 0..255 RGB planes.
        var rng = new Random(7);
        var rgb = new float[224 * 224 * 3];
        for (var i = 0; i < rgb.Length; i++) rgb[i] = (float)rng.NextDouble();
        var image = new FloatImage(224, 224, 3, rgb);
        var ours = new float[3 * 224 * 224];
        models.Image.BuildInput(image, ours);

        var planes = new float[3 * 224 * 224];
        for (var p = 0; p < 224 * 224; p++)
        for (var c = 0; c < 3; c++)
            planes[c * 224 * 224 + p] = rgb[p * 3 + c] * 255f;
        using var session = new InferenceSession(ModelLocator.Find(ModelLocator.ResNetPreprocessFile));
        using var value = OrtValue.CreateTensorValueFromMemory(planes, [1, 3, 224, 224]);
        using var ro = new RunOptions();
        using var results = session.Run(ro, new Dictionary<string, OrtValue> { ["OriginalInput"] = value }, session.OutputNames);
        var reference = results[0].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(reference.Length, ours.Length);
        for (var i = 0; i < ours.Length; i++) Assert.Equal(reference[i], ours[i]);
    }

    [Fact]
    public void Grey_image_is_replicated_to_three_channels_minus_the_mean_image()
    {
        var image = new FloatImage(224, 224, 1, Enumerable.Repeat(0.5f, 224 * 224).ToArray());
        var tensor = new float[3 * 224 * 224];
        models.Image.BuildInput(image, tensor);
        var mean = ImageEmbedder.LoadMeanImage(ModelLocator.Find(ModelLocator.ResNetPreprocessFile), 224);
        for (var i = 0; i < tensor.Length; i++) Assert.Equal(127.5f - mean[i], tensor[i]);
        // BGR: channel 0 is blue (mean ≈ 103.1), channel 2 red (mean ≈ 123.2), from the ML.NET graph.
        Assert.InRange(mean.Take(224 * 224).Average(), 100, 106);
        Assert.InRange(mean.Skip(2 * 224 * 224).Average(), 121, 126);
    }

    [Fact]
    public void Model_is_found_in_the_output_models_folder()
    {
        var path = ModelLocator.Find(ModelLocator.ResNet18File);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "ResNet18.onnx"), path);
        Assert.Equal(path, models.Image.ModelPath);
    }

    [Fact]
    public void Non_finite_pixels_are_rejected()
    {
        var data = new float[16];
        data[5] = float.NaN;
        Assert.Throws<ArgumentException>(() => models.Image.Embed(new FloatImage(4, 4, 1, data)));
    }

    [Fact]
    public void Wrong_input_name_is_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ImageEmbedder(new ImageEmbedderOptions { InputName = "nope", Sessions = 1 }));
        Assert.Contains("Input247", ex.Message);
    }
}
