using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Physics;

/// <summary>Which way a propeller turns seen from above; the body feels the opposite reaction torque.</summary>
public enum SpinDirection
{
    /// <summary>Clockwise from above: the rotor turns about +Z (down) of FRD; the body is pushed to yaw left.</summary>
    Clockwise = 1,

    /// <summary>Counter-clockwise from above: the body is pushed to yaw right.</summary>
    CounterClockwise = -1,
}

/// <summary>One motor: where it sits relative to the centre of mass (body FRD, m) and which way it spins.</summary>
public sealed record MotorDefinition(Vector3 PositionFrdM, SpinDirection Spin);
