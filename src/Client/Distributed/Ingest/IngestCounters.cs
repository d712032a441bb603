namespace RadiologyNet.Client.Distributed.Ingest;

/// <summary>The running counts of an ingest run, updated by its stages from any thread.</summary>
public sealed class IngestCounters
{
    private long _files, _skipped, _candidates, _inspected, _accepted, _offered, _uploaded, _alreadyStored, _duplicates, _checked, _enqueued;
    private volatile bool _walked;

    /// <summary>True once the walk of the folder has finished (<see cref="Files"/> is final).</summary>
    public bool Walked => _walked;

    /// <summary>Files the walk found (DICOM candidates or not).</summary>
    public long Files => Interlocked.Read(ref _files);

    /// <summary>Files that are not DICOM candidates (other extensions, no "DICM" marker).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>DICOM candidates.</summary>
    public long Candidates => Interlocked.Read(ref _candidates);

    /// <summary>Candidates whose header was read (accepted or rejected).</summary>
    public long Inspected => Interlocked.Read(ref _inspected);

    /// <summary>Candidates with well-formed UIDs.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Accepted files offered to the container (uploaded, already stored, or refused as a duplicate).</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Instance blobs this run uploaded.</summary>
    public long Uploaded => Interlocked.Read(ref _uploaded);

    /// <summary>Instance blobs an earlier run had stored with the same content.</summary>
    public long AlreadyStored => Interlocked.Read(ref _alreadyStored);

    /// <summary>Files refused because this run had already stored an instance of the same name (a duplicate SOPInstanceUID).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Stored instances whose shards were asked whether they have settled.</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Ingest events put on the stream.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    internal void File() => Interlocked.Increment(ref _files);
    internal void WalkDone() => _walked = true;
    internal void Skip() => Interlocked.Increment(ref _skipped);
    internal void Candidate() => Interlocked.Increment(ref _candidates);

    internal void Inspect(bool accepted)
    {
        Interlocked.Increment(ref _inspected);
        if (accepted) Interlocked.Increment(ref _accepted);
    }

    internal void Offer(BlobOfferOutcome outcome)
    {
        if (outcome == BlobOfferOutcome.Uploaded) Interlocked.Increment(ref _uploaded);
        else if (outcome == BlobOfferOutcome.AlreadyStored) Interlocked.Increment(ref _alreadyStored);
        else Interlocked.Increment(ref _duplicates);
        Interlocked.Increment(ref _offered);
    }

    internal void Check(int instances, int enqueued)
    {
        Interlocked.Add(ref _checked, instances);
        Interlocked.Add(ref _enqueued, enqueued);
    }
}
