using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Faults;

/// <summary>
/// One timed fault: active for <c>StartUs ≤ t &lt; StartUs + DurationUs</c> (simulation time, µs). Which parameters
/// matter depends on <see cref="Kind"/>; build it with the factory methods.
/// </summary>
public readonly record struct Fault(
    long StartUs,
    long DurationUs,
    FaultKind Kind,
    int MotorIndex,
    double Fraction,
    Vector3 Vector,
    double VoltageDropV)
{
    /// <summary>A duration that never ends within a flight.</summary>
    public const long Permanent = long.MaxValue / 4;

    public long EndUs => StartUs + DurationUs;

    public bool IsActiveAt(long timeUs) => timeUs >= StartUs && timeUs < EndUs;

    public static Fault GnssLoss(long startUs, long durationUs) =>
        new(startUs, durationUs, FaultKind.GnssLoss, -1, 0, Vector3.Zero, 0);

    public static Fault GnssPositionJump(long startUs, long durationUs, Vector3 offsetNedM) =>
        new(startUs, durationUs, FaultKind.GnssPositionJump, -1, 0, offsetNedM, 0);

    public static Fault MagInterference(long startUs, long durationUs, Vector3 fieldFrdGauss) =>
        new(startUs, durationUs, FaultKind.MagInterference, -1, 0, fieldFrdGauss, 0);

    public static Fault MotorFailure(long startUs, long durationUs, int motorIndex, double outputFraction = 0) =>
        new(startUs, durationUs, FaultKind.MotorFailure, motorIndex, outputFraction, Vector3.Zero, 0);

    public static Fault BatteryDrop(long startUs, long durationUs, double chargeLossFraction, double voltageDropV) =>
        new(startUs, durationUs, FaultKind.BatteryDrop, -1, chargeLossFraction, Vector3.Zero, voltageDropV);

    public static Fault MagRotation(long startUs, long durationUs, Vector3 rotationRad) =>
        new(startUs, durationUs, FaultKind.MagRotation, -1, 0, rotationRad, 0);

    public static Fault DataLinkLoss(long startUs, long durationUs) =>
        new(startUs, durationUs, FaultKind.DataLinkLoss, -1, 0, Vector3.Zero, 0);

    public static Fault RcLoss(long startUs, long durationUs) =>
        new(startUs, durationUs, FaultKind.RcLoss, -1, 0, Vector3.Zero, 0);
}
