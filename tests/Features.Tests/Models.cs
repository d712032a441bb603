namespace RadiologyNet.Features.Tests;

/// <summary>One ImageEmbedder and one ReportEmbedder for the whole test run (sessions are expensive).</summary>
public sealed class ModelsFixture : IDisposable
{
    private readonly Lazy<ImageEmbedder> _image = new(() => new ImageEmbedder(new ImageEmbedderOptions()));
    private readonly Lazy<ReportEmbedder> _report = new(() => new ReportEmbedder(new ReportEmbedderOptions()));

    public ImageEmbedder Image => _image.Value;
    public ReportEmbedder Report => _report.Value;

    public void Dispose()
    {
        if (_image.IsValueCreated) _image.Value.Dispose();
        if (_report.IsValueCreated) _report.Value.Dispose();
    }
}

[CollectionDefinition("models")]
public sealed class ModelsCollection : ICollectionFixture<ModelsFixture>;
