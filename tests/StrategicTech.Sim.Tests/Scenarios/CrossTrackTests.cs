using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Scenarios;

/// <summary>
/// Auto legs fly along the line between waypoints in the demo's 8 m/s crosswind with gusts, and each waypoint is
/// reported reached with truth inside its acceptance radius (judged on truth).
/// </summary>
public sealed class CrossTrackTests(ITestOutputHelper output)
{
    [Fact]
    public void Demo_legs_in_wind_stay_within_4_5_m_of_their_lines_and_waypoints_are_reached_on_truth_for_seeds_1_to_3()
    {
        Scenario demo = ScenarioLoader.LoadBuiltIn("demo");
        double worstAny = 0, worstFirst = 0, worstTruthAtReachedM = 0;
        for (ulong seed = 1; seed <= 3; seed++)
        {
            VehicleResult v = Assert.Single(ScenarioRunner.Run(demo, new ScenarioRunOptions { Seed = seed }).Vehicles);
            IReadOnlyList<LegDeviation> legs = LegTracking.WorstPerLeg(v);
            output.WriteLine($"seed {seed}: " + string.Join(", ", legs.Select(l => $"{l.Leg} {l.WorstM:F2} m ({l.Rows})")));
            Assert.Equal(7, legs.Count);
            Assert.All(legs, l => Assert.True(l.Rows > 50, $"{l.Leg}: only {l.Rows} rows"));
            worstAny = Math.Max(worstAny, legs.Max(l => l.WorstM));
            worstFirst = Math.Max(worstFirst, legs[0].WorstM);

            output.WriteLine($"seed {seed}: truth at the reached reports " + string.Join(", ", v.Waypoints.Select(w => $"{w.TruthAtReachedM:F2}/{w.AcceptanceRadiusM:F1} m")));
            Assert.All(v.Waypoints, w => Assert.True(w.TruthWithinAcceptance, $"seed {seed}, waypoint {w.Seq}: truth {w.TruthAtReachedM:F2} m from it when reported reached (radius {w.AcceptanceRadiusM} m)"));
            worstTruthAtReachedM = Math.Max(worstTruthAtReachedM, v.Waypoints.Max(w => w.TruthAtReachedM));
        }

        output.WriteLine($"worst {worstAny:F2} m, first leg {worstFirst:F2} m, truth at reached {worstTruthAtReachedM:F2} m");

        // Before the time stretch and the cross-track term: worst 8.88 / 3.80 / 1.70 m (seeds 1–3; the return leg of
        // seed 1 bowed 8.9 m east of its line in a gust), first leg 3.77 / 3.80 / 1.70 m.
        Assert.InRange(worstAny, 0, 4.5); // measured 3.24 m (seed 1, return leg: 1.5 m of it drift in a gust while hovering before the leg); bound 4.5 m
        Assert.InRange(worstFirst, 0, 2.4); // measured 1.60 m (seed 1); bound 2.4 m
        Assert.InRange(worstTruthAtReachedM, 0, 1.8); // measured 1.26 m (seed 1) inside NAV_ACC_RAD 2 m; bound 1.8 m
    }

    [Theory]
    [InlineData(5, 3, 0, 0, 10, 0, 3)] // beside the middle
    [InlineData(-4, 3, 0, 0, 10, 0, 5)] // before the start: distance to the start
    [InlineData(13, 4, 0, 0, 10, 0, 5)] // beyond the end: distance to the end
    [InlineData(1, 1, 2, 2, 2, 2, 1.4142135623730951)] // a zero-length segment is a point
    public void Distance_to_segment_is_perpendicular_inside_and_to_the_nearer_end_outside(double n, double e, double aN, double aE, double bN, double bE, double expected)
    {
        Assert.Equal(expected, LegTracking.DistanceToSegmentM(n, e, aN, aE, bN, bE), 9);
    }
}
