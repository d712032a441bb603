using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>Reads DICOM Part 10 files. Every failure is a <see cref="DicomFormatException"/> saying what is wrong.</summary>
public static class DicomReader
{
    private const int PreambleLength = 128;

    /// <summary>Parses a whole file held in memory.</summary>
    public static DicomFile Read(ReadOnlyMemory<byte> bytes) => Read(bytes, DicomReaderOptions.Default);

    /// <summary>Reads and parses a file from disk (a file too large for the memory left is rejected as <see cref="DecodeMemory"/> says).</summary>
    public static DicomFile ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (OutOfMemoryException e)
        {
            throw DecodeMemory.Exhausted(e);
        }
        return Read(bytes);
    }

    /// <summary>
    /// Parses a whole file held in memory with the given limits. Accepts Part 10 files (preamble, "DICM", meta group),
    /// a meta group without preamble, and raw datasets without meta (the syntax is then guessed from the first
    /// element, and reported as <see cref="DicomFile.TransferSyntaxUid"/>; the meta group is left as read).
    /// Values are slices of <paramref name="bytes"/>, so the caller must not modify the buffer afterwards.
    /// </summary>
    public static DicomFile Read(ReadOnlyMemory<byte> bytes, DicomReaderOptions options)
    {
        try
        {
            return ReadCore(bytes, options);
        }
        catch (DicomFormatException)
        {
            throw;
        }
        catch (OutOfMemoryException e)
        {
            throw DecodeMemory.Exhausted(e);
        }
        catch (Exception e)
        {
            // Safety net: a bug must still surface as a rejected file, never as an unexplained exception.
            throw new DicomFormatException($"malformed file ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static DicomFile ReadCore(ReadOnlyMemory<byte> bytes, DicomReaderOptions options)
    {
        var span = bytes.Span;
        if (span.Length == 0) throw new DicomFormatException("empty file at offset 0");

        int metaStart;
        if (span.Length >= PreambleLength + 4 && span.Slice(PreambleLength, 4).SequenceEqual("DICM"u8)) metaStart = PreambleLength + 4;
        else if (span.Length >= 4 && span[..4].SequenceEqual("DICM"u8)) metaStart = 4;
        else if (span.Length >= 8 && span[0] == 0x02 && span[1] == 0x00) metaStart = 0; // meta group without preamble
        else return ReadRawDataset(bytes, options);

        var metaParser = new DicomStreamParser(bytes, explicitVR: true, bigEndian: false, options);
        var meta = metaParser.ParseDataset(metaStart, bytes.Length, Encoding.ASCII, out var dataStart, groupOnly: 0x0002);
        if (meta.Count == 0 && metaStart > 0 && span.Length > metaStart)
            throw new DicomFormatException($"no File Meta Information after the DICM marker at offset {metaStart}");
        var ts = meta.GetString(DicomTags.TransferSyntaxUID);
        if (string.IsNullOrEmpty(ts))
        {
            ts = GuessSyntax(span[dataStart..]);
        }
        var warnings = new List<string>();
        var dataset = ReadDataset(bytes, dataStart, ts, options, warnings);
        return new DicomFile(meta, dataset, ts, warnings);
    }

    private static DicomFile ReadRawDataset(ReadOnlyMemory<byte> bytes, DicomReaderOptions options)
    {
        var span = bytes.Span;
        if (span.Length < 8) throw new DicomFormatException($"not DICOM: only {span.Length} bytes and no DICM marker at offset 0");
        var groupLe = (ushort)(span[0] | span[1] << 8);
        var groupBe = (ushort)(span[0] << 8 | span[1]);
        var explicitVR = VRInfo.TryParse(span[4], span[5], out _);
        string ts;
        if (IsPlausibleFirstGroup(groupLe)) ts = explicitVR ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
        else if (IsPlausibleFirstGroup(groupBe) && explicitVR) ts = TransferSyntax.ExplicitVRBigEndian;
        else throw new DicomFormatException("not DICOM: no DICM marker at offset 128 and no plausible data element at offset 0");
        var warnings = new List<string>();
        return new DicomFile(new DicomDataset(), ReadDataset(bytes, 0, ts, options, warnings), ts, warnings);
    }

    private static bool IsPlausibleFirstGroup(ushort group) => group is 0x0008 or 0x0010 or 0x0018 or 0x0020 or 0x0028 or 0x0004;

    private static string GuessSyntax(ReadOnlySpan<byte> data) =>
        data.Length >= 6 && VRInfo.TryParse(data[4], data[5], out _) ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;

    /// <summary>Parses the dataset that starts at <paramref name="start"/> in the given transfer syntax.</summary>
    private static DicomDataset ReadDataset(ReadOnlyMemory<byte> bytes, int start, string ts, DicomReaderOptions options, List<string> warnings)
    {
        DicomDataset dataset;
        if (ts == TransferSyntax.DeflatedExplicitVRLittleEndian)
        {
            const string where = "inflated offset";
            var header = options.StopBeforePixelData ? new DeflatedHeader(options) : null;
            var data = DeflatedSyntax.Inflate(bytes[start..], options, start, header is null ? null : header.TryParse);
            if (header?.Dataset is { } ds)
            {
                warnings.AddRange(header.Warnings);
                dataset = ds;
            }
            else
            {
                dataset = Parse(data, 0, ts, options, warnings, where, out _);
            }
        }
        else
        {
            dataset = Parse(bytes, start, ts, options, warnings, "offset", out _);
        }
        if (options.RejectFractionalIntegerStrings) IntegerStringCheck.Check(dataset);
        return dataset;
    }

    /// <summary>Parses the elements of <paramref name="data"/> from <paramref name="start"/> to its end.</summary>
    private static DicomDataset Parse(ReadOnlyMemory<byte> data, int start, string ts, DicomReaderOptions options, List<string> warnings, string where, out int stoppedAt)
    {
        var bigEndian = ts == TransferSyntax.ExplicitVRBigEndian;
        var explicitVR = ts != TransferSyntax.ImplicitVRLittleEndian;
        // Files that declare one VR form and use the other exist; trust the first element, as pydicom does.
        var span = data.Span;
        if (span.Length - start >= 6)
        {
            var looksExplicit = VRInfo.TryParse(span[start + 4], span[start + 5], out _);
            if (explicitVR && !VRInfo.LooksLikeVR(span[start + 4], span[start + 5])) explicitVR = false;
            else if (!explicitVR && looksExplicit) explicitVR = true;
        }
        var parser = new DicomStreamParser(data, explicitVR, bigEndian, options, where) { Warnings = warnings };
        return parser.ParseDataset(start, data.Length, Encoding.Latin1, out stoppedAt);
    }

    /// <summary>
    /// Header-only reads of deflated datasets: after each inflated chunk, looks for a top-level (7FE0,0008/0009/0010) tag
    /// and parses the output up to it. A candidate counts only when the parse stops exactly there: the parse of a prefix
    /// is then the same as the parse of the whole dataset (every element before it ended before it), so inflation can
    /// stop. Bytes that only look like the tag (inside a value) fail that test; after a few such, the rest of the dataset
    /// is inflated and parsed as usual. Either way inflation stops at <see cref="DicomReaderOptions.MaxHeaderBytes"/>.
    /// </summary>
    private sealed class DeflatedHeader(DicomReaderOptions options)
    {
        private const int MaxAttempts = 8;
        private static ReadOnlySpan<byte> PixelGroup => [0xE0, 0x7F];
        private int _scanned;
        private int _attempts;

        public DicomDataset? Dataset { get; private set; }
        public List<string> Warnings { get; private set; } = [];

        public bool TryParse(ReadOnlyMemory<byte> soFar)
        {
            var span = soFar.Span;
            while (_attempts < MaxAttempts)
            {
                var i = span[_scanned..].IndexOf(PixelGroup);
                if (i < 0)
                {
                    _scanned = Math.Max(_scanned, span.Length - 1);
                    return false;
                }
                var p = _scanned + i;
                if (p + 8 > span.Length)
                {
                    _scanned = p;
                    return false; // wait for the rest of this element header
                }
                _scanned = p + 1;
                if (span[p + 2] is not (0x08 or 0x09 or 0x10) || span[p + 3] != 0) continue;
                _attempts++;
                var warnings = new List<string>();
                try
                {
                    var ds = Parse(soFar[..(p + 8)], 0, TransferSyntax.DeflatedExplicitVRLittleEndian, options, warnings, "inflated offset", out var stoppedAt);
                    if (stoppedAt != p) continue;
                    (Dataset, Warnings) = (ds, warnings);
                    return true;
                }
                catch (DicomFormatException)
                {
                }
            }
            return false;
        }
    }
}
