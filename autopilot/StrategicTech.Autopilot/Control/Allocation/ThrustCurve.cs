namespace StrategicTech.Autopilot.Control.Allocation;

/// <summary>
/// Motor thrust model used to turn the allocator's thrust fractions (linear in thrust) into motor commands, as PX4's
/// THR_MDL_FAC: thrust/T_max = f·u² + (1 − f)·u for command u in [0, 1]. f = 0 for ESCs/motors whose thrust is
/// already linear in the command; f = 1 when the command sets rotor speed linearly (thrust ∝ speed²).
/// </summary>
public sealed class ThrustCurve
{
    public ThrustCurve(double quadraticFactor)
    {
        ParameterCheck.InRange(quadraticFactor, 0, 1, nameof(ThrustCurve), nameof(quadraticFactor));
        QuadraticFactor = quadraticFactor;
    }

    public static ThrustCurve Linear { get; } = new(0);

    public double QuadraticFactor { get; }

    /// <summary>Thrust fraction produced by command <paramref name="command"/> (both in [0, 1]).</summary>
    public double ThrustFraction(double command)
    {
        double f = QuadraticFactor;
        return (f * command * command) + ((1 - f) * command);
    }

    /// <summary>Command that produces <paramref name="thrustFraction"/> (clamped to [0, 1]): the positive root of f·u² + (1 − f)·u − t.</summary>
    public double Command(double thrustFraction)
    {
        double t = Math.Clamp(thrustFraction, 0.0, 1.0);
        double f = QuadraticFactor;
        if (f < 1e-9)
        {
            return t;
        }

        double b = 1 - f;

        // Written as 2t / (b + √(b² + 4ft)) to stay accurate when f is small (no cancellation).
        double root = Math.Sqrt((b * b) + (4 * f * t));
        return b + root > 0 ? Math.Clamp(2 * t / (b + root), 0.0, 1.0) : 0.0;
    }

    /// <summary>Converts thrust fractions to commands in place.</summary>
    public void ToCommands(Span<double> motors)
    {
        if (QuadraticFactor < 1e-9)
        {
            return;
        }

        for (int i = 0; i < motors.Length; i++)
        {
            motors[i] = Command(motors[i]);
        }
    }
}
