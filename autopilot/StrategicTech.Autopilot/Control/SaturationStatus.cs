namespace StrategicTech.Autopilot.Control;

/// <summary>
/// Which way each allocated axis fell short of its demand: +1 the motors delivered less than demanded (the axis
/// cannot go higher), −1 they delivered more (cannot go lower), 0 delivered. The rate controller freezes its
/// integrator in the saturated direction of an axis.
/// </summary>
public readonly record struct SaturationStatus(sbyte Roll, sbyte Pitch, sbyte Yaw, sbyte Thrust)
{
    public static SaturationStatus None => default;

    public bool Any => Roll != 0 || Pitch != 0 || Yaw != 0 || Thrust != 0;

    /// <summary>The status of torque axis 0 (roll), 1 (pitch) or 2 (yaw).</summary>
    public int TorqueAxis(int axis) => axis switch
    {
        0 => Roll,
        1 => Pitch,
        _ => Yaw,
    };
}
