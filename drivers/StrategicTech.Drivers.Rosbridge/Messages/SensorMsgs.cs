namespace StrategicTech.Drivers.Rosbridge.Messages;

/// <summary>sensor_msgs/LaserScan (REP 117: +Inf for no return within range_max).</summary>
public sealed record LaserScan(
    Header Header,
    float AngleMin,
    float AngleMax,
    float AngleIncrement,
    float TimeIncrement,
    float ScanTime,
    float RangeMin,
    float RangeMax,
    float[] Ranges,
    float[] Intensities);

/// <summary>sensor_msgs/Imu: covariances float64[9] row-major; element 0 = −1 marks "not provided".</summary>
public sealed record Imu(
    Header Header,
    Quaternion Orientation,
    double[] OrientationCovariance,
    Vector3 AngularVelocity,
    double[] AngularVelocityCovariance,
    Vector3 LinearAcceleration,
    double[] LinearAccelerationCovariance);

/// <summary>sensor_msgs/BatteryState (SI units, percentage 0..1, NaN when unmeasured).</summary>
public sealed record BatteryState(
    Header Header,
    float Voltage,
    float Temperature,
    float Current,
    float Charge,
    float Capacity,
    float DesignCapacity,
    float Percentage,
    byte PowerSupplyStatus,
    byte PowerSupplyHealth,
    byte PowerSupplyTechnology,
    bool Present,
    float[] CellVoltage,
    float[] CellTemperature,
    string Location,
    string SerialNumber)
{
    public const byte StatusCharging = 1;
    public const byte StatusDischarging = 2;
    public const byte HealthGood = 1;
    public const byte TechnologyLion = 2;
}
