namespace RadiologyNet.Dicom;

/// <summary>
/// Inverse colour transforms for YBR_ICT and YBR_RCT (PS3.3 C.7.6.3.1.2; ISO/IEC 15444-1 G.2/G.3), for JPEG 2000
/// frames a codec returns without undoing the component transform. Chroma (and, for RCT, the DC level) are centred
/// at <c>half</c> = 2^(BitsStored−1), as the decoder's DC level shift leaves them.
/// </summary>
public static class YbrConversion
{
    /// <summary>Irreversible (ICT): R = Y + 1.402 Cr′, G = Y − 0.344136 Cb′ − 0.714136 Cr′, B = Y + 1.772 Cb′, with Cb′ = Cb − half, Cr′ = Cr − half.</summary>
    public static (double R, double G, double B) IctToRgb(double y, double cb, double cr, double half)
    {
        double b = cb - half, r = cr - half;
        return (y + 1.402 * r, y - 0.344136 * b - 0.714136 * r, y + 1.772 * b);
    }

    /// <summary>Forward ICT: Y = 0.299 R + 0.587 G + 0.114 B; Cb = −0.16875 R − 0.33126 G + 0.5 B + half; Cr = 0.5 R − 0.41869 G − 0.08131 B + half.</summary>
    public static (double Y, double Cb, double Cr) RgbToIct(double r, double g, double b, double half) =>
        (0.299 * r + 0.587 * g + 0.114 * b, -0.16875 * r - 0.33126 * g + 0.5 * b + half, 0.5 * r - 0.41869 * g - 0.08131 * b + half);

    /// <summary>Reversible (RCT), exact in integers: G = Y − ⌊(Cb + Cr − 2·half) / 4⌋, R = Cr − half + G, B = Cb − half + G.</summary>
    public static (int R, int G, int B) RctToRgb(int y, int cb, int cr, int half)
    {
        var g = y - FloorDiv4(cb + cr - 2 * half);
        return (cr - half + g, g, cb - half + g);
    }

    /// <summary>Forward RCT: Y = ⌊(R + 2G + B) / 4⌋, Cb = B − G + half, Cr = R − G + half.</summary>
    public static (int Y, int Cb, int Cr) RgbToRct(int r, int g, int b, int half) => (FloorDiv4(r + 2 * g + b), b - g + half, r - g + half);

    private static int FloorDiv4(int x) => x >> 2; // arithmetic shift is floor division for negatives too
}
