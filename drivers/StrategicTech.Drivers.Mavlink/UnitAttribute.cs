namespace StrategicTech.Drivers.Mavlink;

/// <summary>The unit a MAVLink field is expressed in, as named by the XML definition (e.g. <c>cm/s</c>, <c>degE7</c>).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class UnitAttribute(string unit) : Attribute
{
    public string Unit { get; } = unit;
}
