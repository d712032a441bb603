using System.Collections.Concurrent;
using RadiologyNet.Client.Output;
using RadiologyNet.Client.Results;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Review;

/// <summary>
/// The thumbnails of one report: collects which instances are wanted at which size, renders them in parallel into
/// <c>thumbs/</c>, and gives each page the <c>&lt;img&gt;</c> or, when rendering failed, an inline placeholder SVG
/// whose title says why (archive paths in it as <paramref name="paths"/> says). File names are the instance's index in
/// the archive, never UIDs or patient data.
/// </summary>
internal sealed class ThumbnailSet(ArchiveResults results, string outDir, PathMode paths)
{
    public const string Folder = "thumbs";

    private readonly Dictionary<InstanceResult, int> _index = IndexByReference(results.Instances);
    private readonly HashSet<(int Index, int Size)> _wanted = [];
    private readonly ConcurrentDictionary<(int Index, int Size), string> _failures = new();

    public int Written { get; private set; }

    public IReadOnlyList<ThumbnailFailure> Failures =>
        _failures.OrderBy(f => f.Key.Index).ThenBy(f => f.Key.Size)
            .Select(f => new ThumbnailFailure(results.Instances[f.Key.Index].SopInstanceUid, ArchivePaths.Disclose(results.Instances[f.Key.Index].File, paths), f.Value)).ToList();

    public void Want(InstanceResult instance, int size) => _wanted.Add((_index[instance], size));

    public void RenderAll(int parallelism)
    {
        Directory.CreateDirectory(Path.Combine(outDir, Folder));
        var written = 0;
        Parallel.ForEach(_wanted.OrderBy(w => w.Index), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, want =>
        {
            var instance = results.Instances[want.Index];
            var path = results.LocalPath(instance);
            if (instance.File.Length == 0)
            {
                _failures[want] = "its archive path was not kept (--paths none)";
                return;
            }
            if (path is null)
            {
                _failures[want] = "the archive is not on this machine (files in blob storage)";
                return;
            }
            try
            {
                File.WriteAllBytes(Path.Combine(outDir, RelativePath(want)), ThumbnailRenderer.RenderPng(path, want.Size));
                Interlocked.Increment(ref written);
            }
            catch (Exception e) when (e is not OutOfMemoryException) // one unreadable file must not stop the report
            {
                _failures[want] = e switch
                {
                    FileNotFoundException or DirectoryNotFoundException => $"file not found: {ArchivePaths.Disclose(instance.File, paths)}",
                    IOException or UnauthorizedAccessException when paths != PathMode.Relative => $"{e.GetType().Name} reading the file", // its message names the path
                    DicomFormatException or IOException or UnauthorizedAccessException => e.Message,
                    _ => $"{e.GetType().Name}: {e.Message}",
                };
            }
        });
        Written = written;
    }

    /// <summary>An <c>&lt;img&gt;</c> of the instance (or its placeholder) with <paramref name="caption"/> as its tooltip.</summary>
    public string Html(InstanceResult instance, int size, string caption, string cssClass = "thumb")
    {
        var key = (_index[instance], size);
        if (!_wanted.Contains(key)) throw new InvalidOperationException($"thumbnail of {instance.File} at {size} px was not planned");
        if (_failures.TryGetValue(key, out var reason))
            return $"<svg class=\"{cssClass} missing\" viewBox=\"0 0 100 100\" role=\"img\" aria-label=\"image not rendered\">"
                + $"<title>{HtmlText.Escape(caption)} — not rendered: {HtmlText.Escape(reason)}</title>"
                + "<rect width=\"100\" height=\"100\" fill=\"#2b2b2b\"/><path d=\"M30 30 L70 70 M70 30 L30 70\" stroke=\"#9a9a9a\" stroke-width=\"4\"/>"
                + "<text x=\"50\" y=\"90\" text-anchor=\"middle\" font-size=\"11\" fill=\"#d0d0d0\">not rendered</text></svg>";
        return $"<img class=\"{cssClass}\" src=\"{HtmlText.Escape(RelativePath(key).Replace('\\', '/'))}\" width=\"{size}\" height=\"{size}\" alt=\"{HtmlText.Escape(caption)}\" title=\"{HtmlText.Escape(caption)}\">";
    }

    private static Dictionary<InstanceResult, int> IndexByReference(IReadOnlyList<InstanceResult> instances)
    {
        var index = new Dictionary<InstanceResult, int>(instances.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < instances.Count; i++) index.TryAdd(instances[i], i);
        return index;
    }

    private static string RelativePath((int Index, int Size) key) => Path.Combine(Folder, $"i{key.Index:D6}-{key.Size}.png");
}
