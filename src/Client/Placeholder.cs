namespace RadiologyNet.Client;
internal static class Placeholder { }
