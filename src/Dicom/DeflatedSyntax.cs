using System.IO.Compression;

namespace RadiologyNet.Dicom;

/// <summary>Deflated Explicit VR Little Endian (PS3.5 §A.5): the dataset after the meta group is raw deflate (RFC 1951).</summary>
internal static class DeflatedSyntax
{
    /// <summary>
    /// Inflates <paramref name="compressed"/> within the limits of <paramref name="options"/>: at most
    /// <see cref="DicomReaderOptions.MaxInflatedBytes"/>, and past <see cref="DicomReaderOptions.MaxHeaderBytes"/> at most
    /// <see cref="DicomReaderOptions.MaxInflationRatio"/> times the compressed size. Reads the input in place and inflates
    /// straight into the returned buffer (no copies). When <paramref name="enough"/> is given (a header-only read) it is
    /// called with the output so far after each inflated chunk; once it returns true, inflation stops there, and the
    /// output may not exceed <see cref="DicomReaderOptions.MaxHeaderBytes"/>. Every refusal is a
    /// <see cref="DicomFormatException"/> naming the limit, thrown before the output passes it.
    /// </summary>
    public static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> compressed, DicomReaderOptions options, int offset, Func<ReadOnlyMemory<byte>, bool>? enough = null)
    {
        var (maxBytes, limit) = Limit(compressed.Length, options, headerOnly: enough is not null);
        try
        {
            using var input = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(compressed, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(compressed.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            // A header-only read starts small (headers are a few KiB); a full read guesses from the compressed size.
            var initial = enough is null ? Math.Min((long)compressed.Length * 3, int.MaxValue / 2) : 16 << 10;
            var buffer = new byte[(int)Math.Clamp(Math.Min(initial, maxBytes + 1), 1, int.MaxValue / 2)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes) break;
                    var grown = (int)Math.Min(Math.Min((long)buffer.Length * 2, maxBytes + 1), Array.MaxLength);
                    if (grown <= buffer.Length) throw new DicomFormatException($"deflated dataset too large to hold in memory (deflate data at offset {offset})");
                    Array.Resize(ref buffer, grown);
                }
                var n = inflater.Read(buffer, length, buffer.Length - length);
                if (n == 0) break;
                length += n;
                if (length > maxBytes) break;
                if (enough is not null && enough(buffer.AsMemory(0, length))) break;
            }
            if (length > maxBytes) throw new DicomFormatException($"{limit} (deflate data at offset {offset})");
            return buffer.AsMemory(0, length);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException($"invalid deflate data in Deflated Explicit VR Little Endian dataset at offset {offset}: {e.Message}", e);
        }
    }

    /// <summary>The most bytes the dataset may inflate to, and the refusal that names the limit it would pass.</summary>
    private static (long MaxBytes, string Refusal) Limit(long compressedBytes, DicomReaderOptions options, bool headerOnly)
    {
        var byRatio = Math.Max(options.MaxHeaderBytes, (long)Math.Min(compressedBytes * options.MaxInflationRatio, long.MaxValue / 2));
        if (headerOnly && options.MaxHeaderBytes <= options.MaxInflatedBytes)
            return (options.MaxHeaderBytes, $"header scan found no Pixel Data in the first {options.MaxHeaderBytes} inflated bytes (header limit)");
        if (byRatio < options.MaxInflatedBytes)
            return (byRatio, $"deflated dataset inflates more than {options.MaxInflationRatio}:1, past {byRatio} bytes from {compressedBytes} compressed bytes (inflation ratio limit)");
        return (options.MaxInflatedBytes, $"deflated dataset inflates to more than {options.MaxInflatedBytes} bytes (inflated size limit)");
    }
}
