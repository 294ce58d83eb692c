namespace StrategicTech.GroundStation.Telemetry;

/// <summary>
/// One decoded telemetry message in SI units, small and copyable, so it can cross from the MAVLink thread to the
/// render thread through a preallocated queue. Field meaning depends on <see cref="Kind"/> (see
/// <see cref="TelemetryDecoder"/>); only STATUSTEXT carries a string.
/// </summary>
public struct TelemetrySample
{
    public TelemetryKind Kind;
    public byte SystemId;

    /// <summary>When it was received (tlog time in replay), µs.</summary>
    public long TimeUs;
    public double A;
    public double B;
    public double C;
    public double D;
    public double E;
    public double F;
    public long I0;
    public long I1;
    public long I2;
    public string? Text;
}
