using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>Waypoints reduced to the corners of the path: duplicates dropped, collinear points merged.</summary>
internal static class PathCorners
{
    public static List<Vector3> Simplify(ReadOnlySpan<Vector3> waypoints, double collinearToleranceRad)
    {
        if (waypoints.Length < 1)
        {
            throw new ArgumentException("a trajectory needs at least one waypoint", nameof(waypoints));
        }

        var corners = new List<Vector3>();
        for (int i = 0; i < waypoints.Length; i++)
        {
            Vector3 p = waypoints[i];
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z))
            {
                throw new ArgumentException($"waypoint {i} is not finite: {p}", nameof(waypoints));
            }

            if (corners.Count > 0 && (p - corners[^1]).Length == 0)
            {
                continue;
            }

            if (corners.Count >= 2 && TurnAngleRad(corners[^2], corners[^1], p) < collinearToleranceRad)
            {
                corners[^1] = p;
                continue;
            }

            corners.Add(p);
        }

        return corners;
    }

    /// <summary>Angle between the directions a→b and b→c (0 = straight on, π = reversal).</summary>
    public static double TurnAngleRad(Vector3 a, Vector3 b, Vector3 c)
    {
        Vector3 d1 = (b - a).Normalized();
        Vector3 d2 = (c - b).Normalized();
        return Math.Atan2(Vector3.Cross(d1, d2).Length, Vector3.Dot(d1, d2));
    }
}
