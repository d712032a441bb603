namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>MR contrast weighting of a demo series; it decides tissue signal in <see cref="MrPhantom"/>.</summary>
public enum MrWeighting
{
    T1,
    T2,
    Flair,
    ProtonDensity,
    ProtonDensityFatSat,
}

/// <summary>
/// MR magnitude images, unsigned 16-bit: axial brain (scalp, dark skull, grey/white matter, ventricles) or coronal
/// knee (femoral condyles, tibial plateau, cartilage, joint space, menisci), with a coil bias field and Rician noise.
/// </summary>
public static class MrPhantom
{
    private enum Tissue { Air, Fat, Bone, Marrow, Csf, Grey, White, Muscle, Cartilage, Fluid, Meniscus }

    /// <summary>Renders slice <paramref name="index"/> of <paramref name="count"/> of a HEAD or KNEE series.</summary>
    public static DemoFrame Generate(string region, MrWeighting weighting, ulong studySeed, int index, int count, int size = 256, int bitsStored = 12)
    {
        var anatomy = DemoRandom.Derive(studySeed, 1);
        var noise = DemoRandom.Derive(studySeed, 1000 + (ulong)index);
        var z = count > 1 ? (double)index / (count - 1) : 0.5;
        Func<double, double, Tissue> label = region == "KNEE" ? Knee(anatomy, z) : Brain(anatomy, z);
        var gain = anatomy.Uniform(0.8, 1.4) * (bitsStored >= 16 ? 4 : 1);
        var biasX = anatomy.Uniform(-0.15, 0.15);
        var biasY = anatomy.Uniform(-0.15, 0.15);
        var sigma = anatomy.Uniform(18, 35) * gain;
        var texture = Shapes.Texture(noise, size, size, 12);
        var max = (1 << bitsStored) - 1;
        var stored = new ushort[size * size];
        for (var j = 0; j < size; j++)
        {
            var y = 2.0 * (j + 0.5) / size - 1;
            for (var i = 0; i < size; i++)
            {
                var x = 2.0 * (i + 0.5) / size - 1;
                var k = j * size + i;
                var tissue = label(x, y);
                var s = Signal(tissue, weighting) * gain;
                if (tissue != Tissue.Air) s *= (1 + biasX * x + biasY * y) * (0.93 + 0.14 * texture[k]);
                var re = s + sigma * noise.Gaussian();
                var im = sigma * noise.Gaussian();
                stored[k] = Shapes.ClampU16(Math.Sqrt(re * re + im * im), max);
            }
        }
        var peak = 1500 * gain;
        return DemoFrame.FromUInt16(size, size, stored, bitsStored) with { WindowCenter = Math.Round(peak * 0.5), WindowWidth = Math.Round(peak) };
    }

    private static double Signal(Tissue t, MrWeighting w) => (t, w) switch
    {
        (Tissue.Air, _) => 0,
        (Tissue.Bone, _) => 40,
        (Tissue.Meniscus, _) => 60,
        (Tissue.Fat, MrWeighting.ProtonDensityFatSat) => 180,
        (Tissue.Marrow, MrWeighting.ProtonDensityFatSat) => 160,
        (Tissue.Fat, MrWeighting.T1 or MrWeighting.ProtonDensity) => 1400,
        (Tissue.Fat, _) => 950,
        (Tissue.Marrow, MrWeighting.T1 or MrWeighting.ProtonDensity) => 1250,
        (Tissue.Marrow, _) => 700,
        (Tissue.Csf or Tissue.Fluid, MrWeighting.T2 or MrWeighting.ProtonDensityFatSat) => 1700,
        (Tissue.Csf or Tissue.Fluid, MrWeighting.ProtonDensity) => 1000,
        (Tissue.Csf or Tissue.Fluid, _) => 160,
        (Tissue.Grey, MrWeighting.T1) => 620,
        (Tissue.Grey, _) => 950,
        (Tissue.White, MrWeighting.T1) => 900,
        (Tissue.White, _) => 640,
        (Tissue.Muscle, MrWeighting.T2) => 350,
        (Tissue.Muscle, _) => 520,
        (Tissue.Cartilage, MrWeighting.T1) => 600,
        (Tissue.Cartilage, _) => 880,
        _ => 500,
    };

    private static Func<double, double, Tissue> Brain(DemoRandom a, double z)
    {
        var sx = a.Uniform(0.64, 0.72);
        var sy = sx * a.Uniform(1.18, 1.28);
        var cx = a.Uniform(-0.04, 0.04);
        var cy = a.Uniform(-0.03, 0.05);
        var phase = a.Uniform(0, Math.Tau);
        var f = Math.Sqrt(1 - Math.Pow((z - 0.35) * 0.9, 2));
        sx *= f;
        sy *= f;
        var ventricle = Math.Max(0, 1 - Math.Abs(z - 0.5) * 2.2);
        return (x, y) =>
        {
            var e = Shapes.Ellipse(x, y, cx, cy, sx, sy);
            if (e >= 1) return Tissue.Air;
            if (e >= 0.95 * 0.95) return Tissue.Fat;
            if (e >= 0.93 * 0.93) return Tissue.Bone;
            if (e >= 0.90 * 0.90) return Tissue.Marrow;
            if (e >= 0.87 * 0.87) return Tissue.Bone;
            if (e >= 0.85 * 0.85) return Tissue.Csf;
            if (Math.Abs(x - cx) < 0.008 && y < cy + sy * 0.15) return Tissue.Csf;
            if (ventricle > 0)
            {
                var vx = 0.09 * sx;
                if (Shapes.InEllipse(x, y, cx - vx, cy - 0.05 * sy, 0.06 * sx * ventricle + 0.01, 0.32 * sy * ventricle, 0.25)
                    || Shapes.InEllipse(x, y, cx + vx, cy - 0.05 * sy, 0.06 * sx * ventricle + 0.01, 0.32 * sy * ventricle, -0.25))
                    return Tissue.Csf;
            }
            var theta = Math.Atan2(y - cy, x - cx);
            var gyri = 0.70 + 0.07 * Math.Sin(9 * theta + phase) + 0.04 * Math.Sin(17 * theta + 2 * phase);
            if (e < gyri * gyri) return Tissue.White;
            var sulci = 0.80 + 0.05 * Math.Sin(9 * theta + phase);
            return e > sulci * sulci && Math.Sin(18 * theta + phase) > 0.6 ? Tissue.Csf : Tissue.Grey;
        };
    }

    private static Func<double, double, Tissue> Knee(DemoRandom a, double z)
    {
        var w = a.Uniform(0.55, 0.65);
        var shift = a.Uniform(-0.05, 0.05);
        var gap = a.Uniform(0.03, 0.06);
        var cut = 1 - Math.Abs(z - 0.5) * 0.5;
        var condyleR = 0.17 * cut + 0.02;
        return (x0, y) =>
        {
            var x = x0 - shift;
            var limb = w * (1 + 0.25 * Math.Exp(-y * y * 6));
            if (Math.Abs(x) >= limb) return Tissue.Air;
            var femur = (Math.Abs(x) < 0.2 && y < -0.05)
                || Shapes.InEllipse(x, y, -0.17, -0.05, condyleR + 0.02, condyleR)
                || Shapes.InEllipse(x, y, 0.17, -0.05, condyleR + 0.02, condyleR);
            var femurCore = (Math.Abs(x) < 0.17 && y < -0.05)
                || Shapes.InEllipse(x, y, -0.17, -0.05, condyleR - 0.01, condyleR - 0.03)
                || Shapes.InEllipse(x, y, 0.17, -0.05, condyleR - 0.01, condyleR - 0.03);
            var plateau = -0.05 + condyleR + gap;
            var tibia = (Math.Abs(x) < 0.37 && y > plateau && y < plateau + 0.16) || (Math.Abs(x) < 0.2 + 0.17 * Math.Exp(-(y - plateau) * 12) && y > plateau);
            var tibiaCore = (Math.Abs(x) < 0.34 && y > plateau + 0.02 && y < plateau + 0.15) || (Math.Abs(x) < 0.17 && y > plateau + 0.02);
            if (femurCore || tibiaCore) return Tissue.Marrow;
            if (femur || tibia) return Tissue.Bone;
            var femurCartilage = Shapes.InEllipse(x, y, -0.17, -0.05, condyleR + 0.035, condyleR + 0.015)
                || Shapes.InEllipse(x, y, 0.17, -0.05, condyleR + 0.035, condyleR + 0.015);
            if (femurCartilage && y > -0.05) return Tissue.Cartilage;
            if (Math.Abs(x) < 0.36 && y > plateau - 0.015 && y <= plateau) return Tissue.Cartilage;
            if (y > plateau - gap && y <= plateau && Math.Abs(x) < 0.4)
            {
                var edge = Math.Abs(x) - 0.27;
                return edge > 0 && (plateau - y) < gap * (edge / 0.13) ? Tissue.Meniscus : Tissue.Fluid;
            }
            if (Math.Abs(x) > limb - 0.06) return Tissue.Fat;
            if (Math.Abs(x) > 0.42 || (y < -0.3 && Math.Abs(x) > 0.26)) return Tissue.Muscle;
            return Tissue.Fat;
        };
    }
}
