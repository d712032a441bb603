using RadiologyNet.Client.Output;

namespace RadiologyNet.Client.Tests;

public sealed class ClusterTableTests
{
    [Fact]
    public void Each_cluster_gets_its_size_dominant_labels_and_purity()
    {
        var rows = ClusterTableRow.Build([1, 0, 1, 1, 0], ["CT", "MR", "CT", "MR", "MR"], ["HEAD", "KNEE", "HEAD", "HEAD", "KNEE"]);
        Assert.Equal([new ClusterTableRow(0, 2, "MR", "KNEE", 1.0), new ClusterTableRow(1, 3, "CT", "HEAD", 2.0 / 3.0)], rows);
    }
}
