using System.Text;

namespace RadiologyNet.Dicom;

/// <summary>
/// Decodes text that uses ISO 2022 code extensions (PS3.5 §6.1.2.5, PS3.3 C.12.1.1.2): the value is split at each
/// ESC into fragments, and each fragment is decoded with the character set its escape sequence designates when
/// that set is one of the Specific Character Set terms (else with the first term). JIS X 0208/0212 and GB 2312
/// fragments keep their escape sequence for the stateful decoder; for single-byte sets a delimiter (CR, LF, TAB,
/// FF in text, '^' in person names) switches back to the first set. These are exactly pydicom's rules.
/// Decoding only: encoding uses the first character set.
/// </summary>
public sealed class Iso2022Decoder : Encoding
{
    private const byte Esc = 0x1B;
    private readonly string[] _codecs;
    private readonly Encoding _first;

    private static readonly (byte[] Sequence, string Codec)[] Escapes =
    [
        ("\u001b(B"u8.ToArray(), "iso8859"), ("\u001b-A"u8.ToArray(), "latin_1"), ("\u001b)I"u8.ToArray(), "shift_jis"),
        ("\u001b(J"u8.ToArray(), "shift_jis"), ("\u001b$B"u8.ToArray(), "iso2022_jp"), ("\u001b-B"u8.ToArray(), "iso8859_2"),
        ("\u001b-C"u8.ToArray(), "iso8859_3"), ("\u001b-D"u8.ToArray(), "iso8859_4"), ("\u001b-F"u8.ToArray(), "iso_ir_126"),
        ("\u001b-G"u8.ToArray(), "iso_ir_127"), ("\u001b-H"u8.ToArray(), "iso_ir_138"), ("\u001b-L"u8.ToArray(), "iso_ir_144"),
        ("\u001b-M"u8.ToArray(), "iso_ir_148"), ("\u001b-T"u8.ToArray(), "iso_ir_166"), ("\u001b$)C"u8.ToArray(), "euc_kr"),
        ("\u001b$(D"u8.ToArray(), "iso2022_jp_2"), ("\u001b$)A"u8.ToArray(), "iso_ir_58"),
    ];

    /// <summary>Creates a decoder for the given codec names (see <see cref="CharacterSets"/>); the first is the default set.</summary>
    internal Iso2022Decoder(IReadOnlyList<string> codecs)
    {
        _codecs = [.. codecs];
        _first = CharacterSets.Codec(_codecs[0]);
    }

    /// <summary>The character sets' codec names, first (default) set first.</summary>
    public IReadOnlyList<string> Codecs => _codecs;

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="delimiters"/> reset single-byte extensions to the first set.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> delimiters)
    {
        if (bytes.IndexOf(Esc) < 0) return _first.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        var pos = 0;
        if (bytes[0] != Esc)
        {
            pos = bytes.IndexOf(Esc);
            sb.Append(_first.GetString(bytes[..pos])); // leading fragment without an escape sequence
        }
        while (pos < bytes.Length)
        {
            var next = bytes[(pos + 1)..].IndexOf(Esc);
            var end = next < 0 ? bytes.Length : pos + 1 + next;
            sb.Append(DecodeEscaped(bytes[pos..end], delimiters));
            pos = end;
        }
        return sb.ToString();
    }

    private string DecodeEscaped(ReadOnlySpan<byte> fragment, ReadOnlySpan<byte> delimiters)
    {
        var length = fragment.StartsWith("\u001b$("u8) || fragment.StartsWith("\u001b$)"u8) ? 4 : 3;
        string? codec = null;
        if (fragment.Length >= length)
            foreach (var (sequence, name) in Escapes)
                if (sequence.Length == length && fragment[..length].SequenceEqual(sequence)) { codec = name; break; }
        if (codec is null || (codec != "iso8859" && Array.IndexOf(_codecs, codec) < 0))
            return _first.GetString(fragment); // unknown or undeclared escape: first set
        var encoding = CharacterSets.Codec(codec);
        if (codec is "iso2022_jp" or "iso2022_jp_2" or "iso_ir_58") return encoding.GetString(fragment);
        var body = fragment[length..];
        var delimiter = body.IndexOfAny(delimiters);
        return delimiter < 0
            ? encoding.GetString(body)
            : encoding.GetString(body[..delimiter]) + _first.GetString(body[delimiter..]);
    }

    /// <inheritdoc />
    public override string GetString(byte[] bytes, int index, int count) => Decode(bytes.AsSpan(index, count), CharacterSets.TextDelimiters);

    /// <inheritdoc />
    public override int GetCharCount(byte[] bytes, int index, int count) => GetString(bytes, index, count).Length;

    /// <inheritdoc />
    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        var s = GetString(bytes, byteIndex, byteCount);
        s.CopyTo(0, chars, charIndex, s.Length);
        return s.Length;
    }

    /// <inheritdoc />
    public override int GetByteCount(char[] chars, int index, int count) => _first.GetByteCount(chars, index, count);

    /// <inheritdoc />
    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        _first.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    /// <inheritdoc />
    public override int GetMaxByteCount(int charCount) => _first.GetMaxByteCount(charCount);

    /// <inheritdoc />
    public override int GetMaxCharCount(int byteCount) => byteCount;
}
