using System.Buffers.Binary;
using System.IO.Compression;
using RadiologyNet.Dicom;

namespace RadiologyNet.Client.Tests;

/// <summary>A minimal PNG encoder (8-bit greyscale or RGB) for looking at demo phantoms; test helper only.</summary>
internal static class DemoPng
{
    /// <summary>Tiles the images into a grid of <paramref name="columns"/> cells of <paramref name="cell"/> pixels (nearest-neighbour, aspect kept).</summary>
    public static void WriteMontage(string path, IReadOnlyList<FloatImage> images, int columns, int cell = 128)
    {
        var rows = (images.Count + columns - 1) / columns;
        var width = columns * cell;
        var height = rows * cell;
        var rgb = new byte[width * height * 3];
        for (var n = 0; n < images.Count; n++)
        {
            var img = images[n];
            var scale = Math.Max(img.Width, img.Height) / (double)cell;
            var ox = (n % columns) * cell;
            var oy = (n / columns) * cell;
            for (var y = 0; y < cell; y++)
            for (var x = 0; x < cell; x++)
            {
                var sx = (int)(x * scale);
                var sy = (int)(y * scale);
                if (sx >= img.Width || sy >= img.Height) continue;
                for (var c = 0; c < 3; c++)
                {
                    var v = img.Data[(sy * img.Width + sx) * img.Channels + (img.Channels == 3 ? c : 0)];
                    rgb[((oy + y) * width + ox + x) * 3 + c] = (byte)Math.Clamp(v * 255 + 0.5, 0, 255);
                }
            }
        }
        Write(path, width, height, rgb);
    }

    /// <summary>Writes an 8-bit RGB PNG.</summary>
    public static void Write(string path, int width, int height, byte[] rgb)
    {
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(file, "IHDR", ihdr);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0);
                z.Write(rgb, y * width * 3, width * 3);
            }
        }
        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        output.Write(len);
        var body = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++) body[i] = (byte)type[i];
        data.CopyTo(body, 4);
        output.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc(body));
        output.Write(len);
    }

    private static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
