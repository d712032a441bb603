namespace RadiologyNet.Clustering;
internal static class Placeholder { }
