namespace RadiologyNet.Grains.Featurisation;

/// <summary>Every vector of one featurised instance: each source's own (report null when the study has none) and the fused one, with its label tags and the equipment manufacturer.</summary>
public sealed record InstanceFeatures(float[] Image, float[] Metadata, float[]? Report, float[] Fused, string Modality, string Region, string Manufacturer);
