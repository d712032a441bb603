using System.CommandLine;
using RadiologyNet.Client.Commands;
using RadiologyNet.Client.Demo;
using RadiologyNet.Client.Output;
using RadiologyNet.Clustering.Npy;

namespace RadiologyNet.Client.Tests;

public sealed class EmbeddingExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("radnet-embed-").FullName;

    [Fact]
    public async Task Writes_one_row_per_image_in_every_matrix_in_ids_order()
    {
        var manifest = DemoArchive.Synthesize(Path.Combine(_dir, "archive"), new DemoOptions(Images: 24, Seed: 5));
        File.WriteAllText(Path.Combine(manifest.Folder, "broken.dcm"), "not DICOM");
        var outDir = Path.Combine(_dir, "out");

        // Through the command line, as a user runs it.
        var exit = await new RootCommand { EmbedCommand.Create() }
            .Parse(["embed", manifest.Folder, "--reports", manifest.ReportsCsv, "--out", outDir]).InvokeAsync();
        Assert.Equal(0, exit);

        var image = NpyReader.ReadMatrix(Path.Combine(outDir, "image.npy"), out var n, out var imageDim);
        Assert.Equal((24, 512), (n, imageDim));
        NpyReader.ReadMatrix(Path.Combine(outDir, "metadata.npy"), out n, out var metadataDim);
        Assert.Equal(24, n);
        var report = NpyReader.ReadMatrix(Path.Combine(outDir, "report.npy"), out n, out var reportDim);
        Assert.Equal((24, 384), (n, reportDim));
        var fused = NpyReader.ReadMatrix(Path.Combine(outDir, "fused.npy"), out n, out var fusedDim);
        Assert.Equal((24, 512 + metadataDim + 384), (n, fusedDim));

        var ids = CsvTable.Read(Path.Combine(outDir, "ids.csv"));
        Assert.Equal(24, ids.Rows.Count);
        var truth = CsvTable.Read(manifest.TruthCsv);
        Assert.Equal(truth.Rows.Select(r => r[truth.IndexOf("sop_instance_uid")]).Order(), ids.Rows.Select(r => r[ids.IndexOf("sop_instance_uid")]).Order());
        for (var row = 0; row < 24; row++)
        {
            var hasReport = ids.Rows[row][ids.IndexOf("has_report")] == "1";
            var reportRow = report.AsSpan(row * 384, 384);
            Assert.Equal(hasReport, reportRow.ContainsAnyExcept(0f));
            Assert.True(image.AsSpan(row * 512, 512).ContainsAnyExcept(0f));
            Assert.Equal(fused[row * fusedDim], image[row * 512] * FusedScale(fused, image, row, fusedDim), 4);
        }
        var quarantined = CsvTable.Read(Path.Combine(outDir, "quarantined.csv"));
        Assert.Equal("broken.dcm", Assert.Single(quarantined.Rows)[0]);
    }

    // The fused image block is the raw embedding scaled by one factor (1/norm × weight × reweighting).
    private static float FusedScale(float[] fused, float[] image, int row, int fusedDim)
    {
        var j = Enumerable.Range(0, 512).First(k => Math.Abs(image[row * 512 + k]) > 1e-3);
        return fused[row * fusedDim + j] / image[row * 512 + j];
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
