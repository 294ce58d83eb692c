using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight;

public sealed class CommanderTests
{
    [Theory]
    [InlineData(false, true, 1.0, 0.0, ArmingDenial.EstimatorNotReady)]
    [InlineData(true, false, 1.0, 0.0, ArmingDenial.NoGnssFix)]
    [InlineData(true, true, 0.10, 0.0, ArmingDenial.BatteryLow)]
    [InlineData(true, true, 1.0, 40.0, ArmingDenial.TiltTooLarge)]
    [InlineData(true, true, 1.0, 20.0, ArmingDenial.None)]
    public void ArmingChecksDenyWithTheFirstFailingReason(bool estimatorReady, bool gnssFix, double battery, double tiltDeg, ArmingDenial expected)
    {
        var v = new KinematicVehicle();
        v.Health = v.Health with { EstimatorReady = estimatorReady, HasGnssFix = gnssFix, BatteryRemainingFraction = battery };
        v.State = v.State with { AttitudeNed = Quaternion.FromEuler(tiltDeg * Math.PI / 180, 0, 0) };
        v.Step();
        CommandOutcome outcome = v.Commander.Arm();
        Assert.Equal(expected == ArmingDenial.None ? CommandOutcome.Accepted : CommandOutcome.Denied, outcome);
        Assert.Equal(expected, v.Commander.Status.LastArmingDenial);
        Assert.Equal(expected == ArmingDenial.None, v.Commander.Status.Armed);
        if (expected != ArmingDenial.None)
        {
            Assert.StartsWith("Arming denied: ", v.Commander.Status.StatusTexts.Latest.Text, StringComparison.Ordinal);

            // Forced arming skips the checks.
            Assert.Equal(CommandOutcome.Accepted, v.Commander.Arm(force: true));
            Assert.True(v.Commander.Status.Armed);
        }
    }

    [Fact]
    public void ModesThatNeedAStreamOrAMissionAreRefusedWithoutOne()
    {
        var v = new KinematicVehicle();
        Assert.Equal(CommandOutcome.Denied, v.Commander.SetMode(FlightMode.Offboard));
        Assert.Equal(CommandOutcome.Denied, v.Commander.SetMode(FlightMode.Position));
        Assert.Equal(CommandOutcome.Denied, v.Commander.SetMode(FlightMode.Mission));
        Assert.Equal(CommandOutcome.Denied, v.Commander.SetMode(FlightMode.ReturnToLaunch)); // no home before the first arming
        Assert.Equal(CommandOutcome.Unsupported, v.Commander.SetMode((FlightMode)42));
        Assert.Equal(CommandOutcome.Failed, v.Commander.Takeoff(-3));
        Assert.Equal(CommandOutcome.Denied, v.Commander.StartMission());
        Assert.Equal(FlightMode.Hold, v.Commander.Status.Mode);

        v.Commander.SetManualInput(ManualInput.Centered(v.TimeUs));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetMode(FlightMode.Position));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetOffboardSetpoint(OffboardSetpoint.Position(v.TimeUs, new Vector3(1, 2, -3), 0)));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetMode(FlightMode.Offboard));
        Assert.Equal(CommandOutcome.Unsupported, v.Commander.SetOffboardSetpoint(new OffboardSetpoint(v.TimeUs, OffboardTypeMask.IgnorePosition | OffboardTypeMask.IgnoreVelocity, default, default, new Vector3(0, 0, -1), 0, 0)));
        Assert.Equal(CommandOutcome.Failed, v.Commander.SetOffboardSetpoint(OffboardSetpoint.Position(v.TimeUs, new Vector3(double.NaN, 0, 0), 0)));

        // Stale stream: half a second later the mode is refused again.
        for (int i = 0; i < 30; i++)
        {
            v.Step();
        }

        Assert.Equal(CommandOutcome.Denied, v.Commander.SetMode(FlightMode.Offboard));
    }

    [Fact]
    public void AMissionWithABrokenJumpIsRefusedWholeAndTheOldOneKept()
    {
        var v = new KinematicVehicle();
        MissionItem[] good = [new(0, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, double.NaN, double.NaN, 5, true)];
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceMission(good));
        int version = v.Commander.Status.MissionVersion;
        MissionItem[] bad = [.. good, MissionItem.CommandItem(1, MavCmd.DoJump, 7, 1)];
        Assert.Equal(CommandOutcome.Failed, v.Commander.ReplaceMission(bad));
        Assert.Equal(1, v.Commander.Status.MissionItemCount);
        Assert.Equal(version, v.Commander.Status.MissionVersion);
        Assert.Contains("DO_JUMP to seq 7", v.Commander.Status.StatusTexts.Latest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MissionItemsRunInOrderWithHoldsDelaysLoitersJumpsAndFrames()
    {
        var v = new KinematicVehicle();
        (double lat1, double lon1) = v.At(20, 0);
        (double lat2, double lon2) = v.At(20, 20);
        MissionItem[] items =
        [
            new(0, MavFrame.GlobalRelativeAlt, MavCmd.NavTakeoff, 0, 0, 0, double.NaN, double.NaN, double.NaN, 10, true),
            new(1, MavFrame.GlobalRelativeAlt, MavCmd.NavWaypoint, 2, 0, 0, 90, lat1, lon1, 10, true), // hold 2 s, yaw 90°
            MissionItem.CommandItem(2, MavCmd.DoChangeSpeed, 1, 10),
            new(3, MavFrame.Global, MavCmd.NavWaypoint, 0, 0, 0, double.NaN, lat2, lon2, 488 + 15, true), // AMSL: 15 m above home
            MissionItem.CommandItem(4, MavCmd.DoJump, 1, 1),
            MissionItem.CommandItem(5, MavCmd.ConditionDelay, 3),
            new(6, MavFrame.GlobalRelativeAlt, MavCmd.NavLoiterTime, 4, 0, 0, 0, lat1, lon1, 12, true),
            MissionItem.CommandItem(7, MavCmd.DoGripper, 1, 1), // not supported: skipped and announced
            new(8, MavFrame.GlobalTerrainAlt, MavCmd.NavWaypoint, 0, 0, 0, 0, lat1, lon1, 12, true), // frame not supported
            new(9, MavFrame.GlobalRelativeAlt, MavCmd.NavLoiterUnlim, 0, 0, 0, 0, lat2, lon2, 12, true),
        ];
        Assert.Equal(CommandOutcome.Accepted, v.Commander.ReplaceMission(items));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.StartMission());
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Arm());
        Assert.Equal(FlightMode.Mission, v.Commander.Status.Mode);

        var reached = new List<(int Index, long TimeUs, Vector3 Position)>();
        long count = 0;
        Assert.True(v.StepUntil(x =>
        {
            VehicleStatus s = x.Commander.Status;
            if (s.ReachedCount != count)
            {
                count = s.ReachedCount;
                reached.Add((s.LastReachedIndex, x.TimeUs, x.State.PositionNedM));
            }

            return s.MissionCurrentIndex == 9 && x.Commander.Navigator.State == AutoState.Hold;
        }, 600));
        v.StepUntil(_ => false, 20);

        Assert.Equal([0, 1, 2, 3, 1, 2, 3, 5, 6], reached.Select(r => r.Index));
        Assert.Equal(-10, reached[0].Position.Z, 6);
        Assert.Equal(-15, reached[3].Position.Z, 3); // AMSL 503 m = 15 m above the 488 m home
        Assert.Equal(20, reached[3].Position.Y, 3);
        Assert.Equal(Math.PI / 2, v.Commander.Navigator.YawRad, 9);
        long delayUs = reached[7].TimeUs - reached[6].TimeUs;
        Assert.InRange(delayUs, 3_000_000, 3_040_000); // measured 3 020 000 µs: the 3 s delay plus one 20 ms step
        Assert.Equal(-12, reached[8].Position.Z, 3);
        Assert.Equal(2, v.Commander.Status.MissionSkippedCount);
        Assert.False(v.Commander.Status.MissionFinished); // loiter unlimited never completes
        Assert.Equal(9, v.Commander.Status.MissionCurrentIndex);

        // MISSION_SET_CURRENT moves on; the mission then finishes at the end of the list.
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetCurrentMissionItem(5));
        Assert.True(v.StepUntil(x => x.Commander.Status.LastReachedIndex == 5, 10));
        Assert.Equal(CommandOutcome.Failed, v.Commander.SetCurrentMissionItem(10));
    }

    [Theory]
    [InlineData(FailsafeAction.Land, FlightMode.Land)]
    [InlineData(FailsafeAction.Hold, FlightMode.Hold)]
    [InlineData(FailsafeAction.ReturnToLaunch, FlightMode.ReturnToLaunch)]
    public void ManualInputLossTakesTheConfiguredAction(FailsafeAction action, FlightMode expected)
    {
        var v = new KinematicVehicle(new FlightParameters { ManualLossAction = action });
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(5));
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode == FlightMode.Hold, 30));
        v.Commander.SetManualInput(ManualInput.Centered(v.TimeUs));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetMode(FlightMode.Position));
        long lastInputUs = v.TimeUs;
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode != FlightMode.Position, 2));
        Assert.Equal(expected, v.Commander.Status.Mode);
        Assert.Equal(FailsafeKind.ManualInputLost, v.Commander.Status.LastFailsafe);
        Assert.InRange(v.TimeUs - lastInputUs, 500_000, 520_000); // measured 520 000 µs: the 0.5 s timeout plus one 20 ms step
    }

    [Fact]
    public void OffboardLossWithoutAPositionOriginLands()
    {
        var v = new KinematicVehicle();
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(5));
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode == FlightMode.Hold, 30));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetOffboardSetpoint(OffboardSetpoint.Velocity(v.TimeUs, new Vector3(1, 0, 0), 0)));
        Assert.Equal(CommandOutcome.Accepted, v.Commander.SetMode(FlightMode.Offboard));
        v.Health = v.Health with { HasOrigin = false };
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode != FlightMode.Offboard, 2));
        Assert.Equal(FlightMode.Land, v.Commander.Status.Mode);
        Assert.Equal(FailsafeKind.OffboardLost, v.Commander.Status.LastFailsafe);
    }

    [Fact]
    public void ChangedParametersAreAppliedAndABrokenSetIsRefusedWhole()
    {
        var v = new KinematicVehicle();
        Assert.True(v.Commander.ApplyParameters(v.Store));
        v.Store.Set("MIS_TAKEOFF_ALT", 7);
        v.Store.Set("MPC_XY_P", 1.5);
        Assert.True(v.Commander.ApplyParameters(v.Store));
        Assert.Equal(7, v.Commander.Parameters.TakeoffAltitudeM);
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(double.NaN));
        Assert.True(v.StepUntil(x => x.Commander.Status.Mode == FlightMode.Hold, 30));
        Assert.Equal(-7, v.State.PositionNedM.Z, 6);

        // MPC_THR_MIN above MPC_THR_HOVER breaks a cross-parameter rule: nothing of the set is applied. (The store
        // refuses such a set itself; without its rule the commander's own all-or-nothing check is what remains.)
        v.Store.CombinationRule = null;
        v.Store.Set("MIS_TAKEOFF_ALT", 9);
        v.Store.Set("MPC_THR_MIN", 0.5);
        v.Store.Set("MPC_THR_HOVER", 0.3);
        Assert.False(v.Commander.ApplyParameters(v.Store));
        Assert.Equal(7, v.Commander.Parameters.TakeoffAltitudeM);
        Assert.StartsWith("Parameters not applied: ", v.Commander.Status.StatusTexts.Latest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusTextRingKeepsTheNewestEightAndCountsAll()
    {
        var log = new StatusTextLog();
        Assert.False(log.TryGet(1, out _));
        for (int i = 1; i <= 11; i++)
        {
            log.Add(i, StatusSeverity.Info, $"text {i}");
        }

        Assert.Equal(11, log.Count);
        Assert.False(log.TryGet(3, out _));
        Assert.True(log.TryGet(4, out StatusText oldest));
        Assert.Equal("text 4", oldest.Text);
        Assert.True(log.TryGet(11, out StatusText newest));
        Assert.Equal(11, newest.Sequence);
        Assert.Equal(newest, log.Latest);
        Assert.False(log.TryGet(12, out _));
    }

    [Fact]
    public void ReadingTheStatusAndUpdatingAllocateNothing()
    {
        var v = new KinematicVehicle();
        Assert.Equal(CommandOutcome.Accepted, v.Commander.Takeoff(5));
        long armed = 0;
        TestSupport.Allocations.AssertZero(() =>
        {
            v.Step();
            VehicleStatus s = v.Commander.Status;
            armed += s.Armed ? 1 : 0;
        }, 500);
        Assert.True(armed > 0);
    }
}
