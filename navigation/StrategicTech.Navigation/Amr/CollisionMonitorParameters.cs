namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Nav2 collision_monitor set-up: a stop polygon, a slowdown polygon with its ratio, and an approach footprint
/// simulated forward along the command (<see cref="TimeBeforeCollisionS"/>), each triggered by at least
/// <see cref="MinPoints"/> scan points. Polygons are in the base frame.
/// </summary>
public sealed record CollisionMonitorParameters
{
    public required CollisionPolygon StopPolygon { get; init; }

    public required CollisionPolygon SlowdownPolygon { get; init; }

    /// <summary>The robot's footprint for the approach check; null disables it.</summary>
    public CollisionPolygon? Footprint { get; init; }

    public double SlowdownRatio { get; init; } = 0.3;

    /// <summary>The approach check keeps at least this long between the robot and the first collision on its current arc.</summary>
    public double TimeBeforeCollisionS { get; init; } = 1.2;

    public double SimulationStepS { get; init; } = 0.1;

    public int MinPoints { get; init; } = 3;

    /// <summary>No scan newer than this: stop (Nav2's source_timeout).</summary>
    public long SourceTimeoutUs { get; init; } = 500_000;

    public int MaxPoints { get; init; } = 2048;

    /// <summary>A TurtleBot-sized default: stop box 0.2 m ahead of a radius-<paramref name="robotRadiusM"/> base, slowdown box 0.6 m ahead.</summary>
    public static CollisionMonitorParameters ForRoundRobot(double robotRadiusM) => new()
    {
        StopPolygon = CollisionPolygon.Box(0, robotRadiusM + 0.2, robotRadiusM + 0.02),
        SlowdownPolygon = CollisionPolygon.Box(0, robotRadiusM + 0.6, robotRadiusM + 0.1),
        Footprint = CollisionPolygon.Circle(robotRadiusM + 0.02),
    };

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(StopPolygon);
        ArgumentNullException.ThrowIfNull(SlowdownPolygon);
        if (!(SlowdownRatio is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SlowdownRatio), SlowdownRatio, "must be in [0, 1]");
        }

        AmrParameterChecks.Positive(TimeBeforeCollisionS, nameof(TimeBeforeCollisionS));
        AmrParameterChecks.Positive(SimulationStepS, nameof(SimulationStepS));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPoints, 1, nameof(MinPoints));
        ArgumentOutOfRangeException.ThrowIfLessThan(SourceTimeoutUs, 1, nameof(SourceTimeoutUs));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPoints, 1, nameof(MaxPoints));
    }
}
