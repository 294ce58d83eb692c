namespace StrategicTech.Sim.SensorModels;

/// <summary>The sensor set of one simulated vehicle; a null range finder means none is fitted.</summary>
public sealed record SensorSuiteParameters(
    ImuParameters Imu,
    GnssParameters Gnss,
    BaroParameters Baro,
    MagParameters Mag,
    RangeFinderParameters? RangeFinder)
{
    public static SensorSuiteParameters Default { get; } = new(
        ImuParameters.Default, GnssParameters.Default, BaroParameters.Default, MagParameters.Default, RangeFinderParameters.Default);
}
