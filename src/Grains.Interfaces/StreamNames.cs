namespace RadiologyNet.Grains;

/// <summary>Names shared by the producers and consumers of the ingest stream.</summary>
public static class StreamNames
{
    /// <summary>The stream provider that carries ingest events (memory streams embedded, Azure Queue distributed).</summary>
    public const string Provider = "ingest";

    /// <summary>The stream namespace of ingest events; the stream key is the StudyInstanceUID.</summary>
    public const string IngestNamespace = "ingest";
}
