using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using RadiologyNet.Dicom;

namespace RadiologyNet.Features;

/// <summary>How letterboxed pixels in [0, 1] become the model's input tensor.</summary>
public enum ImageNormalization
{
    /// <summary><see cref="ResNetPackage"/> for the packaged ResNet18, <see cref="ImageNet"/> for any other model.</summary>
    Auto,

    /// <summary>
    /// Exactly ML.NET's ResNetPreprocess.onnx: pixels scaled to 0..255, channels reordered RGB → BGR and a
    /// per-pixel mean image (3 × 224 × 224, about B 103, G 116, R 123) subtracted. The mean image is read from the
    /// package's ResNetPreprocess.onnx at start-up (by running it once on zeros), so the tensor is bit-for-bit what
    /// ML.NET would feed ResNet18.
    /// </summary>
    ResNetPackage,

    /// <summary>RGB, (x − mean) / std with the ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225).</summary>
    ImageNet,

    /// <summary>RGB, values in [0, 1] unchanged.</summary>
    UnitRange,
}

/// <summary>Options of <see cref="ImageEmbedder"/>.</summary>
public sealed class ImageEmbedderOptions
{
    /// <summary>ONNX model file; null = ResNet18 from package Microsoft.ML.DnnImageFeaturizer.ResNet18, found by <see cref="ModelLocator"/>.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Name of the model's image input (NCHW float, batch 1).</summary>
    public string InputName { get; set; } = "Input247";

    /// <summary>Name of the embedding output; its elements after the batch dimension are the embedding.</summary>
    public string OutputName { get; set; } = "Pooling395_Output_0";

    /// <summary>Side of the square model input.</summary>
    public int InputSize { get; set; } = 224;

    /// <summary>Intra-op threads per ONNX session.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Number of pooled sessions = how many images are inferred concurrently.</summary>
    public int Sessions { get; set; } = 2;

    /// <summary>Input normalisation; <see cref="ImageNormalization.Auto"/> picks the right one for the packaged model.</summary>
    public ImageNormalization Normalization { get; set; } = ImageNormalization.Auto;

    /// <summary>ML.NET preprocessing graph used for <see cref="ImageNormalization.ResNetPackage"/>; null = the packaged ResNetPreprocess.onnx.</summary>
    public string? PreprocessModelPath { get; set; }

    internal void Validate()
    {
        if (InputSize is < 8 or > 4096) throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "must be 8..4096");
        if (IntraOpThreads < 1) throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "must be >= 1");
        if (Sessions is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(Sessions), Sessions, "must be 1..64");
        if (string.IsNullOrWhiteSpace(InputName)) throw new ArgumentException("InputName is required");
        if (string.IsNullOrWhiteSpace(OutputName)) throw new ArgumentException("OutputName is required");
    }
}

/// <summary>
/// Image embedding with an ONNX CNN (default: ResNet18, 512-d). Thread-safe: a pool of
/// <see cref="ImageEmbedderOptions.Sessions"/> sessions, each with pinned input/output buffers; callers beyond
/// that wait. Meant to be a per-process singleton. Output is the raw embedding (not normalised).
/// Preprocessing: <see cref="ImagePreprocessor.Letterbox(FloatImage,int,Span{float})"/>, grey replicated to
/// three channels, then <see cref="ImageNormalization"/>.
/// </summary>
public sealed class ImageEmbedder : IDisposable
{
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    private readonly SessionPool<Worker> _pool;
    private readonly int _size;
    private readonly ImageNormalization _normalization;
    private readonly float[]? _meanImage; // BGR planes, ResNetPackage only

    public ImageEmbedder(ImageEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _size = options.InputSize;
        var modelPath = options.ModelPath ?? ModelLocator.Find(ModelLocator.ResNet18File);
        _normalization = options.Normalization != ImageNormalization.Auto ? options.Normalization
            : options.ModelPath is null ? ImageNormalization.ResNetPackage : ImageNormalization.ImageNet;
        if (_normalization == ImageNormalization.ResNetPackage)
            _meanImage = LoadMeanImage(options.PreprocessModelPath ?? ModelLocator.Find(ModelLocator.ResNetPreprocessFile), _size);

        var modelBytes = File.ReadAllBytes(modelPath);
        _pool = SessionPool<Worker>.Create(options.Sessions, () => new Worker(modelBytes, options));
        Dimension = _pool.First.OutputLength;
        ModelPath = modelPath;
    }

    /// <summary>Length of the embedding (512 for ResNet18).</summary>
    public int Dimension { get; }

    /// <summary>The model file in use.</summary>
    public string ModelPath { get; }

    /// <summary>Pooled ONNX sessions = how many inferences run at once.</summary>
    public int Sessions => _pool.Size;

    /// <summary>The normalisation in use (never Auto).</summary>
    public ImageNormalization Normalization => _normalization;

    /// <summary>Embeds one image (1 or 3 channels, values in [0, 1]). Thread-safe. Non-finite pixels are an <see cref="ArgumentException"/>.</summary>
    public float[] Embed(FloatImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var length = InputLength;
        var tensor = ArrayPool<float>.Shared.Rent(length);
        try
        {
            BuildInput(image, tensor.AsSpan(0, length));
            return Infer(tensor.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tensor);
        }
    }

    /// <summary>Length of the model input tensor: 3 × InputSize × InputSize floats.</summary>
    public int InputLength => 3 * _size * _size;

    /// <summary>
    /// Runs the model on a tensor written by <see cref="BuildInput"/> (<see cref="InputLength"/> floats) and returns
    /// the raw embedding. Thread-safe; waits for a free pooled session. <see cref="Embed"/> = BuildInput + Infer.
    /// </summary>
    public float[] Infer(ReadOnlyMemory<float> tensor)
    {
        if (tensor.Length != InputLength) throw new ArgumentException($"tensor must hold {InputLength} floats", nameof(tensor));
        return _pool.Use(w => w.Run(tensor.Span));
    }

    /// <summary>
    /// Writes the model input tensor [3, size, size] for <paramref name="image"/> (letterbox, channels, normalisation).
    /// Non-finite pixels are an <see cref="ArgumentException"/>.
    /// </summary>
    public void BuildInput(FloatImage image, Span<float> tensor)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var v in image.Data)
            if (!float.IsFinite(v)) throw new ArgumentException("image contains non-finite pixel values", nameof(image));
        var plane = _size * _size;
        if (tensor.Length != 3 * plane) throw new ArgumentException($"tensor must hold {3 * plane} floats");
        var boxed = ArrayPool<float>.Shared.Rent(image.Channels * plane);
        try
        {
            ImagePreprocessor.Letterbox(image, _size, boxed);
            for (var c = 0; c < 3; c++)
            {
                // Model channel c takes source plane: grey → 0; RGB → c, or 2 − c when the model wants BGR.
                var srcPlane = image.Channels == 1 ? 0 : _normalization == ImageNormalization.ResNetPackage ? 2 - c : c;
                var src = boxed.AsSpan(srcPlane * plane, plane);
                var dst = tensor.Slice(c * plane, plane);
                switch (_normalization)
                {
                    case ImageNormalization.ResNetPackage:
                        var mean = _meanImage.AsSpan(c * plane, plane);
                        for (var i = 0; i < plane; i++) dst[i] = src[i] * 255f - mean[i];
                        break;
                    case ImageNormalization.ImageNet:
                        var m = ImageNetMean[c];
                        var inv = 1f / ImageNetStd[c];
                        for (var i = 0; i < plane; i++) dst[i] = (src[i] - m) * inv;
                        break;
                    default:
                        src.CopyTo(dst);
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(boxed);
        }
    }

    public void Dispose() => _pool.Dispose();

    /// <summary>
    /// Reads ML.NET's mean image by running ResNetPreprocess.onnx on an all-zero input: its graph is
    /// Split(RGB) → Concat(BGR) → Sub(MeanImage), so the output is −MeanImage in BGR order.
    /// </summary>
    internal static float[] LoadMeanImage(string preprocessPath, int size)
    {
        using var session = new InferenceSession(preprocessPath);
        var input = session.InputMetadata.Single();
        var dims = input.Value.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] != size || dims[3] != size)
            throw new ArgumentException($"{preprocessPath} expects [{string.Join(",", dims)}], not [1,3,{size},{size}]; use another Normalization for this input size");
        var zeros = new float[3 * size * size];
        using var value = OrtValue.CreateTensorValueFromMemory(zeros, [1, 3, size, size]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, new Dictionary<string, OrtValue> { [input.Key] = value }, session.OutputNames);
        var output = results[0].GetTensorDataAsSpan<float>();
        var mean = new float[output.Length];
        for (var i = 0; i < mean.Length; i++) mean[i] = -output[i];
        return mean;
    }

    private sealed class Worker : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly RunOptions _runOptions = new();
        private readonly float[] _input;
        private readonly float[] _output;
        private readonly OrtValue _inputValue;
        private readonly OrtValue _outputValue;
        private readonly string[] _inputNames;
        private readonly string[] _outputNames;

        public Worker(byte[] model, ImageEmbedderOptions options)
        {
            _session = OrtSessions.Create(model, options.IntraOpThreads);
            try
            {
                if (!_session.InputMetadata.TryGetValue(options.InputName, out var inMeta))
                    throw new ArgumentException($"model has no input '{options.InputName}'; inputs: {string.Join(", ", _session.InputMetadata.Keys)}");
                if (!_session.OutputMetadata.TryGetValue(options.OutputName, out var outMeta))
                    throw new ArgumentException($"model has no output '{options.OutputName}'; outputs: {string.Join(", ", _session.OutputMetadata.Keys)}");
                var d = inMeta.Dimensions;
                if (d.Length != 4 || (d[1] > 0 && d[1] != 3) || (d[2] > 0 && d[2] != options.InputSize) || (d[3] > 0 && d[3] != options.InputSize))
                    throw new ArgumentException($"input '{options.InputName}' is [{string.Join(",", d)}], expected [1,3,{options.InputSize},{options.InputSize}]");
                var od = outMeta.Dimensions;
                long length = 1;
                for (var i = 1; i < od.Length; i++)
                {
                    if (od[i] <= 0) throw new ArgumentException($"output '{options.OutputName}' has a dynamic dimension [{string.Join(",", od)}]");
                    length *= od[i];
                }
                OutputLength = checked((int)length);
                var outShape = od.Select(x => (long)x).ToArray();
                outShape[0] = 1;
                _input = new float[3 * options.InputSize * options.InputSize];
                _output = new float[OutputLength];
                _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, 3, options.InputSize, options.InputSize]);
                _outputValue = OrtValue.CreateTensorValueFromMemory(_output, outShape);
                _inputNames = [options.InputName];
                _outputNames = [options.OutputName];
            }
            catch
            {
                _session.Dispose();
                _runOptions.Dispose();
                throw;
            }
        }

        public int OutputLength { get; }

        public float[] Run(ReadOnlySpan<float> tensor)
        {
            tensor.CopyTo(_input);
            _session.Run(_runOptions, _inputNames, [_inputValue], _outputNames, [_outputValue]);
            return (float[])_output.Clone();
        }

        public void Dispose()
        {
            _inputValue.Dispose();
            _outputValue.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
