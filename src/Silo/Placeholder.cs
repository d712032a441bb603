namespace RadiologyNet.Silo;
internal static class Placeholder { }
