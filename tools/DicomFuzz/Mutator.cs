namespace RadiologyNet.DicomFuzz;

/// <summary>
/// Seeded byte-level and DICOM-aware mutations: bit flips, random bytes, extreme 16/32-bit values written over element
/// lengths, truncation, deletion, insertion, duplicated chunks, and splices with another seed. The header region (the
/// first few KiB, where the structure is) is mutated more often than the rest.
/// </summary>
internal sealed class Mutator(Random rng)
{
    private static readonly uint[] Interesting32 = [0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];
    private static readonly ushort[] Interesting16 = [0, 1, 2, 3, 4, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF];
    private static readonly byte[][] Tokens =
    [
        [0xFE, 0xFF, 0x00, 0xE0], [0xFE, 0xFF, 0x0D, 0xE0], [0xFE, 0xFF, 0xDD, 0xE0], [0xFF, 0xFF, 0xFF, 0xFF],
        "SQ\0\0"u8.ToArray(), "UN\0\0"u8.ToArray(), "OB\0\0"u8.ToArray(), "OW\0\0"u8.ToArray(), "UT\0\0"u8.ToArray(),
        [0xE0, 0x7F, 0x10, 0x00], [0x28, 0x00, 0x10, 0x00], [0x28, 0x00, 0x11, 0x00], [0x28, 0x00, 0x00, 0x01],
        [0x08, 0x00, 0x05, 0x00], "ISO 2022 IR 87"u8.ToArray(), "\x1b$B"u8.ToArray(), "1.2.840.10008.1.2.5\0"u8.ToArray(),
        "1.2.840.10008.1.2.1.99"u8.ToArray(), "1.2.840.10008.1.2.2\0"u8.ToArray(), "1.2.840.10008.1.2\0"u8.ToArray(),
    ];

    /// <summary>One mutant of <paramref name="seed"/>: 1–4 stacked mutations; <paramref name="other"/> feeds splices.</summary>
    public byte[] Mutate(byte[] seed, byte[] other)
    {
        var buf = (byte[])seed.Clone();
        var stack = 1 + rng.Next(4);
        for (var i = 0; i < stack && buf.Length > 0; i++) buf = MutateOnce(buf, other);
        return buf;
    }

    private int Position(int length) =>
        rng.Next(3) > 0 ? rng.Next(Math.Min(length, 4096)) : rng.Next(length);

    private byte[] MutateOnce(byte[] b, byte[] other)
    {
        switch (rng.Next(12))
        {
            case 0: // bit flips
                for (var k = rng.Next(1, 6); k > 0; k--) b[Position(b.Length)] ^= (byte)(1 << rng.Next(8));
                return b;
            case 1: // random bytes
                for (var k = rng.Next(1, 6); k > 0; k--) b[Position(b.Length)] = (byte)rng.Next(256);
                return b;
            case 2: // interesting 32-bit value (little or big endian)
                return Write32(b, Interesting32[rng.Next(Interesting32.Length)], Position(b.Length));
            case 3: // interesting 16-bit value
                return Write16(b, Interesting16[rng.Next(Interesting16.Length)], Position(b.Length));
            case 4: // element-aware: overwrite the length of an element found by its VR
                return MutateLength(b);
            case 5: // truncate
                return b[..rng.Next(b.Length)];
            case 6: // delete a chunk
            {
                var at = Position(b.Length);
                var len = Math.Min(b.Length - at, 1 + rng.Next(64));
                return [.. b.AsSpan(0, at), .. b.AsSpan(at + len)];
            }
            case 7: // insert random bytes or a token
            {
                var at = Position(b.Length);
                var ins = rng.Next(2) == 0 ? Tokens[rng.Next(Tokens.Length)] : RandomBytes(1 + rng.Next(16));
                return [.. b.AsSpan(0, at), .. ins, .. b.AsSpan(at)];
            }
            case 8: // overwrite with a token
            {
                var token = Tokens[rng.Next(Tokens.Length)];
                var at = Position(b.Length);
                token.AsSpan(0, Math.Min(token.Length, b.Length - at)).CopyTo(b.AsSpan(at));
                return b;
            }
            case 9: // duplicate a chunk (nesting, repeated items)
            {
                var from = Position(b.Length);
                var len = Math.Min(b.Length - from, 1 + rng.Next(256));
                var at = Position(b.Length);
                return [.. b.AsSpan(0, at), .. b.AsSpan(from, len), .. b.AsSpan(at)];
            }
            case 10: // splice: head of this, tail of another seed
            {
                if (other.Length == 0) return b;
                var cut = Position(b.Length);
                var from = rng.Next(other.Length);
                var len = Math.Min(other.Length - from, 1 + rng.Next(4096));
                return [.. b.AsSpan(0, cut), .. other.AsSpan(from, len)];
            }
            default: // arithmetic on a byte
            {
                var at = Position(b.Length);
                b[at] = (byte)(b[at] + rng.Next(-16, 17));
                return b;
            }
        }
    }

    private byte[] MutateLength(byte[] b)
    {
        // Find an explicit VR ("XX" at tag+4) near a random spot and overwrite its 16- or 32-bit length.
        var start = Position(b.Length);
        for (var i = start; i + 12 <= b.Length && i < start + 512; i++)
        {
            if (b[i] is < (byte)'A' or > (byte)'Z' || b[i + 1] is < (byte)'A' or > (byte)'Z' || i < 4) continue;
            var longForm = b[i + 2] == 0 && b[i + 3] == 0;
            return longForm
                ? Write32(b, Interesting32[rng.Next(Interesting32.Length)], i + 4)
                : Write16(b, Interesting16[rng.Next(Interesting16.Length)], i + 2);
        }
        return Write32(b, Interesting32[rng.Next(Interesting32.Length)], Position(b.Length));
    }

    private byte[] Write32(byte[] b, uint v, int at)
    {
        if (at + 4 > b.Length) return b;
        if (rng.Next(4) == 0) v = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
        BitConverter.TryWriteBytes(b.AsSpan(at), v);
        return b;
    }

    private byte[] Write16(byte[] b, ushort v, int at)
    {
        if (at + 2 > b.Length) return b;
        if (rng.Next(4) == 0) v = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
        BitConverter.TryWriteBytes(b.AsSpan(at), v);
        return b;
    }

    private byte[] RandomBytes(int n)
    {
        var r = new byte[n];
        rng.NextBytes(r);
        return r;
    }
}
