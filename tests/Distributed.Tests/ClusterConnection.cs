using RadiologyNet.Client.Distributed;
using RadiologyNet.Silo;

namespace RadiologyNet.Distributed.Tests;

/// <summary>Connects a client to silo processes that may still be starting.</summary>
internal static class ClusterConnection
{
    /// <summary>Retries for up to three minutes while no gateway answers yet.</summary>
    public static async Task<ClusterClientHost> ConnectWithRetry(StorageOptions storage)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return await ClusterClientHost.ConnectAsync(storage, CancellationToken.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(2000);
            }
        }
    }
}
