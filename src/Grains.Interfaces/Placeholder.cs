namespace RadiologyNet.Grains.Interfaces;
internal static class Placeholder { }
