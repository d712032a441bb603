namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>
/// Projection radiographs (CR/DX): a PA chest (lungs dark, rib cage, clavicles, heart and spine shadows, diaphragm)
/// or a hand (five digits with phalanges, metacarpals, carpals, distal radius and ulna). Stored as 8-bit or 12-bit
/// MONOCHROME2, or inverted MONOCHROME1 with Presentation LUT Shape INVERSE.
/// </summary>
public static class RadiographPhantom
{
    /// <summary>
    /// Renders one view (PA, AP, OBLIQUE…) of a CHEST or HAND study. <paramref name="flatPanel"/> (DX) gives a square
    /// detector, a wider field, rare collimation borders and the stronger contrast processing of DR systems.
    /// </summary>
    public static DemoFrame Generate(string region, string view, ulong studySeed, int index, int bitsStored, bool monochrome1, bool flatPanel = false)
    {
        var anatomy = DemoRandom.Derive(studySeed, 1);
        var noise = DemoRandom.Derive(studySeed, 1000 + (ulong)index);
        var hand = region == "HAND";
        var rows = hand ? 256 : flatPanel ? 256 : 240;
        var cols = hand ? (flatPanel ? 192 : 208) : 256;
        var zoom = flatPanel ? 1.15 : 1.0;
        Func<double, double, double> attenuation = hand ? Hand(anatomy, noise, view) : Chest(anatomy, noise, view);
        var max = (1 << bitsStored) - 1;
        var collimate = noise.Chance(flatPanel ? 0.1 : 0.5) ? noise.Uniform(0.03, 0.08) : 0;
        var marker = (X: noise.Uniform(0.05, 0.12), Y: noise.Uniform(0.05, 0.12));
        var values = new double[rows * cols];
        var aspect = (double)cols / rows;
        for (var j = 0; j < rows; j++)
        {
            var y = (2.0 * (j + 0.5) / rows - 1) * zoom;
            for (var i = 0; i < cols; i++)
            {
                var x = (2.0 * (i + 0.5) / cols - 1) * aspect * zoom;
                var u = (double)i / cols;
                var v = (double)j / rows;
                double a;
                if (u < collimate || u > 1 - collimate || v < collimate * 0.8 || v > 1 - collimate * 0.8) a = 1.35;
                else if (u > marker.X && u < marker.X + 0.05 && v > marker.Y && v < marker.Y + 0.04) a = 1.5;
                else a = attenuation(x, y);
                var value = 0.04 + 0.68 * a;
                if (flatPanel) value = Math.Pow(Math.Clamp(value, 0, 1), 1.35);
                values[j * cols + i] = value + 0.012 * noise.Gaussian();
            }
        }
        if (bitsStored == 8)
        {
            var bytes = new byte[values.Length];
            for (var k = 0; k < bytes.Length; k++)
            {
                var s = Math.Clamp(values[k], 0, 1) * 255;
                bytes[k] = (byte)Math.Round(monochrome1 ? 255 - s : s);
            }
            var frame8 = DemoFrame.FromBytes(rows, cols, bytes, 1);
            return monochrome1 ? frame8 with { Photometric = "MONOCHROME1", PresentationLutShape = "INVERSE" } : frame8 with { PresentationLutShape = "IDENTITY" };
        }
        var stored = new ushort[values.Length];
        for (var k = 0; k < stored.Length; k++)
        {
            var s = Math.Clamp(values[k], 0, 1) * max;
            stored[k] = Shapes.ClampU16(monochrome1 ? max - s : s, max);
        }
        var frame = DemoFrame.FromUInt16(rows, cols, stored, bitsStored, monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
        var center = Math.Round(max * (hand ? 0.45 : 0.5));
        return frame with
        {
            WindowCenter = monochrome1 ? max - center : center,
            WindowWidth = Math.Round(max * 0.9),
            PresentationLutShape = monochrome1 ? "INVERSE" : "IDENTITY",
        };
    }

    private static Func<double, double, double> Chest(DemoRandom a, DemoRandom n, string view)
    {
        var bw = a.Uniform(0.82, 0.95);
        var lungW = a.Uniform(0.26, 0.31);
        var heartW = a.Uniform(0.22, 0.30) * (view == "AP" ? 1.12 : 1.0);
        var ribStart = a.Uniform(-0.72, -0.64);
        var ribStep = a.Uniform(0.085, 0.1);
        var dome = a.Uniform(0.38, 0.5);
        var dx = n.Uniform(-0.04, 0.04);
        var dy = n.Uniform(-0.04, 0.04);
        return (x0, y0) =>
        {
            var x = x0 - dx;
            var y = y0 - dy;
            var ax = Math.Abs(x);
            var width = y < -0.78 ? 0.22 : y < -0.62 ? 0.22 + (bw - 0.22) * Math.Sqrt((y + 0.78) / 0.16) : bw;
            if (ax >= width) return 0;
            var soft = 0.55 * Math.Sqrt(1 - Math.Pow(ax / width, 2));
            var side = x < 0 ? -1 : 1;
            var diaphragm = dome - 0.18 * Math.Pow((ax - 0.38) / 0.3, 2) + (side < 0 ? -0.04 : 0);
            var lung = 0.0;
            var le = Shapes.Ellipse(x, y, side * 0.38, -0.08, lungW + 0.02 * (side < 0 ? 1 : 0), 0.6);
            if (le < 1 && y < diaphragm && ax > 0.09)
            {
                lung = Math.Sqrt(1 - le);
                var he = Shapes.Ellipse(x, y, 0.08, 0.22, heartW, 0.24);
                if (he < 1) lung *= 0.35 * he;
            }
            if (y > diaphragm && ax < bw * 0.9) soft += 0.25;
            var bone = 0.0;
            if (ax < 0.06 && y > -0.9) bone += 0.18;
            var u = (ax - 0.06) / 0.75;
            var arch = u is >= 0 and <= 1 ? -0.1 * Math.Sin(Math.PI * u) + 0.22 * u * u : 0;
            for (var r = 0; r < 10 && u is >= 0 and <= 1; r++)
            {
                var yc = ribStart + r * ribStep + arch;
                var d = Math.Abs(y - yc);
                if (d < 0.022) bone += 0.22 * Shapes.TubeThickness(d, 0.022, 0.6) / 0.022;
                var ya = ribStart + 0.12 + r * ribStep * 0.8 + 0.2 * (1 - u) * (1 - u);
                var da = Math.Abs(y - ya);
                if (u < 0.75 && da < 0.018) bone += 0.08;
            }
            var cd = Shapes.SegmentDistance(ax, y, 0.08, -0.62, 0.55, -0.72);
            bone += 0.3 * Shapes.TubeThickness(cd, 0.03, 0.5) / 0.03;
            var hd = Shapes.Ellipse(x, y, side * 0.75, -0.6, 0.12, 0.1);
            if (hd < 1) bone += 0.3 * Math.Sqrt(1 - hd);
            return Math.Max(0, soft - 0.42 * lung + bone + 0.12);
        };
    }

    private static readonly double[] KnuckleX = [-0.22, -0.07, 0.08, 0.22];
    private static readonly double[] KnuckleY = [-0.06, -0.09, -0.07, 0.0];
    private static readonly double[] FingerAngle = [-0.14, -0.03, 0.06, 0.18];
    private static readonly double[][] PhalanxLength = [[0.23, 0.14, 0.1], [0.26, 0.17, 0.11], [0.24, 0.16, 0.1], [0.19, 0.12, 0.09]];

    private static Func<double, double, double> Hand(DemoRandom a, DemoRandom n, string view)
    {
        var bones = new List<(double Ax, double Ay, double Bx, double By, double R)>();
        var soft = new List<(double Ax, double Ay, double Bx, double By, double R)>();
        var scale = a.Uniform(0.9, 1.05);
        var spread = a.Uniform(0.6, 1.6) * (view == "OBLIQUE" ? 0.6 : 1.0);
        var squeeze = view == "OBLIQUE" ? 0.75 : 1.0;
        var flip = a.Chance(0.5) ? -1 : 1;
        var rot = n.Uniform(-0.12, 0.12);
        var wristY = 0.5;
        for (var f = 0; f < 4; f++)
        {
            var kx = KnuckleX[f] * squeeze;
            var ky = KnuckleY[f];
            bones.Add((kx * 0.45, wristY, kx, ky + 0.02, 0.032));
            var ang = FingerAngle[f] * spread;
            var (px, py) = (kx, ky);
            for (var p = 0; p < 3; p++)
            {
                var len = PhalanxLength[f][p];
                var qx = px + Math.Sin(ang) * len;
                var qy = py - Math.Cos(ang) * len;
                var gx = Math.Sin(ang) * 0.015;
                var gy = -Math.Cos(ang) * 0.015;
                bones.Add((px + gx, py + gy, qx - gx, qy - gy, 0.03 - 0.003 * p));
                (px, py) = (qx, qy);
            }
            soft.Add((kx, ky + 0.05, px - Math.Sin(ang) * 0.02, py + Math.Cos(ang) * 0.02, 0.068));
        }
        var t0 = (X: -0.2 * squeeze, Y: 0.52);
        var thumb = new[] { (X: -0.4 * squeeze, Y: 0.22), (X: -0.52 * squeeze, Y: 0.0), (X: -0.6 * squeeze, Y: -0.15) };
        var prev = t0;
        foreach (var p in thumb)
        {
            bones.Add((prev.X, prev.Y, p.X, p.Y, 0.033));
            prev = p;
        }
        soft.Add((t0.X + 0.05, t0.Y - 0.05, thumb[2].X, thumb[2].Y, 0.075));
        var carpals = new List<(double X, double Y, double R)>();
        for (var c = 0; c < 8; c++) carpals.Add(((-0.13 + 0.09 * (c % 4)) * squeeze, 0.58 + 0.08 * (c / 4), 0.045));
        return (x0, y0) =>
        {
            var c = Math.Cos(rot);
            var s = Math.Sin(rot);
            var xr = flip * (c * x0 + s * y0) / scale;
            var y = (-s * x0 + c * y0) / scale + 0.1;
            var t = 0.0;
            foreach (var (ax, ay, bx, by, r) in soft)
            {
                var d = Shapes.SegmentDistance(xr, y, ax, ay, bx, by);
                if (d < r) t = Math.Max(t, Math.Sqrt(1 - d * d / (r * r)));
            }
            var pe = Shapes.Ellipse(xr, y, 0.0, 0.28, 0.33 * squeeze, 0.38);
            if (pe < 1) t = Math.Max(t, Math.Sqrt(1 - pe) * 1.1);
            if (y > 0.6 && Math.Abs(xr) < 0.3 * squeeze) t = Math.Max(t, Math.Sqrt(1 - Math.Pow(xr / (0.3 * squeeze), 2)) * 1.15);
            if (t <= 0) return 0;
            var bone = 0.0;
            foreach (var (ax, ay, bx, by, r) in bones)
            {
                var d = Shapes.SegmentDistance(xr, y, ax, ay, bx, by);
                if (d < r) bone = Math.Max(bone, Shapes.TubeThickness(d, r) / r);
            }
            foreach (var (cx, cy, r) in carpals)
            {
                var e = Shapes.Ellipse(xr, y, cx, cy, r, r * 0.85);
                if (e < 1) bone = Math.Max(bone, 0.8 * Math.Sqrt(1 - e));
            }
            var rd = Shapes.SegmentDistance(xr, y, -0.12 * squeeze, 0.76, -0.14 * squeeze, 1.3);
            if (rd < 0.08) bone = Math.Max(bone, Shapes.TubeThickness(rd, 0.08) / 0.08);
            var ud = Shapes.SegmentDistance(xr, y, 0.14 * squeeze, 0.78, 0.15 * squeeze, 1.3);
            if (ud < 0.05) bone = Math.Max(bone, Shapes.TubeThickness(ud, 0.05) / 0.05);
            return 0.32 * t + 0.7 * bone;
        };
    }
}
