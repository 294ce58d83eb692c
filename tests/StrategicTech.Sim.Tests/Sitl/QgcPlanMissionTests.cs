using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Sim.Physics;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Sitl;

/// <summary>
/// QGroundControl's simple square (shared/missions/qgc_simple_square.plan: takeoff to 20 m, four corners of a
/// 220 × 150 m box, no return) flown in Mission mode through the command API, calm and in 8 m/s wind with gusts and
/// turbulence. Each waypoint must be reached (a MISSION_ITEM_REACHED event, the estimate inside its acceptance radius:
/// param2, or NAV_ACC_RAD = 2 m when 0) and the truth must come inside that radius while the item is flown or in the
/// 5 s after the event (the vehicle stops at each corner) — plus, with the default receiver, the receiver's slow error
/// at that moment, which no estimator can see (σ 0.5 m per axis; seed 1 happens to carry ≈ 1.5 m). With drift-free
/// sensors the truth must be inside the radius itself.
/// </summary>
public sealed class QgcPlanMissionTests(ITestOutputHelper output)
{
    public static TheoryData<ulong, bool, bool> Cases => new() { { 1, false, false }, { 2, false, false }, { 1, true, false }, { 3, true, false }, { 1, true, true } };

    [SharedDataTheory]
    [MemberData(nameof(Cases))]
    public void SimpleSquareIsFlownWithEveryWaypointReachedWithinItsAcceptanceRadius(ulong seed, bool windy, bool driftFree)
    {
        MissionPlan plan = QgcPlanReader.ReadFile(SharedData.PathOf("missions", "qgc_simple_square.plan"));
        IReadOnlyList<MissionItem> items = plan.ToMissionItems();
        WindParameters? wind = windy
            ? new WindParameters(new Vector3(-8 * Math.Cos(0.6), -8 * Math.Sin(0.6), 0), new Vector3(1.0, 1.0, 0.4), 3.0, 4.0, 15, 3)
            : null;
        SitlVehicle v = SitlFixtures.Ready(seed, driftFree ? SitlFixtures.DriftFreeSensors : null, wind);
        LocalNedFrame world = v.Physics.HomeFrame;
        var track = new FlightTracker(v);

        Assert.Equal(CommandOutcome.Accepted, v.Commands.ReplaceMission(items));
        Assert.Equal(items.Count, v.Commands.Status.MissionItemCount);
        Assert.Equal(CommandOutcome.Accepted, v.Commands.StartMission());
        Assert.Equal(CommandOutcome.Accepted, v.Commands.Arm());
        Assert.Equal(FlightMode.Mission, v.Commands.Status.Mode);
        var waypointsNed = new Vector3[items.Count];
        var closestM = new double[items.Count];
        for (int k = 0; k < items.Count; k++)
        {
            waypointsNed[k] = world.ToNed(GeodeticPosition.FromDegrees(items[k].LatitudeDeg, items[k].LongitudeDeg, world.Origin.HeightM + items[k].AltitudeM));
            closestM[k] = double.PositiveInfinity;
        }

        double maxTiltDeg = 0;
        string maxTiltAt = "";
        long reachedAtUs = 0;
        long reachedCount = 0;
        Assert.True(track.StepUntil(x =>
        {
            double tiltDeg = Math.Acos(Math.Clamp(x.Truth.Attitude.Rotate(Vector3.UnitZ).Z, -1, 1)) * 180 / Math.PI;
            if (tiltDeg > maxTiltDeg)
            {
                maxTiltDeg = tiltDeg;
                maxTiltAt = $"{x.Clock.TimeUs / 1e6:F2} s, item {x.Commands.Status.MissionCurrentIndex}, nav {x.Navigator.State}, speed {x.Truth.VelocityNedMps.Length:F1} m/s";
            }

            VehicleStatus s = x.Commands.Status;
            if (s.ReachedCount != reachedCount)
            {
                reachedCount = s.ReachedCount;
                reachedAtUs = x.Clock.TimeUs;
            }

            // The item being flown, and the one just reached for 5 s more (the vehicle settles on it).
            Closest(s.MissionCurrentIndex, x.Truth.PositionNedM);
            if (s.LastReachedIndex >= 0 && x.Clock.TimeUs - reachedAtUs <= 5_000_000)
            {
                Closest(s.LastReachedIndex, x.Truth.PositionNedM);
            }

            return s.MissionFinished && x.Clock.TimeUs - reachedAtUs > 5_000_000;
        }, 400_000_000), $"stuck at item {v.Commands.Status.MissionCurrentIndex}, nav {v.Navigator.State}");

        void Closest(int k, Vector3 truthNedM)
        {
            if ((uint)k < (uint)items.Count)
            {
                closestM[k] = Math.Min(closestM[k], SitlFixtures.Horizontal(truthNedM - waypointsNed[k]));
            }
        }

        Assert.Equal(Enumerable.Range(0, items.Count), track.Reached);
        var distances = new List<string>();
        for (int k = 0; k < items.Count; k++)
        {
            MissionItem item = items[k];
            if (item.Command != MavCmd.NavWaypoint)
            {
                continue;
            }

            double radiusM = item.Param2 > 0 ? item.Param2 : v.Commander.Parameters.MissionAcceptanceRadiusM;
            Vector3 wp = waypointsNed[k];
            double atReachedM = SitlFixtures.Horizontal(track.ReachedTruthPositions[k] - wp);
            double estimatedM = SitlFixtures.Horizontal(track.ReachedEstimatedPositions[k] - wp);
            distances.Add($"{closestM[k]:F2} (at the event {atReachedM:F2}, estimate {estimatedM:F2}, receiver error {SitlFixtures.Horizontal(track.ReachedGnssSlowErrors[k]):F2})");
            Assert.True(estimatedM <= radiusM, $"waypoint {k}: reached with the estimate {estimatedM:F2} m away (radius {radiusM} m)");
            double receiverErrorM = SitlFixtures.Horizontal(track.ReachedGnssSlowErrors[k]);
            double allowedM = radiusM + (driftFree ? 0 : receiverErrorM);
            Assert.True(closestM[k] <= allowedM, $"waypoint {k}: truth came no closer than {closestM[k]:F2} m (radius {radiusM} m, receiver error {receiverErrorM:F2} m)");
            // The radius bounds above are the mission's own acceptance rule (measured: estimate at most 1.97 m of 2 m, in wind;
            // truth at most 1.77 m of the allowed 3.46 m), not tolerances.
            // Height at the event: measured at most 0.25 m (seed 3, wind) over the five cases; bound 0.37 m.
            Assert.InRange(-(track.ReachedTruthPositions[k].Z - wp.Z), -0.37, 0.37);
        }

        output.WriteLine($"seed {seed} wind {windy} drift-free {driftFree}: {v.Clock.TimeUs / 1e6:F0} s, closest truth approach to each waypoint (m): {string.Join(", ", distances)}, max tilt {maxTiltDeg:F1}° ({maxTiltAt}), {track.Figures()}");
        if (!windy)
        {
            // MPC_ACC_HOR = 3 m/s² is ≈ 17° of tilt; with the jerk-limited profile the leg starts no longer step
            // (26° before). What remains is the profile's 3 m/s² plus the airframe's drag at ≈ 4 m/s (≈ 1.1 m/s²)
            // late in the acceleration: ≈ 22.8°.
            Assert.True(maxTiltDeg <= 23.5, $"peak tilt {maxTiltDeg:F1}° at {maxTiltAt}"); // measured 22.80° (seed 2), 22.94° (seed 1); bound 23.5°
        }

        Assert.True(v.Commands.Status.Armed); // the plan has no landing: it holds at the last corner
        Assert.Equal(FlightMode.Mission, v.Commands.Status.Mode);
        Assert.Equal(0, v.Commands.Status.MissionSkippedCount);
        track.AssertEstimatorBounds();
    }
}
