using RadiologyNet.Client.Output;

namespace RadiologyNet.Client.Distributed.Ingest;

/// <summary>
/// The files an ingest run refuses, as they come: counted, the first <see cref="MaxExamples"/> kept as examples for the
/// console, and each written to an optional CSV (<c>path,reason</c>, archive-relative paths), so memory does not grow
/// with the number refused. Thread-safe.
/// </summary>
public sealed class RejectedFiles
{
    /// <summary>How many rejected files are kept as examples.</summary>
    public const int MaxExamples = 20;

    private readonly TextWriter? _csv;
    private readonly List<KeyValuePair<string, string>> _examples = [];
    private readonly Lock _gate = new();

    /// <summary>Starts the record; <paramref name="csv"/> (may be null) gets a header now and one row per rejected file.</summary>
    public RejectedFiles(TextWriter? csv)
    {
        _csv = csv;
        _csv?.Write("path,reason\n");
    }

    /// <summary>Files rejected so far.</summary>
    public int Count { get; private set; }

    /// <summary>The first rejected files, with their reasons.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Examples
    {
        get
        {
            lock (_gate) return _examples.ToList();
        }
    }

    /// <summary>Records one rejected file.</summary>
    public void Add(string relativePath, string reason)
    {
        lock (_gate)
        {
            Count++;
            if (_examples.Count < MaxExamples) _examples.Add(new(relativePath, reason));
            _csv?.Write($"{CsvWriter.Field(relativePath)},{CsvWriter.Field(reason)}\n");
        }
    }
}
