namespace RadiologyNet.Grains;
internal static class Placeholder { }
