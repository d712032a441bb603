namespace RadiologyNet.Features;
internal static class Placeholder { }
