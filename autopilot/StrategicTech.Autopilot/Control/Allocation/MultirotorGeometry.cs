namespace StrategicTech.Autopilot.Control.Allocation;

/// <summary>
/// Rotor layout of a multirotor whose rotors all thrust along body −Z. <see cref="YawMomentRatioM"/> is the rotor
/// drag torque per unit thrust (N·m/N). Motor order is the output order.
/// </summary>
public sealed class MultirotorGeometry
{
    public MultirotorGeometry(string name, IReadOnlyList<Motor> motors, double yawMomentRatioM)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(motors);
        ParameterCheck.That(motors.Count >= 4 && motors.Count <= 16, name, $"needs 4..16 motors, got {motors.Count}");
        ParameterCheck.InRange(yawMomentRatioM, 1e-4, 1.0, name, nameof(yawMomentRatioM));
        for (int i = 0; i < motors.Count; i++)
        {
            Motor m = motors[i];
            ParameterCheck.That(
                double.IsFinite(m.ForwardM) && double.IsFinite(m.RightM) && Math.Abs(m.ForwardM) < 10 && Math.Abs(m.RightM) < 10,
                name,
                $"motor {i + 1} position ({m.ForwardM}, {m.RightM}) m is not finite or beyond 10 m");
            ParameterCheck.That(Enum.IsDefined(m.Spin), name, $"motor {i + 1} has an invalid spin {(int)m.Spin}");
        }

        Name = name;
        Motors = [.. motors];
        YawMomentRatioM = yawMomentRatioM;
    }

    public string Name { get; }

    public IReadOnlyList<Motor> Motors { get; }

    public double YawMomentRatioM { get; }

    public int MotorCount => Motors.Count;

    /// <summary>
    /// Quad X in PX4 order: 1 front-right CCW, 2 rear-left CCW, 3 front-left CW, 4 rear-right CW.
    /// </summary>
    public static MultirotorGeometry QuadX(double armLengthM = 0.25, double yawMomentRatioM = 0.016) => new(
        "quad-x",
        [
            Motor.OnArm(45, armLengthM, MotorSpin.CounterClockwise),
            Motor.OnArm(225, armLengthM, MotorSpin.CounterClockwise),
            Motor.OnArm(315, armLengthM, MotorSpin.Clockwise),
            Motor.OnArm(135, armLengthM, MotorSpin.Clockwise),
        ],
        yawMomentRatioM);

    /// <summary>
    /// Hex X in PX4 order: arms at 90° CW, 270° CCW, 330° CW, 150° CCW, 30° CCW, 210° CW (clockwise from the nose).
    /// </summary>
    public static MultirotorGeometry HexX(double armLengthM = 0.275, double yawMomentRatioM = 0.016) => new(
        "hex-x",
        [
            Motor.OnArm(90, armLengthM, MotorSpin.Clockwise),
            Motor.OnArm(270, armLengthM, MotorSpin.CounterClockwise),
            Motor.OnArm(330, armLengthM, MotorSpin.Clockwise),
            Motor.OnArm(150, armLengthM, MotorSpin.CounterClockwise),
            Motor.OnArm(30, armLengthM, MotorSpin.CounterClockwise),
            Motor.OnArm(210, armLengthM, MotorSpin.Clockwise),
        ],
        yawMomentRatioM);
}
