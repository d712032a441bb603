using System.IO.Compression;

namespace RadiologyNet.Dicom;

/// <summary>Deflated Explicit VR Little Endian (PS3.5 §A.5): the dataset after the meta group is raw deflate (RFC 1951).</summary>
internal static class DeflatedSyntax
{
    /// <summary>
    /// Inflates <paramref name="compressed"/>, refusing output larger than <paramref name="maxBytes"/>. Reads the input in
    /// place and returns the output buffer itself (no copies: header-only reads of deflated files allocate little else).
    /// </summary>
    public static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> compressed, long maxBytes, int offset)
    {
        try
        {
            using var input = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(compressed, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(compressed.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(capacity: (int)Math.Min(maxBytes, Math.Min((long)compressed.Length * 4, int.MaxValue / 2)));
            var buffer = new byte[81920];
            int n;
            while ((n = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > maxBytes)
                    throw new DicomFormatException($"deflated dataset inflates to more than {maxBytes} bytes (deflate data at offset {offset})");
                output.Write(buffer, 0, n);
            }
            return output.GetBuffer().AsMemory(0, (int)output.Length);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException($"invalid deflate data in Deflated Explicit VR Little Endian dataset at offset {offset}: {e.Message}", e);
        }
    }
}
