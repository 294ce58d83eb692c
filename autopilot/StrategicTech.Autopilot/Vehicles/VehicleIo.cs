using StrategicTech.Autopilot.Hal;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// The sensor sources and actuator sinks one <see cref="Vehicle"/> is bound to: hardware drivers behind the
/// <see cref="Hal"/> interfaces, or the simulator's sensor models. IMU, GNSS, barometer and motors are required;
/// the rest are optional (null: not fitted).
/// </summary>
public sealed record VehicleIo(IImuSource Imu, IGnssSource Gnss, IBarometerSource Barometer, IMotorOutputSink Motors)
{
    public IMagnetometerSource? Magnetometer { get; init; }

    public IRangeFinderSource? RangeFinder { get; init; }

    public IBatteryMonitor? Battery { get; init; }

    public IRcInput? Rc { get; init; }
}
