namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>
/// Axial CT slices in Hounsfield units (air −1000, fat −100, soft tissue 40, bone 700+), stored as signed 16-bit
/// with RescaleIntercept −1024 / slope 1 and the region's usual window. Anatomy is fixed per study and moves
/// smoothly from slice to slice.
/// </summary>
public static class CtPhantom
{
    /// <summary>Renders slice <paramref name="index"/> of <paramref name="count"/> of a HEAD, CHEST or ABDOMEN study.</summary>
    public static DemoFrame Generate(string region, ulong studySeed, int index, int count, int size = 256)
    {
        var anatomy = DemoRandom.Derive(studySeed, 1);
        var noise = DemoRandom.Derive(studySeed, 1000 + (ulong)index);
        var z = count > 1 ? (double)index / (count - 1) : 0.5;
        var padOutsideFov = anatomy.Chance(0.3);
        var hu = new double[size * size];
        var texture = Shapes.Texture(noise, size, size, 16);
        Func<double, double, float, double> field = region switch
        {
            "HEAD" => Head(anatomy, z),
            "CHEST" => Chest(anatomy, z),
            _ => Abdomen(anatomy, z),
        };
        for (var j = 0; j < size; j++)
        {
            var y = 2.0 * (j + 0.5) / size - 1;
            for (var i = 0; i < size; i++)
            {
                var x = 2.0 * (i + 0.5) / size - 1;
                hu[j * size + i] = padOutsideFov && x * x + y * y > 1 ? double.NaN : field(x, y, texture[j * size + i]);
            }
        }
        if (region == "CHEST") DrawLungVessels(hu, size, noise);
        if (region == "ABDOMEN") DrawBowel(hu, size, noise, z);

        var sigma = region == "HEAD" ? 4.0 : region == "CHEST" ? 12.0 : 9.0;
        var stored = new short[hu.Length];
        for (var k = 0; k < hu.Length; k++)
        {
            var v = double.IsNaN(hu[k]) ? -2000 : Math.Max(-1024, hu[k] + sigma * noise.Gaussian());
            stored[k] = Shapes.ClampS16(v + 1024);
        }
        var (wc, ww) = region switch { "HEAD" => (40.0, 80.0), "CHEST" => (-600.0, 1500.0), _ => (40.0, 400.0) };
        return DemoFrame.FromInt16(size, size, stored) with
        {
            RescaleIntercept = -1024, RescaleSlope = 1, WindowCenter = wc, WindowWidth = ww,
        };
    }

    private static Func<double, double, float, double> Head(DemoRandom a, double z)
    {
        var sx = a.Uniform(0.62, 0.70);
        var sy = sx * a.Uniform(1.18, 1.28);
        var cx = a.Uniform(-0.04, 0.04);
        var cy = a.Uniform(-0.04, 0.04);
        var rot = a.Uniform(-0.08, 0.08);
        var phase = a.Uniform(0, Math.Tau);
        var f = Math.Sqrt(1 - Math.Pow((z - 0.35) * 0.9, 2));
        sx *= f;
        sy *= f;
        var ventricle = Math.Max(0, 1 - Math.Abs(z - 0.5) * 2.2);
        return (x, y, t) =>
        {
            var e = Shapes.Ellipse(x, y, cx, cy, sx, sy, rot);
            if (e >= 1) return -1000;
            if (e >= 0.94 * 0.94) return 30 + 10 * t;
            if (e >= 0.875 * 0.875) return 1000 + 500 * t;
            if (e >= 0.855 * 0.855) return 8;
            if (Math.Abs(x - cx) < 0.006 && y < cy + sy * 0.2) return 55;
            if (ventricle > 0)
            {
                var vx = 0.09 * sx;
                if (Shapes.InEllipse(x, y, cx - vx, cy - 0.05 * sy, 0.06 * sx * ventricle + 0.01, 0.32 * sy * ventricle, rot + 0.25)
                    || Shapes.InEllipse(x, y, cx + vx, cy - 0.05 * sy, 0.06 * sx * ventricle + 0.01, 0.32 * sy * ventricle, rot - 0.25))
                    return 6;
            }
            var theta = Math.Atan2(y - cy, x - cx);
            var gyri = 0.70 + 0.06 * Math.Sin(7 * theta + phase) + 0.04 * Math.Sin(13 * theta + 2 * phase);
            return e < gyri * gyri ? 27 + 4 * t : 39 + 4 * t;
        };
    }

    private static Func<double, double, float, double> Chest(DemoRandom a, double z)
    {
        var bx = a.Uniform(0.80, 0.90);
        var by = bx * a.Uniform(0.62, 0.72);
        var cy = a.Uniform(0.0, 0.08);
        var lf = 0.75 + 0.25 * Math.Sin(Math.PI * (0.2 + 0.7 * z));
        var heart = 0.6 + 0.5 * z;
        var ribs = new (double X, double Y, double Angle)[9];
        for (var r = 0; r < ribs.Length; r++)
        {
            var theta = Math.PI * (-0.42 + 0.12 * r) + a.Uniform(-0.05, 0.05) - z * 0.08;
            if (r >= 5) theta = Math.PI * (0.58 + 0.12 * (r - 5)) + a.Uniform(-0.05, 0.05);
            ribs[r] = (0.85 * bx * Math.Cos(theta), cy + 0.85 * by * Math.Sin(theta), theta + Math.PI / 2);
        }
        return (x, y, t) =>
        {
            var tableY = cy + by + 0.06;
            if (y > tableY && y < tableY + 0.03 && Math.Abs(x) < 0.9) return -300;
            var e = Shapes.Ellipse(x, y, 0, cy, bx, by);
            if (e >= 1) return -1000;
            foreach (var (rx, ry, ang) in ribs)
            {
                var re = Shapes.Ellipse(x, y, rx, ry, 0.035, 0.018, ang);
                if (re < 1) return re > 0.45 ? 750 : 250;
            }
            if (e >= 0.9 * 0.9) return -105 + 20 * t;
            if (Shapes.InEllipse(x, y, 0, cy - 0.86 * by, 0.06, 0.022)) return 450;
            var spineY = cy + 0.7 * by;
            var vb = Shapes.Ellipse(x, y, 0, spineY, 0.09, 0.08);
            if (vb < 1) return vb > 0.7 ? 850 : 250 + 60 * t;
            var canal = Shapes.Ellipse(x, y, 0, spineY + 0.12, 0.04, 0.035);
            if (canal < 1) return 15;
            if (Shapes.Ellipse(x, y, 0, spineY + 0.12, 0.07, 0.06) < 1 || Shapes.InEllipse(x, y, 0, spineY + 0.22, 0.02, 0.06)) return 700;
            if (Shapes.InEllipse(x, y, 0.11, spineY - 0.04, 0.05, 0.05)) return 45;
            if (Shapes.InEllipse(x, y, 0.08 * heart, cy + 0.05, 0.26 * bx * heart, 0.5 * by * heart, -0.3)) return 40 + 8 * t;
            if (Shapes.InEllipse(x, y, -0.42 * bx, cy - 0.02, 0.30 * bx * lf, 0.72 * by * lf)
                || Shapes.InEllipse(x, y, 0.42 * bx, cy - 0.02, 0.29 * bx * lf, 0.70 * by * lf))
                return -870 + 50 * t;
            return e >= 0.8 * 0.8 ? 45 + 10 * t : -60 + 80 * t;
        };
    }

    private static void DrawLungVessels(double[] hu, int size, DemoRandom noise)
    {
        for (var v = 0; v < 60; v++)
        {
            var px = noise.Uniform(0.1, 0.9) * size;
            var py = noise.Uniform(0.15, 0.85) * size;
            var r = noise.Uniform(0.004, 0.012) * size;
            var value = noise.Uniform(-80, 40);
            for (var j = (int)(py - r); j <= (int)(py + r) + 1; j++)
            for (var i = (int)(px - r); i <= (int)(px + r) + 1; i++)
            {
                if (i < 0 || j < 0 || i >= size || j >= size) continue;
                var k = j * size + i;
                if (hu[k] < -600 && hu[k] > -950 && (i - px) * (i - px) + (j - py) * (j - py) < r * r) hu[k] = value;
            }
        }
    }

    private static Func<double, double, float, double> Abdomen(DemoRandom a, double z)
    {
        var bx = a.Uniform(0.80, 0.92);
        var by = bx * a.Uniform(0.68, 0.80);
        var cy = a.Uniform(0.0, 0.06);
        var contrast = a.Chance(0.5);
        var liver = 1.1 - 0.6 * z;
        var kidney = Math.Max(0, 1 - Math.Abs(z - 0.6) * 1.6);
        var spleen = Math.Max(0, 1 - z * 1.2);
        var organ = contrast ? 110 : 55;
        return (x, y, t) =>
        {
            var tableY = cy + by + 0.06;
            if (y > tableY && y < tableY + 0.03 && Math.Abs(x) < 0.9) return -300;
            var e = Shapes.Ellipse(x, y, 0, cy, bx, by);
            if (e >= 1) return -1000;
            if (e >= 0.84 * 0.84) return -110 + 25 * t;
            if (e >= 0.79 * 0.79) return 48 + 8 * t;
            var spineY = cy + 0.72 * by;
            var vb = Shapes.Ellipse(x, y, 0, spineY, 0.095, 0.085);
            if (vb < 1) return vb > 0.7 ? 850 : 260 + 60 * t;
            var canal = Shapes.Ellipse(x, y, 0, spineY + 0.13, 0.04, 0.035);
            if (canal < 1) return 15;
            if (Shapes.Ellipse(x, y, 0, spineY + 0.13, 0.075, 0.065) < 1 || Shapes.InEllipse(x, y, 0, spineY + 0.23, 0.022, 0.06)) return 700;
            if (Shapes.InEllipse(x, y, 0.16, spineY - 0.02, 0.07 + 0.05 * z, 0.06)
                || Shapes.InEllipse(x, y, -0.16, spineY - 0.02, 0.07 + 0.05 * z, 0.06)) return 50 + 6 * t;
            if (Shapes.InEllipse(x, y, 0.04, spineY - 0.16, 0.045, 0.045)) return contrast ? 200 : 45;
            if (Shapes.InEllipse(x, y, -0.1, spineY - 0.17, 0.055, 0.035)) return contrast ? 150 : 40;
            if (kidney > 0)
            {
                foreach (var side in (ReadOnlySpan<double>)[-1.0, 1.0])
                {
                    var ke = Shapes.Ellipse(x, y, side * 0.32 * bx, cy + 0.42 * by, 0.11 * bx * kidney + 0.01, 0.2 * by * kidney + 0.01, side * 0.45);
                    if (ke < 1) return ke < 0.25 ? -40 : (contrast ? 160 : 35) + 8 * t;
                }
            }
            if (Shapes.InEllipse(x, y, -0.40 * bx, cy - 0.12 * by, 0.44 * bx * liver, 0.62 * by * liver, 0.2)) return organ + 8 * t;
            if (spleen > 0 && Shapes.InEllipse(x, y, 0.55 * bx, cy + 0.05 * by, 0.16 * bx * spleen + 0.01, 0.35 * by * spleen + 0.01, -0.5))
                return organ - 5 + 8 * t;
            return -95 + 40 * t;
        };
    }

    private static void DrawBowel(double[] hu, int size, DemoRandom noise, double z)
    {
        var loops = 8 + (int)(6 * z);
        for (var l = 0; l < loops; l++)
        {
            var px = noise.Uniform(0.3, 0.75) * size;
            var py = noise.Uniform(0.3, 0.65) * size;
            var r = noise.Uniform(0.025, 0.05) * size;
            var gas = noise.Chance(0.35);
            var content = gas ? -950.0 : noise.Uniform(0, 30);
            for (var j = (int)(py - r); j <= (int)(py + r) + 1; j++)
            for (var i = (int)(px - r); i <= (int)(px + r) + 1; i++)
            {
                if (i < 0 || j < 0 || i >= size || j >= size) continue;
                var k = j * size + i;
                var d2 = (i - px) * (i - px) + (j - py) * (j - py);
                if (d2 >= r * r || hu[k] > -30 || hu[k] < -200) continue;
                hu[k] = d2 > 0.72 * r * r ? 40 : content;
            }
        }
    }
}
