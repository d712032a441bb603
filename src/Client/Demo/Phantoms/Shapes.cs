namespace RadiologyNet.Client.Demo.Phantoms;

/// <summary>Geometry and texture helpers shared by the phantoms. Coordinates are normalised: x, y in [−1, 1], y down.</summary>
internal static class Shapes
{
    /// <summary>Ellipse level: &lt; 1 inside, 1 on the boundary (rotation <paramref name="angle"/> in radians).</summary>
    public static double Ellipse(double x, double y, double cx, double cy, double rx, double ry, double angle = 0)
    {
        var dx = x - cx;
        var dy = y - cy;
        if (angle != 0)
        {
            var c = Math.Cos(angle);
            var s = Math.Sin(angle);
            (dx, dy) = (c * dx + s * dy, -s * dx + c * dy);
        }
        return dx * dx / (rx * rx) + dy * dy / (ry * ry);
    }

    public static bool InEllipse(double x, double y, double cx, double cy, double rx, double ry, double angle = 0) =>
        Ellipse(x, y, cx, cy, rx, ry, angle) < 1;

    /// <summary>Distance from (x, y) to the segment (ax, ay)–(bx, by).</summary>
    public static double SegmentDistance(double x, double y, double ax, double ay, double bx, double by)
    {
        var vx = bx - ax;
        var vy = by - ay;
        var t = Math.Clamp(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy + 1e-12), 0, 1);
        var dx = x - (ax + t * vx);
        var dy = y - (ay + t * vy);
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Projected thickness of a tube of radius <paramref name="r"/> with a hollow core: cortex bright at the edges, as in a radiograph.</summary>
    public static double TubeThickness(double distance, double r, double marrowFraction = 0.55)
    {
        if (distance >= r) return 0;
        var outer = Math.Sqrt(r * r - distance * distance);
        var ri = r * marrowFraction;
        var inner = distance < ri ? Math.Sqrt(ri * ri - distance * distance) : 0;
        return outer - 0.7 * inner;
    }

    /// <summary>Smooth value noise in [0, 1): random values on a coarse grid, bilinearly interpolated.</summary>
    public static float[] SmoothNoise(DemoRandom random, int width, int height, int cell)
    {
        var gw = width / cell + 2;
        var gh = height / cell + 2;
        var grid = new double[gw * gh];
        for (var i = 0; i < grid.Length; i++) grid[i] = random.NextDouble();
        var result = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var gy = (double)y / cell;
            var y0 = (int)gy;
            var fy = gy - y0;
            fy = fy * fy * (3 - 2 * fy);
            for (var x = 0; x < width; x++)
            {
                var gx = (double)x / cell;
                var x0 = (int)gx;
                var fx = gx - x0;
                fx = fx * fx * (3 - 2 * fx);
                var a = grid[y0 * gw + x0];
                var b = grid[y0 * gw + x0 + 1];
                var c = grid[(y0 + 1) * gw + x0];
                var d = grid[(y0 + 1) * gw + x0 + 1];
                result[y * width + x] = (float)((a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy);
            }
        }
        return result;
    }

    /// <summary>Sum of two octaves of <see cref="SmoothNoise"/>, in [0, 1).</summary>
    public static float[] Texture(DemoRandom random, int width, int height, int cell)
    {
        var a = SmoothNoise(random, width, height, cell);
        var b = SmoothNoise(random, width, height, Math.Max(2, cell / 3));
        for (var i = 0; i < a.Length; i++) a[i] = 0.65f * a[i] + 0.35f * b[i];
        return a;
    }

    public static ushort ClampU16(double v, int max) => (ushort)Math.Clamp((int)Math.Round(v), 0, max);

    public static short ClampS16(double v) => (short)Math.Clamp((int)Math.Round(v), short.MinValue, short.MaxValue);
}
