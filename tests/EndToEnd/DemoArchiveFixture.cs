using RadiologyNet.TestSupport;

namespace RadiologyNet.EndToEnd;

/// <summary>One real <c>radnet demo</c> run (120 synthetic images, k = 10) whose results folder the console tests query.</summary>
public sealed class DemoArchiveFixture : IAsyncLifetime
{
    /// <summary>The demo's --out folder (archive and results).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "radnet-console-" + Guid.NewGuid().ToString("N"));

    /// <summary>The demo run's output.</summary>
    public RadnetProcess.Outcome Demo { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync() =>
        Demo = await RadnetProcess.RunAsync(TimeSpan.FromMinutes(5), "demo", "--images", "120", "--clusters", "10", "--out", Folder);

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
