namespace RadiologyNet.Grains.LoadTest;

/// <summary>
/// Heavy-tailed study sizes for the synthetic load: a discretised, truncated lognormal, size = clamp(⌈exp(μ + σZ)⌉, 1, 500)
/// with σ = 1.3 and μ solved (by bisection on the exact expectation) so the mean is the requested one. At a mean of 7 the
/// median study has 3 images, one in ten has more than 16 and about one in 20,000 reaches the 500 cap, close to the shape of
/// a real archive (many radiographs of 1–4 images, some CT/MR series of hundreds).
/// </summary>
public sealed class StudySizes
{
    /// <summary>The smallest study.</summary>
    public const int Min = 1;

    /// <summary>The largest study.</summary>
    public const int Max = 500;

    /// <summary>Spread of the underlying normal (log scale).</summary>
    public const double Sigma = 1.3;

    /// <summary>Location of the underlying normal (log scale) that gives <see cref="Mean"/>.</summary>
    public double Mu { get; }

    /// <summary>The expected study size.</summary>
    public double Mean { get; }

    /// <summary>Sizes with the given mean (in (1, 100]).</summary>
    public StudySizes(double mean)
    {
        if (!(mean is > 1 and <= 100)) throw new ArgumentException($"the mean study size must be in (1, 100], not {mean}");
        double lo = -10, hi = 10;
        for (var i = 0; i < 100; i++)
        {
            var mid = (lo + hi) / 2;
            if (Expectation(mid) < mean) lo = mid;
            else hi = mid;
        }
        Mu = (lo + hi) / 2;
        Mean = Expectation(Mu);
    }

    /// <summary>One study size from the generator.</summary>
    public int Next(ref SplitMix random) =>
        (int)Math.Clamp(Math.Ceiling(Math.Exp(Mu + Sigma * random.NextGaussian())), Min, Max);

    /// <summary>E[size] for location <paramref name="mu"/>: Σ k·P(size = k) over 1..500.</summary>
    private static double Expectation(double mu)
    {
        double mean = 0, below = 0;
        for (var k = Min; k < Max; k++)
        {
            var upTo = NormalCdf((Math.Log(k) - mu) / Sigma);
            mean += k * (upTo - below);
            below = upTo;
        }
        return mean + Max * (1 - below);
    }

    /// <summary>Φ(x) through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    private static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
