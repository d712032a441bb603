namespace RadiologyNet.Grains;

/// <summary>How a shard's delivery of a pass's assignments to their studies went: assignments acknowledged, and those whose study still failed at the deadline.</summary>
[GenerateSerializer, Immutable, Alias("radnet.DeliveryReport")]
public sealed record DeliveryReport(
    [property: Id(0)] long Acknowledged,
    [property: Id(1)] long Failed);
