using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>A camera-on straight pass: the camera shoots at <see cref="Start"/>, every trigger distance, and at <see cref="End"/>.</summary>
public readonly record struct SurveyPass(Vec2 Start, Vec2 End)
{
    public double LengthM => Vec2.Distance(Start, End);
}

public enum SurveyWaypointKind
{
    /// <summary>Turnaround point before a pass (camera off).</summary>
    TurnaroundIn,
    PassStart,
    PassEnd,

    /// <summary>Turnaround point after a pass (camera off).</summary>
    TurnaroundOut,
}

public readonly record struct SurveyWaypoint(Vec2 PositionNedM, SurveyWaypointKind Kind);

/// <summary>A lawnmower survey: passes in flight order and the route (waypoints) that flies them.</summary>
public sealed record SurveyPattern(
    double SweepHeadingDeg,
    double LineSpacingM,
    double TriggerDistanceM,
    int BandCount,
    IReadOnlyList<SurveyPass> Passes,
    IReadOnlyList<SurveyWaypoint> Route)
{
    public double RouteLengthM
    {
        get
        {
            double sum = 0;
            for (int i = 1; i < Route.Count; i++)
            {
                sum += Vec2.Distance(Route[i - 1].PositionNedM, Route[i].PositionNedM);
            }

            return sum;
        }
    }
}
