namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>
/// Digital mammograms (for presentation), 16-bit allocated with 12–14 bits stored: a compressed breast silhouette
/// against black, fibroglandular texture converging on the nipple, skin line, the pectoral muscle on MLO views and
/// occasional calcifications. Left breasts face right (chest wall on the left), right breasts the opposite.
/// </summary>
public static class MammographyPhantom
{
    /// <summary>Renders one view (<c>CC</c> or <c>MLO</c>) of the <c>L</c> or <c>R</c> breast.</summary>
    public static DemoFrame Generate(string view, string laterality, ulong studySeed, int index, int bitsStored)
    {
        const int rows = 256, cols = 192;
        var anatomy = DemoRandom.Derive(studySeed, 1);
        var noise = DemoRandom.Derive(studySeed, 1000 + (ulong)index);
        var density = anatomy.Uniform(0.2, 0.9);
        var du = anatomy.Uniform(0.72, 0.92);
        var dv = anatomy.Uniform(0.62, 0.82);
        var mlo = view == "MLO";
        var pectoral = (W: anatomy.Uniform(0.25, 0.4), H: anatomy.Uniform(0.9, 1.4));
        var texture = Shapes.Texture(noise, cols, rows, 14);
        var streaks = Shapes.SmoothNoise(noise, 96, 24, 3);
        var calcs = new List<(double U, double V)>();
        if (anatomy.Chance(0.3))
        {
            var (cu, cv) = (anatomy.Uniform(0.25, 0.55), anatomy.Uniform(-0.3, 0.3));
            for (var c = noise.Next(3, 8); c > 0; c--) calcs.Add((cu + noise.Uniform(-0.03, 0.03), cv + noise.Uniform(-0.03, 0.03)));
        }
        var max = (1 << bitsStored) - 1;
        var stored = new ushort[rows * cols];
        var flip = laterality == "R";
        for (var j = 0; j < rows; j++)
        {
            var v = 2.0 * (j + 0.5) / rows - 1;
            for (var i = 0; i < cols; i++)
            {
                var u = (i + 0.5) / cols;
                if (flip) u = 1 - u;
                var e = mlo
                    ? Shapes.Ellipse(u, v, 0, 0.12, du, dv * 1.15, -0.25)
                    : Shapes.Ellipse(u, v, 0, 0, du, dv);
                double a;
                if (e >= 1) a = 0;
                else
                {
                    var thickness = Math.Min(1, Math.Sqrt(1 - e) * 2.2);
                    var nipple = (U: mlo ? du * 0.96 : du, V: mlo ? 0.32 : 0.0);
                    var ru = u - nipple.U;
                    var rv = v - nipple.V;
                    var radius = Math.Sqrt(ru * ru + rv * rv);
                    var angle = Math.Atan2(rv, -ru);
                    var streak = streaks[Math.Clamp((int)((radius) * 22), 0, 23) * 96 + Math.Clamp((int)((angle + Math.PI) / Math.Tau * 95), 0, 95)];
                    var envelope = Math.Exp(-Math.Pow(u - du * 0.45, 2) / 0.08 - Math.Pow(v - nipple.V * 0.6, 2) / 0.25);
                    var tex = 0.6 * texture[j * cols + i] + 0.4 * streak;
                    var dense = Math.Clamp((tex - (1 - density) * 0.75) * 2.5, 0, 1) * envelope;
                    a = thickness * (0.38 + 0.45 * dense);
                    if (e > 0.93) a += 0.08;
                    if (mlo && u < pectoral.W * (1 - (v + 1) / pectoral.H)) a = Math.Max(a, 0.78 + 0.06 * texture[j * cols + i]);
                    foreach (var (cu, cv) in calcs)
                        if (Math.Pow(u - cu, 2) + Math.Pow((v - cv) * 0.75, 2) < 0.00004) a = 1.0;
                }
                var value = 0.02 + 0.85 * a + 0.008 * noise.Gaussian();
                stored[j * cols + i] = Shapes.ClampU16(value * max, max);
            }
        }
        return DemoFrame.FromUInt16(rows, cols, stored, bitsStored) with
        {
            WindowCenter = Math.Round(max * 0.5),
            WindowWidth = Math.Round(max * 0.7),
            PresentationLutShape = "IDENTITY",
        };
    }
}
