namespace StrategicTech.Autopilot.Control.Allocation;

/// <summary>Propeller rotation seen from above. A counter-clockwise rotor pushes the body clockwise (positive NED yaw).</summary>
public enum MotorSpin
{
    Clockwise = -1,
    CounterClockwise = 1,
}
