using System.Runtime;

namespace RadiologyNet.Dicom;

/// <summary>
/// Running out of memory while one file is read or decoded rejects that file, never the run: the file's buffers are
/// garbage once the allocation failed, so they are collected (the large object heap compacted) and the failure becomes
/// a <see cref="DicomFormatException"/> with <see cref="Reason"/>.
/// </summary>
public static class DecodeMemory
{
    /// <summary>The rejection reason (quarantine reason) of a file whose processing ran out of memory.</summary>
    public const string Reason = "out of memory while decoding";

    /// <summary>Collects the failed file's garbage and returns the exception that rejects the file.</summary>
    public static DicomFormatException Exhausted(OutOfMemoryException e)
    {
        Reclaim();
        return new DicomFormatException(Reason, e);
    }

    /// <summary>A full blocking collection that also compacts the large object heap (where big pixel buffers live).</summary>
    public static void Reclaim()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
