namespace RadiologyNet.Silo;

/// <summary>Where the silo reads instance bytes from in folder mode.</summary>
public sealed class ArchiveOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Archive";

    /// <summary>The archive folder; ingest events name files relative to it.</summary>
    public string Folder { get; set; } = ".";
}
