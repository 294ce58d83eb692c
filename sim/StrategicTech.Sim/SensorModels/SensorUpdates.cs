namespace StrategicTech.Sim.SensorModels;

/// <summary>Which sensors produced a new sample in one <see cref="SensorSuite.Update"/>.</summary>
[Flags]
public enum SensorUpdates
{
    None = 0,
    Imu = 1,
    Gnss = 2,
    Baro = 4,
    Mag = 8,
    Range = 16,
}
