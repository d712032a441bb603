namespace RadiologyNet.Grains.Tests.Segments;

/// <summary>A fresh folder under the system's temporary folder, deleted on dispose.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"radnet-test-{Guid.NewGuid():N}");

    public ScratchFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
