using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.Tests.Sitl;

namespace StrategicTech.Sim.Tests.Mavlink;

/// <summary>A ground station flies a SITL quad over MAVLink only (in memory, lockstep, deterministic).</summary>
public sealed class SitlMavlinkMissionTests
{
    internal static MissionPlanItem[] SmallMission()
    {
        var home = new LocalNedFrame(SimulationEnvironment.Default.Home);
        GeodeticPosition a = home.FromNed(new Vector3(12, 0, 0));
        GeodeticPosition b = home.FromNed(new Vector3(12, 12, 0));
        return
        [
            Item(MavCmd.NavTakeoff, 0, 0, 6),
            Item(MavCmd.NavWaypoint, E7(a.LatitudeDeg), E7(a.LongitudeDeg), 6),
            Item(MavCmd.NavWaypoint, E7(b.LatitudeDeg), E7(b.LongitudeDeg), 6),
            Item(MavCmd.NavLand, E7(b.LatitudeDeg), E7(b.LongitudeDeg), 0),
        ];
    }

    [Fact]
    public void Upload_arm_start_reaches_every_item_and_lands()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        using var tlog = new MemoryStream();
        var ground = new GroundStation(vehicle, new VehicleMavlinkLinkOptions { TlogStream = tlog });
        Assert.True(ground.RunUntil(() => vehicle.ReadyToArm, 30_000_000), "EKF never ready");
        ground.RunUntil(() => false, 1_100_000);

        // "Ready To Fly" as QGroundControl reads it: SYS_STATUS pre-arm check healthy once arming checks pass, not before.
        List<SysStatus> sysStatus = ground.All<SysStatus>();
        Assert.Equal(MavSysStatusSensor.MavSysStatusPrearmCheck, sysStatus[^1].OnboardControlSensorsHealth & MavSysStatusSensor.MavSysStatusPrearmCheck);
        Assert.Equal((MavSysStatusSensor)0, sysStatus[0].OnboardControlSensorsHealth & MavSysStatusSensor.MavSysStatusPrearmCheck);
        Assert.Equal(GpsFixType.Type3dFix, ground.All<GpsRawInt>()[^1].FixType);

        MissionPlanItem[] mission = SmallMission();
        ground.Await(ground.Missions.UploadAsync(MavMissionType.Mission, mission));
        Assert.Equal(mission.Length, vehicle.Commands.Status.MissionItemCount);
        IReadOnlyList<MissionPlanItem> readBack = ground.Await(ground.Missions.DownloadAsync(MavMissionType.Mission));
        Assert.Equal(mission, readBack);

        Assert.Equal(MavResult.Accepted, ground.Command(MavCmd.ComponentArmDisarm, 1));
        Assert.Equal(MavResult.Accepted, ground.Command(MavCmd.MissionStart, 0, mission.Length - 1));
        Assert.True(ground.RunUntil(() => !vehicle.Commands.Status.Armed && vehicle.Commands.Status.MissionFinished, 120_000_000),
            $"mission not flown: mode {vehicle.Commands.Status.Mode}, current {vehicle.Commands.Status.MissionCurrentIndex}, reached {vehicle.Commands.Status.ReachedCount}");
        ground.RunUntil(() => false, 1_500_000); // one more EXTENDED_SYS_STATE period

        List<MissionItemReached> reached = ground.All<MissionItemReached>();
        Assert.Equal([0, 1, 2, 3], reached.Select(r => (int)r.Seq));
        Assert.Equal(MavLandedState.OnGround, ground.All<ExtendedSysState>()[^1].LandedState);
        Assert.Contains(ground.All<ExtendedSysState>(), s => s.LandedState == MavLandedState.InAir);
        Heartbeat last = ground.All<Heartbeat>()[^1];
        Assert.Equal(0, (int)(last.BaseMode & MavModeFlag.SafetyArmed));
        Assert.Equal(MavAutopilot.Px4, last.Autopilot);
        Assert.Contains(ground.All<Heartbeat>(), h => h.CustomMode == 0x0404_0000u && (h.BaseMode & MavModeFlag.SafetyArmed) != 0);
        Assert.Contains(ground.All<Statustext>(), t => MavlinkText.ToString(t.Text) == "Armed");

        // Telemetry is the estimate placed on the map: the landing point is the last waypoint, within GNSS error.
        GlobalPositionInt position = ground.All<GlobalPositionInt>()[^1];
        // 1e-7 deg of latitude ≈ 1.1 cm. Measured −9 (0.10 m); bound ± 14. Longitude measured +1 (≈ 0 by chance);
        // bound ± 14, the latitude's budget (≈ 0.11 m at 47°). Height measured 114 mm; bound ± 170 mm.
        Assert.InRange(position.Lat, mission[3].X - 14, mission[3].X + 14);
        Assert.InRange(position.Lon, mission[3].Y - 14, mission[3].Y + 14);
        Assert.InRange(position.RelativeAlt, -170, 170);

        // The tlog holds both directions and reads back through the tlog reader.
        ground.Bridge.Dispose();
        ReadOnlySpan<byte> bytes = tlog.ToArray();
        var reader = new MavlinkTlogReader(new MavlinkParser(CommonDialect.Instance));
        int records = 0;
        int fromGround = 0;
        long previousUs = 0;
        while (reader.TryRead(ref bytes, out long timeUs, out MavlinkFrame frame))
        {
            records++;
            fromGround += frame.SystemId == 255 ? 1 : 0;
            Assert.True(timeUs >= previousUs, "tlog times go back");
            previousUs = timeUs;
        }

        Assert.Equal(0, reader.SkippedBytes);
        Assert.True(records > 1400, $"only {records} tlog records"); // measured 2139; bound 1400 (measured / 1.5)
        Assert.True(fromGround >= 9, $"{fromGround} ground frames logged"); // measured 13; bound 9 (measured / 1.5)
        // Last record's time: measured 51.76 s after the epoch; bound within about 15 % of it.
        Assert.InRange(previousUs - VehicleMavlinkLinkOptions.DefaultTlogEpochUnixUs, 44_000_000, 59_500_000);
    }

    [Fact]
    public void The_same_run_writes_the_same_tlog_bytes()
    {
        byte[] Run()
        {
            SitlVehicle vehicle = SitlFixtures.CreateQuad();
            using var tlog = new MemoryStream();
            var ground = new GroundStation(vehicle, new VehicleMavlinkLinkOptions { TlogStream = tlog });
            Assert.True(ground.RunUntil(() => vehicle.ReadyToArm, 30_000_000));
            Assert.Equal(MavResult.Accepted, ground.Command(MavCmd.ComponentArmDisarm, 1));
            Assert.Equal(MavResult.Accepted, ground.Command(MavCmd.NavTakeoff, p7: float.NaN));
            ground.RunUntil(() => false, 5_000_000);
            ground.Bridge.Dispose();
            return tlog.ToArray();
        }

        byte[] first = Run();
        byte[] second = Run();
        Assert.True(first.Length > 24_600, $"tlog of {first.Length} bytes"); // measured 36 947 bytes; bound 24 600 (measured / 1.5)
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_flying_step_with_the_bridge_attached_allocates_nothing()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        using VehicleMavlinkLink bridge = VehicleMavlinkLink.AttachInMemory(vehicle.Vehicle, new NullSink());
        Assert.True(vehicle.StepUntil(v => v.ReadyToArm, 30_000_000));
        Assert.Equal(Autopilot.Flight.CommandOutcome.Accepted, vehicle.Commands.Takeoff(double.NaN));
        vehicle.StepFor(3_000_000);
        Assert.False(vehicle.Commands.Status.LandState == Autopilot.Control.Detection.LandState.Landed);

        // 10 s of flight: telemetry streams, heartbeat, queue draining, status polling.
        TestSupport.Allocations.AssertZero(() => vehicle.StepFor(20_000), 500);
        Assert.True(bridge.Endpoint.Heartbeat.Sent >= 12);
    }

    private sealed class NullSink : Drivers.Mavlink.Microservices.IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }

    [Fact]
    public void A_mission_the_vehicle_refuses_is_nacked_and_the_old_one_stays_on_both_sides()
    {
        SitlVehicle vehicle = SitlFixtures.CreateQuad();
        var ground = new GroundStation(vehicle);
        MissionPlanItem[] mission = SmallMission();
        ground.Await(ground.Missions.UploadAsync(MavMissionType.Mission, mission));
        Assert.Equal(mission.Length, vehicle.Commands.Status.MissionItemCount);

        // DO_JUMP to seq 9 of a 3-item list: the commander refuses it, so the final ACK must not say ACCEPTED.
        MissionPlanItem[] bad = [mission[0], mission[1], Item(MavCmd.DoJump, 0, 0, 0) with { Frame = MavFrame.Mission, Param1 = 9, Param2 = 1 }];
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => ground.Await(ground.Missions.UploadAsync(MavMissionType.Mission, bad)));
        Assert.Contains("refused with MavMissionError", error.Message, StringComparison.Ordinal);
        Assert.Equal(mission.Length, vehicle.Commands.Status.MissionItemCount);
        Assert.Equal(mission, ground.Await(ground.Missions.DownloadAsync(MavMissionType.Mission)));
    }

    private static MissionPlanItem Item(MavCmd command, int latE7, int lonE7, float altitudeM) =>
        new(MavFrame.GlobalRelativeAltInt, command, Current: false, Autocontinue: true, 0, 0, 0, float.NaN, latE7, lonE7, altitudeM);

    private static int E7(double degrees) => (int)Math.Round(degrees * 1e7);
}
