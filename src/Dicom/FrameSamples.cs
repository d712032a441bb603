namespace RadiologyNet.Dicom;

/// <summary>Indexed sample values, computed or stored: lets the window, LUT and palette code run over a frame without a widened copy of it.</summary>
internal interface ISamples
{
    /// <summary>Number of values.</summary>
    int Length { get; }

    /// <summary>Value <paramref name="index"/>.</summary>
    double this[int index] { get; }
}

/// <summary>Values held in a span.</summary>
internal readonly ref struct SpanSamples(ReadOnlySpan<double> values) : ISamples
{
    private readonly ReadOnlySpan<double> _values = values;

    public int Length => _values.Length;

    public double this[int index] => _values[index];
}

/// <summary>The stored values of a native frame, read from its bytes on demand.</summary>
internal readonly ref struct StoredSamples : ISamples
{
    private readonly ReadOnlySpan<byte> _frame;
    private readonly SampleReader _reader;

    public StoredSamples(ReadOnlySpan<byte> frame, SampleReader reader)
    {
        reader.RequireFrame(frame);
        _frame = frame;
        _reader = reader;
    }

    public int Length => _reader.Count;

    public double this[int index] => _reader.Read(_frame, index);
}

/// <summary>The modality values of a native frame (stored values through the Modality LUT), computed on demand.</summary>
internal readonly ref struct ModalitySamples(StoredSamples stored, ModalityLut lut) : ISamples
{
    private readonly StoredSamples _stored = stored;
    private readonly ModalityLut _lut = lut;

    public int Length => _stored.Length;

    public double this[int index] => _lut.Map(_stored[index]);
}
