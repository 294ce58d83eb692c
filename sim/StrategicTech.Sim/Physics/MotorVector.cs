using System.Runtime.CompilerServices;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// A fixed-size inline buffer of one double per motor (up to <see cref="AirframeDefinition.MaxMotors"/>), so a
/// state carrying motor speeds stays a plain struct with no heap array.
/// </summary>
[InlineArray(AirframeDefinition.MaxMotors)]
public struct MotorVector
{
    private double _element0;
}
