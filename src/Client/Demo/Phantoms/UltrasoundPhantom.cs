namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>
/// B-mode abdominal ultrasound, 8-bit: a curvilinear sector (black outside) of liver parenchyma with multiplicative
/// Rayleigh speckle, an anechoic organ blob with posterior enhancement, vessels, an echogenic diaphragm, depth
/// markers and a grey bar; optionally RGB with a colour-Doppler box.
/// </summary>
public static class UltrasoundPhantom
{
    /// <summary>Renders frame <paramref name="index"/> of an ABDOMEN study; <paramref name="rgb"/> selects 3 samples per pixel.</summary>
    public static DemoFrame Generate(ulong studySeed, int index, bool rgb)
    {
        const int rows = 240, cols = 320;
        var anatomy = DemoRandom.Derive(studySeed, 1);
        var noise = DemoRandom.Derive(studySeed, 1000 + (ulong)index);
        var half = anatomy.Uniform(0.55, 0.68);
        var apexX = cols / 2.0;
        var apexY = -anatomy.Uniform(18, 30);
        var r0 = -apexY + 12;
        var r1 = rows - apexY - 8;
        var blob = (X: noise.Uniform(-0.3, 0.3), Y: noise.Uniform(0.35, 0.6), Rx: noise.Uniform(0.12, 0.22), Ry: noise.Uniform(0.07, 0.14), A: noise.Uniform(-0.5, 0.5));
        var diaphragm = anatomy.Uniform(0.78, 0.9);
        var vessels = new (double X, double Y, double R)[noise.Next(2, 5)];
        for (var v = 0; v < vessels.Length; v++) vessels[v] = (noise.Uniform(-0.5, 0.5), noise.Uniform(0.2, 0.7), noise.Uniform(0.015, 0.035));
        var kidney = anatomy.Chance(0.5) ? (X: noise.Uniform(-0.3, 0.3), Y: noise.Uniform(0.45, 0.62)) : (X: 9.0, Y: 9.0);
        var texture = Shapes.SmoothNoise(noise, cols, rows, 24);

        const double dr = 1.6;
        var dTheta = 2.6 / (0.6 * r1);
        var nr = (int)(r1 / dr) + 2;
        var nt = (int)(2 * half / dTheta) + 2;
        var speckle = new double[nr * nt];
        for (var k = 0; k < speckle.Length; k++) speckle[k] = noise.Rayleigh() / 1.2533;

        var grey = new byte[rows * cols];
        var doppler = new sbyte[rows * cols];
        var box = (T0: noise.Uniform(-0.3, 0.0), T1: 0.0, R0: noise.Uniform(0.3, 0.45) * r1, R1: 0.0);
        box.T1 = box.T0 + 0.3;
        box.R1 = box.R0 + 0.25 * r1;
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < cols; i++)
            {
                var dx = i - apexX;
                var dy = j - apexY;
                var r = Math.Sqrt(dx * dx + dy * dy);
                var theta = Math.Atan2(dx, dy);
                if (r < r0 || r > r1 || Math.Abs(theta) > half) continue;
                var depth = r / r1;
                var x = theta / half;
                var e = 0.42 + 0.2 * texture[j * cols + i];
                var be = Shapes.Ellipse(x, depth, blob.X, blob.Y, blob.Rx, blob.Ry, blob.A);
                if (be < 1) e = be > 0.85 ? 0.7 : 0.03;
                else if (Math.Abs(x - blob.X) < blob.Rx * 0.8 && depth > blob.Y) e *= 1.45;
                var ke = Shapes.Ellipse(x, depth, kidney.X, kidney.Y, 0.3, 0.13, 0.2);
                if (ke < 1) e = ke < 0.3 ? 0.85 : 0.22;
                foreach (var (vx, vy, vr) in vessels)
                {
                    var d = Math.Sqrt(Math.Pow((x - vx) * 0.6, 2) + Math.Pow(depth - vy, 2));
                    if (d < vr) e = 0.04;
                    else if (d < vr * 1.35) e = 0.9;
                    if (rgb && d < vr && theta > box.T0 && theta < box.T1 && r > box.R0 && r < box.R1)
                        doppler[j * cols + i] = (sbyte)(vx < 0 ? 1 : -1);
                }
                var dd = depth - (diaphragm + 0.05 * x * x);
                if (Math.Abs(dd) < 0.012) e = 1.2;
                else if (dd > 0) e *= 0.35;
                var gain = 1.05 - 0.35 * depth;
                var s = speckle[(int)(r / dr) * nt + (int)((theta + half) / dTheta)];
                grey[j * cols + i] = (byte)Math.Clamp(Math.Round(190 * e * s * gain), 0, 255);
            }
        }
        for (var mark = 1; mark < 10; mark++)
        {
            var y = (int)(mark * (rows - 10) / 10.0);
            for (var p = 0; p < 3; p++) for (var q = 0; q < 3; q++) grey[(y + q) * cols + cols - 22 + p] = 220;
        }
        for (var j = 40; j < 200; j++) for (var i = cols - 12; i < cols - 4; i++) grey[j * cols + i] = (byte)(255 - (j - 40) * 255 / 160);
        for (var block = 0; block < 6; block++)
        for (var j = 6; j < 12; j++)
        for (var i = 6 + block * 9; i < 12 + block * 9; i++)
            grey[j * cols + i] = (byte)((i + j + block) % 3 == 0 ? 0 : 200);

        if (!rgb) return DemoFrame.FromBytes(rows, cols, grey, 1);
        var bytes = new byte[rows * cols * 3];
        for (var k = 0; k < grey.Length; k++)
        {
            var g = grey[k];
            (bytes[3 * k], bytes[3 * k + 1], bytes[3 * k + 2]) = doppler[k] switch
            {
                1 => ((byte)(180 + noise.Next(0, 70)), (byte)20, (byte)10),
                -1 => ((byte)10, (byte)40, (byte)(180 + noise.Next(0, 70))),
                _ => (g, g, g),
            };
        }
        return DemoFrame.FromBytes(rows, cols, bytes, 3);
    }
}
