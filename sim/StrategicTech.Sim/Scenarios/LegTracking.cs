using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// How far truth strayed sideways from the straight legs of a flown mission (horizontal, home frame): leg k runs
/// from waypoint k−1 (the take-off point for the first) to waypoint k while item k is current, and the return leg
/// from the last waypoint to home while an item after it is current. Each row counts against the segment (the
/// distance to the nearer end beyond it), so an overshoot at a corner counts too.
/// </summary>
public static class LegTracking
{
    /// <summary>Worst horizontal distance of truth from each leg's segment (m), in leg order; the return leg last.</summary>
    public static IReadOnlyList<LegDeviation> WorstPerLeg(VehicleResult vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        IReadOnlyList<WaypointResult> waypoints = vehicle.Waypoints;
        var legs = new List<LegDeviation>();
        if (waypoints.Count == 0)
        {
            return legs;
        }

        for (int k = 0; k < waypoints.Count; k++)
        {
            WaypointResult to = waypoints[k];
            (double fromN, double fromE) = k == 0 ? (0.0, 0.0) : (waypoints[k - 1].NorthM, waypoints[k - 1].EastM);
            legs.Add(Worst(vehicle.Log, row => row.MissionIndex == to.Index, fromN, fromE, to.NorthM, to.EastM, "leg to waypoint " + to.Seq));
        }

        WaypointResult last = waypoints[^1];
        legs.Add(Worst(vehicle.Log, row => row.MissionIndex > last.Index, last.NorthM, last.EastM, 0, 0, "return leg"));
        return legs;
    }

    /// <summary>Horizontal distance from (n, e) to the segment a→b (m).</summary>
    public static double DistanceToSegmentM(double n, double e, double aN, double aE, double bN, double bE)
    {
        double dN = bN - aN, dE = bE - aE;
        double lengthSquared = (dN * dN) + (dE * dE);
        double t = lengthSquared < 1e-12 ? 0 : Math.Clamp((((n - aN) * dN) + ((e - aE) * dE)) / lengthSquared, 0, 1);
        double pN = aN + (t * dN) - n, pE = aE + (t * dE) - e;
        return Math.Sqrt((pN * pN) + (pE * pE));
    }

    private static LegDeviation Worst(IReadOnlyList<TruthEstimateRow> log, Func<TruthEstimateRow, bool> onLeg, double aN, double aE, double bN, double bE, string name)
    {
        double worst = 0;
        int rows = 0;
        foreach (TruthEstimateRow row in log)
        {
            if (!row.Armed || !onLeg(row))
            {
                continue;
            }

            Vector3 p = row.TruthPositionNedM;
            worst = Math.Max(worst, DistanceToSegmentM(p.X, p.Y, aN, aE, bN, bE));
            rows++;
        }

        return new LegDeviation(name, worst, rows);
    }
}

/// <summary>One leg's worst horizontal deviation from its segment on truth (m) over <see cref="Rows"/> log rows.</summary>
public sealed record LegDeviation(string Leg, double WorstM, int Rows);
