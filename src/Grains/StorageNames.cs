namespace RadiologyNet.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain state (memory embedded, Azure Blob/Table distributed).</summary>
    public const string Grains = "radnet";

    /// <summary>Stream pub-sub state.</summary>
    public const string PubSub = "PubSubStore";
}
