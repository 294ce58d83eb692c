using System.Diagnostics;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// The demo flight: a quad on the ground waits for its EKF, arms, takes off, flies a square mission of
/// <c>sideM</c> at <c>heightM</c> above home and returns to land, at maximum speed in lockstep.
/// </summary>
public static class SquareFlight
{
    private const long EkfTimeoutUs = 30_000_000;
    private const long MissionTimeoutUs = 600_000_000;

    public static SquareFlightReport Run(ulong seed = 1, double sideM = 20, double heightM = 10, string airframe = "quad_x")
    {
        long startTicks = Stopwatch.GetTimestamp();
        var v = new SitlVehicle(AirframeLoader.LoadBuiltIn(airframe), SimulationEnvironment.Default with { Seed = seed }, sensorSeed: seed);
        v.StepUntil(x => x.ReadyToArm, EkfTimeoutUs);
        v.StepFor(1_000_000);
        Vector3 homeTruth = v.Truth.PositionNedM;
        LocalNedFrame world = v.Physics.HomeFrame;
        Vector3[] corners = [new(sideM, 0, 0), new(sideM, sideM, 0), new(0, sideM, 0)];
        var items = new List<MissionItem>
        {
            new(1, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, double.NaN, double.NaN, heightM, true),
        };
        foreach (Vector3 c in corners)
        {
            GeodeticPosition p = world.FromNed(homeTruth + c);
            items.Add(MissionItem.Waypoint(items.Count + 1, MavFrame.GlobalRelativeAlt, p.LatitudeRad * 180 / Math.PI, p.LongitudeRad * 180 / Math.PI, heightM));
        }

        items.Add(MissionItem.CommandItem(items.Count + 1, MavCmd.NavReturnToLaunch));

        double maxEkf = 0, maxCorner = 0;
        int lastIndex = 0;
        if (v.StartMission(items))
        {
            long endUs = v.Clock.TimeUs + MissionTimeoutUs;
            while (!v.Mission!.IsFinished && v.Clock.TimeUs < endUs)
            {
                v.Step();
                maxEkf = Math.Max(maxEkf, v.EkfPositionErrorM);
                int index = v.Mission.CurrentIndex;
                if (index != lastIndex)
                {
                    // Leaving item k (1..3 are the corners): how far truth is from that corner.
                    if (lastIndex >= 1 && lastIndex <= corners.Length)
                    {
                        Vector3 d = v.Truth.PositionNedM - homeTruth - corners[lastIndex - 1];
                        maxCorner = Math.Max(maxCorner, Math.Sqrt((d.X * d.X) + (d.Y * d.Y)));
                    }

                    lastIndex = index;
                }
            }

            v.StepFor(1_000_000);
        }

        Vector3 landing = v.Truth.PositionNedM - homeTruth;
        Vector3 estimatedLanding = v.Estimate.PositionNedM - v.Navigator.HomeNedM;
        return new SquareFlightReport(
            v.Mission.IsFinished && !v.Commander.Armed,
            v.Truth.Landed,
            v.Truth.Crashed,
            v.Clock.TimeUs / 1e6,
            Stopwatch.GetElapsedTime(startTicks).TotalSeconds,
            maxEkf,
            maxCorner,
            Math.Sqrt((landing.X * landing.X) + (landing.Y * landing.Y)),
            Math.Sqrt((estimatedLanding.X * estimatedLanding.X) + (estimatedLanding.Y * estimatedLanding.Y)),
            v.Mission.SkippedItemCount);
    }
}
