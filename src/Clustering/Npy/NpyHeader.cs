using System.Globalization;
using System.Text;

namespace RadiologyNet.Clustering.Npy;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1.0 and 2.0, see numpy's <c>numpy.lib.format</c>):
/// the magic <c>\x93NUMPY</c>, a major and minor version byte, the header length (2 bytes little-endian in v1,
/// 4 bytes in v2) and an ASCII Python dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (n, d), }</c>
/// padded with spaces and a final newline so the data start at a multiple of 64 bytes.
/// </summary>
public sealed record NpyHeader(NpyDataType DataType, long[] Shape)
{
    /// <summary>The six magic bytes every .npy file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Number of elements (the product of the shape; 1 for a 0-d array).</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Bytes per element.</summary>
    public int ElementSize => DataType is NpyDataType.Float32 or NpyDataType.Int32 ? 4 : 8;

    /// <summary>The NumPy type string: <c>&lt;f4</c>, <c>&lt;f8</c>, <c>&lt;i4</c> or <c>&lt;i8</c>.</summary>
    public string Descr => DataType switch
    {
        NpyDataType.Float32 => "<f4",
        NpyDataType.Float64 => "<f8",
        NpyDataType.Int32 => "<i4",
        _ => "<i8",
    };

    /// <summary>
    /// The complete header bytes as numpy writes them: version 1.0 when the dict fits a 2-byte length, else 2.0;
    /// total length a multiple of 64.
    /// </summary>
    public byte[] ToBytes()
    {
        string shape = Shape.Length switch
        {
            0 => "()",
            1 => $"({Shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", Shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        string dict = $"{{'descr': '{Descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int major = 1, prefix = 10;
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        if (total - prefix > ushort.MaxValue) { major = 2; prefix = 12; total = (prefix + dict.Length + 1 + 63) / 64 * 64; }
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        int headerLength = total - prefix;
        if (major == 1) BitConverter.TryWriteBytes(bytes.AsSpan(8, 2), (ushort)headerLength);
        else BitConverter.TryWriteBytes(bytes.AsSpan(8, 4), (uint)headerLength);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + dict.Length, total - prefix - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Reads and validates a header; the stream is left at the first data byte.</summary>
    /// <exception cref="NpyFormatException">Bad magic, unsupported version, dtype or order, or a malformed dict.</exception>
    public static NpyHeader Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> pre = stackalloc byte[8];
        ReadExactly(stream, pre, "the magic string and version");
        if (!pre[..6].SequenceEqual(Magic)) throw new NpyFormatException("Not a .npy file: bad magic (expected \\x93NUMPY).");
        byte major = pre[6], minor = pre[7];
        if (major is not (1 or 2) || minor != 0)
            throw new NpyFormatException($"Unsupported .npy format version {major}.{minor} (supported: 1.0 and 2.0).");
        Span<byte> len = stackalloc byte[4];
        ReadExactly(stream, len[..(major == 1 ? 2 : 4)], "the header length");
        long headerLength = major == 1 ? BitConverter.ToUInt16(len) : BitConverter.ToUInt32(len);
        if (headerLength > 1 << 20) throw new NpyFormatException($"Implausible .npy header length {headerLength}.");
        var text = new byte[headerLength];
        ReadExactly(stream, text, "the header");
        return Parse(Encoding.Latin1.GetString(text));
    }

    /// <summary>Parses the header dict literal.</summary>
    internal static NpyHeader Parse(string dict)
    {
        string s = dict.Trim();
        if (!s.StartsWith('{') || !s.EndsWith('}')) throw new NpyFormatException($"Malformed .npy header: {Clip(s)}");
        string descr = StringValue(s, "descr");
        string fortran = Value(s, "fortran_order");
        string shapeText = Value(s, "shape");
        if (fortran == "True") throw new NpyFormatException("Fortran-order (column-major) .npy arrays are not supported; save with C order (np.ascontiguousarray).");
        if (fortran != "False") throw new NpyFormatException($"Malformed fortran_order value '{Clip(fortran)}'.");
        var type = descr switch
        {
            "<f4" => NpyDataType.Float32,
            "<f8" => NpyDataType.Float64,
            "<i4" => NpyDataType.Int32,
            "<i8" => NpyDataType.Int64,
            ">f4" or ">f8" or ">i4" or ">i8" => throw new NpyFormatException($"Big-endian .npy arrays ('{descr}') are not supported; convert with arr.astype(arr.dtype.newbyteorder('<'))."),
            "|O" or "<O" or ">O" or "O" => throw new NpyFormatException("Object arrays ('|O') are not supported (they hold pickled Python objects)."),
            _ => throw new NpyFormatException($"Unsupported .npy dtype '{Clip(descr)}' (supported: <f4, <f8, <i4, <i8)."),
        };
        return new NpyHeader(type, ParseShape(shapeText));
    }

    private static long[] ParseShape(string text)
    {
        if (!text.StartsWith('(') || !text.EndsWith(')')) throw new NpyFormatException($"Malformed shape '{Clip(text)}'.");
        var parts = text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string p = parts[i].TrimEnd('L');
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new NpyFormatException($"Malformed shape '{Clip(text)}'.");
        }
        return shape;
    }

    private static string StringValue(string dict, string key)
    {
        string v = Value(dict, key);
        if (v.Length < 2 || v[0] != v[^1] || v[0] is not ('\'' or '"')) throw new NpyFormatException($"Malformed '{key}' value '{Clip(v)}'.");
        return v[1..^1];
    }

    /// <summary>The raw text of a key's value: up to the matching ')' for tuples, else up to the next ',' or '}'.</summary>
    private static string Value(string dict, string key)
    {
        int at = dict.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0) at = dict.IndexOf($"\"{key}\"", StringComparison.Ordinal);
        if (at < 0) throw new NpyFormatException($"The .npy header has no '{key}': {Clip(dict)}");
        int colon = dict.IndexOf(':', at + key.Length + 2);
        if (colon < 0) throw new NpyFormatException($"Malformed .npy header near '{key}'.");
        int start = colon + 1;
        while (start < dict.Length && dict[start] == ' ') start++;
        if (start >= dict.Length) throw new NpyFormatException($"Malformed .npy header near '{key}'.");
        int end;
        if (dict[start] == '(')
        {
            end = dict.IndexOf(')', start);
            if (end < 0) throw new NpyFormatException("Malformed shape: no closing ')'.");
            end++;
        }
        else if (dict[start] is '\'' or '"')
        {
            end = dict.IndexOf(dict[start], start + 1);
            if (end < 0) throw new NpyFormatException($"Malformed '{key}' string.");
            end++;
        }
        else
        {
            end = start;
            while (end < dict.Length && dict[end] is not (',' or '}')) end++;
        }
        return dict[start..end].Trim();
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new NpyFormatException($"Truncated .npy file: end of file inside {what}."); }
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
