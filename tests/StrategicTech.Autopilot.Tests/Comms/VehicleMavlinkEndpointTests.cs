using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Navigation.Time;
using StrategicTech.TestSupport;

namespace StrategicTech.Autopilot.Tests.Comms;

public sealed class VehicleMavlinkEndpointTests
{
    [Fact]
    public void Heartbeat_announces_a_px4_quadrotor_in_its_current_mode()
    {
        var h = new EndpointHarness();
        h.Vehicle.Mode = FlightMode.Mission;
        h.Vehicle.Armed = true;
        h.Tick();
        Heartbeat hb = h.Received.Last<Heartbeat>();
        Assert.Equal(MavType.Quadrotor, hb.Type);
        Assert.Equal(MavAutopilot.Px4, hb.Autopilot);
        Assert.Equal(0x0404_0000u, hb.CustomMode);
        Assert.True((hb.BaseMode & MavModeFlag.SafetyArmed) != 0);
        Assert.True((hb.BaseMode & MavModeFlag.CustomModeEnabled) != 0);
        Assert.Equal(MavState.Active, hb.SystemStatus);
    }

    [Fact]
    public void Arm_and_forced_disarm_are_acknowledged_and_reach_the_vehicle()
    {
        var h = new EndpointHarness();
        CommandAck arm = h.SendCommand(MavCmd.ComponentArmDisarm, 1);
        Assert.Equal(MavResult.Accepted, arm.Result);
        Assert.Equal(MavCmd.ComponentArmDisarm, arm.Command);
        Assert.Equal(255, arm.TargetSystem);
        CommandAck disarm = h.SendCommand(MavCmd.ComponentArmDisarm, 0, 21196);
        Assert.Equal(MavResult.Accepted, disarm.Result);
        Assert.Equal(["Arm", "Disarm(force)"], h.Vehicle.Calls);
    }

    [Fact]
    public void A_refused_command_is_denied_with_a_statustext_reason()
    {
        var h = new EndpointHarness();
        h.Vehicle.Outcome = CommandOutcome.Denied;
        CommandAck ack = h.SendCommand(MavCmd.ComponentArmDisarm, 1);
        Assert.Equal(MavResult.Denied, ack.Result);
        Statustext text = h.Received.Single<Statustext>();
        Assert.Equal(MavSeverity.Critical, text.Severity);
        Assert.Equal("Arming denied", MavlinkText.ToString(text.Text));
        Assert.Equal(1, h.Endpoint.DeniedCommands);
    }

    [Fact]
    public void Failed_outcome_maps_to_failed_and_unknown_commands_are_unsupported()
    {
        var h = new EndpointHarness();
        h.Vehicle.Outcome = CommandOutcome.Failed;
        Assert.Equal(MavResult.Failed, h.SendCommand(MavCmd.NavLand).Result);
        Assert.Equal(MavResult.Unsupported, h.SendCommand(MavCmd.DoSetServo, 1, 1500).Result);
    }

    [Fact]
    public void Do_set_mode_decodes_px4_main_and_sub_modes()
    {
        var h = new EndpointHarness();
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.DoSetMode, 1, 4, 4).Result);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.DoSetMode, 1 | 128, 3).Result);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.DoSetMode, 1, 4, 5).Result);
        Assert.Equal(MavResult.Unsupported, h.SendCommand(MavCmd.DoSetMode, 1, 5).Result);
        Assert.Equal(MavResult.Unsupported, h.SendCommand(MavCmd.DoSetMode, 0, 4, 4).Result);
        Assert.Equal(["SetMode(Mission)", "SetMode(Position)", "SetMode(ReturnToLaunch)"], h.Vehicle.Calls);

        h.Tick();
        Assert.Equal(0x0504_0000u, h.Received.Last<Heartbeat>().CustomMode);
    }

    [Fact]
    public void Set_mode_message_changes_the_mode_without_a_command()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new SetMode { TargetSystem = 1, BaseMode = MavModeFlag.CustomModeEnabled, CustomMode = 0x0604_0000u });
        Assert.Equal(["SetMode(Land)"], h.Vehicle.Calls);
    }

    [Fact]
    public void Takeoff_altitude_is_amsl_and_converted_to_height_above_home()
    {
        var h = new EndpointHarness();
        h.Vehicle.HomeSet = true;
        h.Vehicle.HomeGeodetic = GeodeticPosition.FromDegrees(47.3977, 8.5456, 478.25);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.NavTakeoff, p7: 478.25f + 12.5f).Result);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.NavReturnToLaunch).Result);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.MissionStart, 0, 0).Result);
        Assert.Equal(["Takeoff(12.5)", "ReturnToLaunch", "StartMission(0)"], h.Vehicle.Calls);
    }

    [Fact]
    public void Reposition_with_a_position_goes_there_in_hold_with_amsl_or_relative_altitude()
    {
        var h = new EndpointHarness();
        h.Vehicle.HomeSet = true;
        h.Vehicle.HomeGeodetic = GeodeticPosition.FromDegrees(47.3977, 8.5456, 478.25);

        // COMMAND_LONG: degrees, AMSL altitude, param1 ground speed.
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.DoReposition, p1: 3, p2: 1, p4: float.NaN, p5: 47.3981f, p6: 8.5461f, p7: 478.25f + 25).Result);

        // COMMAND_INT: degE7, altitude relative to home, no speed.
        h.Received.Clear();
        h.Ground.Send(new CommandInt
        {
            TargetSystem = 1, TargetComponent = 1, Command = MavCmd.DoReposition, Frame = MavFrame.GlobalRelativeAltInt,
            Param1 = -1, Param4 = float.NaN, X = 473_979_000, Y = 85_458_000, Z = 15,
        });
        Assert.Equal(MavResult.Accepted, h.Received.Single<CommandAck>().Result);

        // Altitude only (position unset) keeps the horizontal target; nothing at all is a plain Hold.
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.DoReposition, p5: float.NaN, p6: float.NaN, p7: 478.25f + 30).Result);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.DoReposition, p5: float.NaN, p6: float.NaN, p7: float.NaN).Result);
        Assert.Equal(
            [
                FormattableString.Invariant($"GoTo({(double)47.3981f:F7},{(double)8.5461f:F7},25.00,3.0)"),
                "GoTo(47.3979000,8.5458000,15.00,0.0)",
                "GoTo(NaN,NaN,30.00,0.0)",
                "Hold",
            ],
            h.Vehicle.Calls);
    }

    [Fact]
    public void Reposition_refused_by_the_vehicle_is_denied()
    {
        var h = new EndpointHarness();
        h.Vehicle.HomeSet = true;
        h.Vehicle.Outcome = CommandOutcome.Denied;
        Assert.Equal(MavResult.Denied, h.SendCommand(MavCmd.DoReposition, p5: 47.3981f, p6: 8.5461f, p7: float.NaN).Result);
    }

    [Fact]
    public void Mission_upload_is_handed_to_the_vehicle_only_when_complete()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 3, MissionType = MavMissionType.Mission });
        for (ushort seq = 0; seq < 3; seq++)
        {
            Assert.Equal(seq, h.Received.Last<MissionRequestInt>().Seq);
            Assert.Equal(0, h.Vehicle.MissionReplacements);
            h.Ground.Send(new MissionItemInt
            {
                TargetSystem = 1, TargetComponent = 1, Seq = seq, Frame = MavFrame.GlobalRelativeAltInt,
                Command = seq == 0 ? MavCmd.NavTakeoff : seq == 2 ? MavCmd.NavLand : MavCmd.NavWaypoint,
                X = 473_977_000 + seq, Y = 85_456_000, Z = 10, Autocontinue = 1, MissionType = MavMissionType.Mission,
            });
        }

        Assert.Equal(MavMissionResult.MavMissionAccepted, h.Received.Last<MissionAck>().Type);
        Assert.Equal(1, h.Vehicle.MissionReplacements);
        Assert.NotNull(h.Vehicle.Mission);
        Assert.Equal(3, h.Vehicle.Mission.Count);
        Assert.Equal(47.3977001, h.Vehicle.Mission[1].LatitudeDeg, 1e-9);
        Assert.Equal(8.5456, h.Vehicle.Mission[1].LongitudeDeg, 1e-9);
        Assert.Equal(10, h.Vehicle.Mission[1].AltitudeM);
        Assert.Equal((ushort)MavCmd.NavLand, h.Vehicle.Mission[2].Command);
        Assert.Equal(2, h.Vehicle.Mission[2].Seq);
    }

    [Fact]
    public void Mission_refused_by_the_vehicle_is_nacked_and_the_server_keeps_the_old_list()
    {
        var h = new EndpointHarness();
        h.Vehicle.Outcome = CommandOutcome.Failed; // e.g. a DO_JUMP to a seq that is not in the list
        Upload(h, 2);
        Assert.Equal(MavMissionResult.MavMissionError, h.Received.Last<MissionAck>().Type);
        Assert.Equal(0, h.Endpoint.Missions.Items(MavMissionType.Mission).Length);
        Assert.Equal(1, h.Endpoint.MissionsRefused);
        Assert.Equal(["ReplaceMission"], h.Vehicle.Calls);

        h.Vehicle.Outcome = CommandOutcome.Accepted;
        Upload(h, 3);
        Assert.Equal(MavMissionResult.MavMissionAccepted, h.Received.Last<MissionAck>().Type);
        Assert.Equal(3, h.Endpoint.Missions.Items(MavMissionType.Mission).Length);
        Assert.Equal(3, h.Vehicle.Mission!.Count);
        Assert.Equal(1, h.Vehicle.MissionReplacements); // once: the validator applied it, the server's swap did not repeat it
    }

    private static void Upload(EndpointHarness h, ushort count)
    {
        h.Received.Clear();
        h.Ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = count, MissionType = MavMissionType.Mission });
        for (ushort seq = 0; seq < count; seq++)
        {
            h.Ground.Send(new MissionItemInt
            {
                TargetSystem = 1, TargetComponent = 1, Seq = seq, Frame = MavFrame.GlobalRelativeAltInt, Command = MavCmd.NavWaypoint,
                X = 473_977_000 + seq, Y = 85_456_000, Z = 10, Autocontinue = 1, MissionType = MavMissionType.Mission,
            });
        }
    }

    [Fact]
    public void Fence_upload_is_stored_and_read_back_without_touching_the_mission()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 1, MissionType = MavMissionType.Fence });
        h.Ground.Send(new MissionItemInt
        {
            TargetSystem = 1, TargetComponent = 1, Seq = 0, Frame = MavFrame.GlobalInt, Command = MavCmd.NavFenceCircleInclusion,
            Param1 = 150, X = 473_977_000, Y = 85_456_000, MissionType = MavMissionType.Fence,
        });
        Assert.Equal(MavMissionResult.MavMissionAccepted, h.Received.Last<MissionAck>().Type);
        Assert.Equal(0, h.Vehicle.MissionReplacements);

        // The vehicle got the fence to enforce: one inclusion circle of 150 m.
        Assert.Single(h.Vehicle.Fence.Circles);
        Assert.True(h.Vehicle.Fence.Circles[0].IsInclusion);
        Assert.Equal(150, h.Vehicle.Fence.Circles[0].RadiusM);

        h.Received.Clear();
        h.Ground.Send(new MissionRequestList { TargetSystem = 1, TargetComponent = 1, MissionType = MavMissionType.Fence });
        Assert.Equal(1, h.Received.Single<MissionCount>().Count);
        h.Ground.Send(new MissionRequestInt { TargetSystem = 1, TargetComponent = 1, Seq = 0, MissionType = MavMissionType.Fence });
        MissionItemInt item = h.Received.Single<MissionItemInt>();
        Assert.Equal(MavCmd.NavFenceCircleInclusion, item.Command);
        Assert.Equal(150, item.Param1);
    }

    [Fact]
    public void A_malformed_fence_upload_is_refused_with_its_reason_and_the_vehicle_keeps_its_fence()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 1, MissionType = MavMissionType.Fence });
        h.Ground.Send(new MissionItemInt
        {
            TargetSystem = 1, TargetComponent = 1, Seq = 0, Frame = MavFrame.GlobalInt, Command = MavCmd.NavFencePolygonVertexInclusion,
            Param1 = 4, X = 473_977_000, Y = 85_456_000, MissionType = MavMissionType.Fence,
        });
        Assert.Equal(MavMissionResult.MavMissionError, h.Received.Last<MissionAck>().Type);
        string text = string.Concat(h.Received.All<Statustext>().Select(t => MavlinkText.ToString(t.Text)));
        Assert.Contains("vertex count 4 must be an integer", text, StringComparison.Ordinal);
        Assert.True(h.Vehicle.Fence.IsEmpty);
    }

    [Fact]
    public void Mission_item_reached_is_sent_once_per_reached_event_with_its_own_index()
    {
        var h = new EndpointHarness();
        h.Tick();
        h.Vehicle.Reached.Add(0);
        h.Vehicle.ReachedCount = 1;
        h.Vehicle.LastReachedIndex = 0;
        h.Tick();
        h.Tick();

        // Two events between polls: both indices from the ring, not the newest twice.
        h.Vehicle.Reached.Add(1);
        h.Vehicle.Reached.Add(2);
        h.Vehicle.ReachedCount = 3;
        h.Vehicle.LastReachedIndex = 2;
        h.Tick();
        List<MissionItemReached> reached = h.Received.All<MissionItemReached>();
        Assert.Equal([0, 1, 2], reached.Select(r => (int)r.Seq));
        Assert.Equal(3, h.Endpoint.ItemsReachedSent);
    }

    [Fact]
    public void Telemetry_streams_carry_the_snapshot_at_their_rates()
    {
        var h = new EndpointHarness();
        h.Vehicle.Telemetry = TelemetryEncodingTests.Sample();
        for (int i = 0; i < 50; i++)
        {
            h.Tick(20_000); // 1 s at 50 Hz
        }

        Assert.InRange(h.Received.All<Attitude>().Count, 19, 21);
        Assert.InRange(h.Received.All<GlobalPositionInt>().Count, 5, 6);
        Assert.InRange(h.Received.All<Heartbeat>().Count, 1, 2);
        Assert.Equal(473_977_419, h.Received.Last<GlobalPositionInt>().Lat);
        Assert.Equal(473_977_000, h.Received.Last<HomePosition>().Latitude);
        Assert.Equal(MavLandedState.InAir, h.Received.Last<ExtendedSysState>().LandedState);
        Assert.Equal(14, h.Received.Last<GpsRawInt>().SatellitesVisible);
    }

    [Fact]
    public void Autopilot_version_answers_request_message()
    {
        var h = new EndpointHarness();
        CommandAck ack = h.SendCommand(MavCmd.RequestMessage, AutopilotVersion.MsgId);
        Assert.Equal(MavResult.Accepted, ack.Result);
        h.Ground.Send(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.RequestAutopilotCapabilities, Param1 = 1 });
        AutopilotVersion version = h.Received.Last<AutopilotVersion>();
        Assert.True((version.Capabilities & MavProtocolCapability.MissionInt) != 0);
        Assert.True((version.Capabilities & MavProtocolCapability.ParamEncodeBytewise) != 0);
    }

    [Fact]
    public void Parameters_are_served_from_the_store_and_persisted_on_change()
    {
        ParameterStore store = MulticopterControlParameters.CreateStore();
        int persisted = 0;
        var h = new EndpointHarness(store, _ => persisted++);
        string name = store.Definition(0).Name;
        ParameterDefinition definition = store.Definition(0);
        double inside = definition.Type == ParameterType.Int32 ? definition.Max : (definition.Min + definition.Max) / 2;

        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamType = (MavParamType)definition.Type };
        set.ParamValue = ParameterCodec.Encode(
            definition.Type == ParameterType.Int32 ? ParameterValue.FromInteger(MavParamType.Int32, (long)inside) : ParameterValue.FromFloat((float)inside),
            ParameterEncoding.Bytewise);
        MavlinkText.Encode(name, set.ParamId);
        h.Ground.Send(set);
        Assert.Equal((float)inside, (float)store.Get(0));
        Assert.Equal(1, persisted);
        Assert.Equal(store.Count, h.Received.Last<ParamValue>().ParamCount);

        // Out of range: refused, the old value echoed, nothing persisted.
        set.ParamValue = ParameterCodec.Encode(
            definition.Type == ParameterType.Int32 ? ParameterValue.FromInteger(MavParamType.Int32, (long)definition.Max + 1000) : ParameterValue.FromFloat((float)(definition.Max + 1000)),
            ParameterEncoding.Bytewise);
        h.Ground.Send(set);
        Assert.Equal((float)inside, (float)store.Get(0));
        Assert.Equal(1, persisted);

        h.Received.Clear();
        h.Ground.Send(new ParamRequestList { TargetSystem = 1, TargetComponent = 1 });
        for (int i = 0; i < 20; i++)
        {
            h.Tick();
        }

        Assert.Equal(store.Count, h.Received.All<ParamValue>().Select(p => p.ParamIndex).Distinct().Count());
    }

    [Fact]
    public void Telemetry_tick_allocates_nothing()
    {
        var clock = new ManualClock(1_000_000);
        var vehicle = new FakeVehicle { Telemetry = TelemetryEncodingTests.Sample() };
        var node = new MavlinkNode(1, 1, new NullSink(), clock);
        var endpoint = new VehicleMavlinkEndpoint(node, vehicle, vehicle, new VehicleMavlinkEndpointOptions { Parameters = MulticopterControlParameters.CreateStore() });
        Allocations.AssertZero(() =>
        {
            clock.AdvanceUs(20_000);
            vehicle.Reached.Add(1);
            vehicle.ReachedCount++;
            endpoint.Tick();
        }, 2000);
    }

    [Fact]
    public void A_denial_the_vehicle_explains_is_forwarded_before_the_ack_instead_of_the_generic_reason()
    {
        var h = new EndpointHarness();
        h.Vehicle.Outcome = CommandOutcome.Denied;
        h.Vehicle.DenialText = "Arming denied: estimator not ready";
        Assert.Equal(MavResult.Denied, h.SendCommand(MavCmd.ComponentArmDisarm, 1).Result);
        Statustext text = h.Received.Single<Statustext>();
        Assert.Equal("Arming denied: estimator not ready", MavlinkText.ToString(text.Text));

        // Already forwarded: the next tick does not repeat it.
        h.Received.Clear();
        h.Tick();
        Assert.Empty(h.Received.All<Statustext>());
    }

    [Fact]
    public void Vehicle_status_texts_are_forwarded_once_each_with_their_severity()
    {
        var h = new EndpointHarness();
        h.Vehicle.Texts.Add(0, StatusSeverity.Info, "Takeoff");
        h.Vehicle.Texts.Add(0, StatusSeverity.Warning, "Failsafe: manual input lost");
        h.Tick();
        h.Tick();
        List<Statustext> texts = h.Received.All<Statustext>();
        Assert.Equal(2, texts.Count);
        Assert.Equal(MavSeverity.Info, texts[0].Severity);
        Statustext second = texts[1];
        Assert.Equal("Failsafe: manual input lost", MavlinkText.ToString(second.Text));
        Assert.Equal(MavSeverity.Warning, texts[1].Severity);
    }

    [Fact]
    public void Manual_control_is_normalised_into_sticks()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new ManualControl { Target = 1, X = 500, Y = -250, Z = 750, R = 1000 });
        ManualInput input = h.Vehicle.LastManual;
        Assert.Equal(0.5, input.Pitch);
        Assert.Equal(-0.25, input.Roll);
        Assert.Equal(0.75, input.Throttle);
        Assert.Equal(1.0, input.Yaw);
        Assert.Equal(h.Clock.TimeUs, input.TimeUs);

        h.Ground.Send(new ManualControl { Target = 7, X = 1000 });
        Assert.Equal(0.5, h.Vehicle.LastManual.Pitch);
    }

    [Fact]
    public void Local_and_global_position_targets_become_offboard_setpoints_in_the_local_frame()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new SetPositionTargetLocalNed
        {
            TargetSystem = 1, TargetComponent = 1, CoordinateFrame = MavFrame.LocalNed,
            TypeMask = PositionTargetTypemask.VxIgnore | PositionTargetTypemask.VyIgnore | PositionTargetTypemask.VzIgnore
                | PositionTargetTypemask.AxIgnore | PositionTargetTypemask.AyIgnore | PositionTargetTypemask.AzIgnore | PositionTargetTypemask.YawRateIgnore,
            X = 5, Y = -3, Z = -10, Yaw = 1.5f,
        });
        Assert.Equal(1, h.Vehicle.OffboardCount);
        Assert.True(h.Vehicle.LastOffboard.UsesPosition);
        Assert.False(h.Vehicle.LastOffboard.UsesVelocity);
        Assert.Equal(new Vector3(5, -3, -10), h.Vehicle.LastOffboard.PositionNedM);
        Assert.Equal(1.5, h.Vehicle.LastOffboard.YawRad);

        // Body frame: not supported, counted.
        h.Ground.Send(new SetPositionTargetLocalNed { TargetSystem = 1, TargetComponent = 1, CoordinateFrame = MavFrame.BodyNed });
        Assert.Equal(1, h.Vehicle.OffboardCount);
        Assert.Equal(1, h.Endpoint.SetpointsRejected);

        // 100 m north of home, 20 m above it; home sits at (2, 3, -1) in the local frame.
        h.Vehicle.HomeSet = true;
        h.Vehicle.HomeGeodetic = GeodeticPosition.FromDegrees(47.0, 8.0, 500);
        h.Vehicle.HomeNedM = new Vector3(2, 3, -1);
        var north = new LocalNedFrame(h.Vehicle.HomeGeodetic).FromNed(new Vector3(100, 0, 0));
        h.Ground.Send(new SetPositionTargetGlobalInt
        {
            TargetSystem = 1, TargetComponent = 1, CoordinateFrame = MavFrame.GlobalRelativeAltInt,
            TypeMask = PositionTargetTypemask.VxIgnore | PositionTargetTypemask.VyIgnore | PositionTargetTypemask.VzIgnore
                | PositionTargetTypemask.AxIgnore | PositionTargetTypemask.AyIgnore | PositionTargetTypemask.AzIgnore,
            LatInt = (int)Math.Round(north.LatitudeDeg * 1e7), LonInt = (int)Math.Round(north.LongitudeDeg * 1e7), Alt = 20,
        });
        Assert.Equal(2, h.Vehicle.OffboardCount);
        Vector3 target = h.Vehicle.LastOffboard.PositionNedM;
        Assert.Equal(102, target.X, 0.02);
        Assert.Equal(3, target.Y, 0.02);
        Assert.Equal(-21, target.Z, 0.01);
    }

    [Fact]
    public void Set_message_interval_changes_a_stream_rate()
    {
        var h = new EndpointHarness();
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.SetMessageInterval, Attitude.MsgId, 200_000).Result);
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.SetMessageInterval, SysStatus.MsgId, -1).Result);
        Assert.Equal(MavResult.Denied, h.SendCommand(MavCmd.SetMessageInterval, 9999, 100_000).Result);
        h.Received.Clear();
        for (int i = 0; i < 50; i++)
        {
            h.Tick(20_000);
        }

        Assert.InRange(h.Received.All<Attitude>().Count, 5, 6);
        Assert.Empty(h.Received.All<SysStatus>());

        // REQUEST_MESSAGE for a stream sends one at once.
        h.Vehicle.Telemetry = TelemetryEncodingTests.Sample();
        h.Tick();
        h.Received.Clear();
        Assert.Equal(MavResult.Accepted, h.SendCommand(MavCmd.RequestMessage, HomePosition.MsgId).Result);
        h.Received.Clear();
        h.Ground.Send(new CommandLong { TargetSystem = 1, TargetComponent = 1, Command = MavCmd.RequestMessage, Param1 = HomePosition.MsgId, Confirmation = 0 });
        Assert.Equal(473_977_000, h.Received.Last<HomePosition>().Latitude);
    }

    [Fact]
    public void Mission_set_current_moves_the_vehicle_and_mission_current_follows()
    {
        var h = new EndpointHarness();
        h.Ground.Send(new MissionCount { TargetSystem = 1, TargetComponent = 1, Count = 2, MissionType = MavMissionType.Mission });
        for (ushort seq = 0; seq < 2; seq++)
        {
            h.Ground.Send(new MissionItemInt
            {
                TargetSystem = 1, TargetComponent = 1, Seq = seq, Frame = MavFrame.GlobalRelativeAltInt, Command = MavCmd.NavWaypoint,
                X = 473_977_000, Y = 85_456_000, Z = 10, MissionType = MavMissionType.Mission,
            });
        }

        h.Ground.Send(new MissionSetCurrent { TargetSystem = 1, TargetComponent = 1, Seq = 1 });
        Assert.Contains("SetCurrent(1)", h.Vehicle.Calls);
        h.Received.Clear();
        h.Tick();
        MissionCurrent current = h.Received.Last<MissionCurrent>();
        Assert.Equal(1, current.Seq);
        Assert.Equal(2, current.Total);
        Assert.Equal(MissionState.NotStarted, current.MissionState);
    }

    [Fact]
    public void Long_status_texts_are_chunked_and_timesync_is_answered()
    {
        var h = new EndpointHarness();
        string text = "Mission refused: item 3 has a frame this vehicle cannot fly (terrain altitude)";
        h.Vehicle.Texts.Add(0, StatusSeverity.Error, text);
        h.Tick();
        List<Statustext> chunks = h.Received.All<Statustext>();
        Assert.Equal(2, chunks.Count);
        Statustext first = chunks[0];
        Statustext second = chunks[1];
        Assert.NotEqual(0, first.Id);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal([0, 1], chunks.Select(c => (int)c.ChunkSeq));
        Assert.Equal(text, MavlinkText.ToString(first.Text) + MavlinkText.ToString(second.Text));

        h.Received.Clear();
        h.Ground.Send(new Timesync { Tc1 = 0, Ts1 = 123_456_789 });
        Timesync reply = h.Received.Single<Timesync>();
        Assert.Equal(123_456_789, reply.Ts1);
        Assert.NotEqual(0, reply.Tc1);
    }

    private sealed class NullSink : IMavlinkFrameSink
    {
        public bool Send(ReadOnlySpan<byte> frame) => true;
    }
}
