namespace RadiologyNet.Features.Tests;

public sealed class WelfordScalerTests
{
    private static readonly NumericColumn[] Linear = [new("x", default, NumericTransform.Linear, 0, 1)];

    [Fact]
    public void Running_statistics_match_the_two_pass_formulas()
    {
        var s = default(RunningStatistics);
        foreach (var x in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 }) s = s.Add(x);
        Assert.Equal(8, s.Count);
        Assert.Equal(5.0, s.Mean, 12);
        Assert.Equal(32.0 / 7.0, s.Variance, 12);             // Σ(x − 5)² = 32
    }

    [Fact]
    public void Values_map_to_a_clamped_standard_score_and_missing_values_to_zero()
    {
        var scaler = new WelfordScaler();
        var output = new float[1];
        scaler.Scale(Linear, [1.0], output);
        Assert.Equal(0.5f, output[0]);                        // one observation: spread unknown
        scaler.Scale(Linear, [3.0], output);                  // mean 2, sd sqrt(2): z = 1/sqrt(2)
        Assert.Equal(0.5 + 1 / Math.Sqrt(2) / 6, output[0], 6);
        scaler.Scale(Linear, [double.NaN], output);
        Assert.Equal(0f, output[0]);
        Assert.Equal(2, scaler.Statistics(0).Count);          // NaN did not count
    }

    [Fact]
    public void Statistics_freeze_after_the_configured_count()
    {
        var scaler = new WelfordScaler(freezeAfter: 2);
        var output = new float[1];
        foreach (var x in new[] { 1.0, 3.0, 100.0, -50.0 }) scaler.Scale(Linear, [x], output);
        Assert.Equal(new RunningStatistics(2, 2.0, 2.0), scaler.Statistics(0));
        scaler.Scale(Linear, [2.0], output);
        Assert.Equal(0.5f, output[0]);
        scaler.Scale(Linear, [100.0], output);
        Assert.Equal(1f, output[0]);                          // z = 98/sqrt(2), clamped
        scaler.Scale(Linear, [-100.0], output);
        Assert.Equal(0f, output[0]);
    }

    [Fact]
    public void The_column_transform_is_applied_before_the_statistics()
    {
        var scaler = new WelfordScaler();
        NumericColumn[] log = [new("y", default, NumericTransform.Log1p, 0, 1)];
        var output = new float[1];
        scaler.Scale(log, [Math.E - 1], output);
        Assert.Equal(1.0, scaler.Statistics(0).Mean, 12);
    }
}

public sealed class MetadataScalingOptionTests
{
    [Fact]
    public void Welford_is_the_default_and_FixedRange_or_an_explicit_scaler_can_be_chosen()
    {
        Assert.IsType<WelfordScaler>(new MetadataVectorizerOptions().CreateScaler());
        Assert.Same(FixedRangeScaler.Instance, new MetadataVectorizerOptions { Scaling = "FixedRange" }.CreateScaler());
        var mine = new WelfordScaler(5);
        Assert.Same(mine, new MetadataVectorizerOptions { Scaling = "FixedRange", Scaler = mine }.CreateScaler());
        Assert.Contains("Metadata:Scaling", Assert.Throws<ArgumentException>(() => new MetadataVectorizerOptions { Scaling = "zscore" }.CreateScaler()).Message);
    }
}
