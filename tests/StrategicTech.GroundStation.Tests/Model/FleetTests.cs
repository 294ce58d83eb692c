using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Tests.Model;

public class FleetTests
{
    private static TelemetrySample Heartbeat(byte systemId, long timeUs, bool armed = false, uint customMode = (4u << 16) | (3u << 24)) => new()
    {
        Kind = TelemetryKind.Heartbeat,
        SystemId = systemId,
        TimeUs = timeUs,
        I0 = customMode,
        I1 = armed ? 0x80 | 0x01 : 0x01,
        I2 = 2 | (12 << 8) | (4 << 16), // quadrotor, PX4, active
    };

    [Fact]
    public void A_vehicle_appears_with_its_first_heartbeat_and_is_selected()
    {
        var fleet = new Fleet();
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Attitude, SystemId = 7, A = 0.1 });
        Assert.Empty(fleet.Vehicles);

        fleet.Apply(Heartbeat(7, 1_000_000, armed: true));
        VehicleState v = Assert.Single(fleet.Vehicles);
        Assert.Same(v, fleet.Selected);
        Assert.True(v.Armed);
        Assert.Equal("HOLD", v.ModeName);
        Assert.Equal("QUAD", v.TypeName);
    }

    [Fact]
    public void Link_is_lost_two_seconds_after_the_last_heartbeat_and_recovers_with_the_next()
    {
        var fleet = new Fleet();
        fleet.Apply(Heartbeat(1, 10_000_000));
        fleet.Update(12_000_000);
        Assert.False(fleet.Selected!.LinkLost);
        fleet.Update(12_000_001);
        Assert.True(fleet.Selected.LinkLost);

        fleet.Apply(Heartbeat(1, 15_000_000));
        Assert.False(fleet.Selected.LinkLost);
        Assert.Equal(1, fleet.Selected.LinkRecoveries);
    }

    [Fact]
    public void Position_attitude_battery_gnss_home_and_mission_reach_the_selected_vehicle()
    {
        var fleet = new Fleet();
        fleet.Apply(Heartbeat(3, 0));
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Attitude, SystemId = 3, A = 0.2, B = -0.1, C = 1.5 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.GlobalPosition, SystemId = 3, A = 47.1, B = 8.5, C = 510, D = 12.5, E = 3, F = 4, I0 = -150, I1 = 9000 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.SysStatus, SystemId = 3, A = 15.2, B = 12.5, C = 0.64 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.GpsRaw, SystemId = 3, C = 0.8, I0 = 3, I1 = 14 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.Home, SystemId = 3, A = 47.0999, B = 8.4999, C = 497.5 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.MissionCount, SystemId = 3, I0 = 2 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.MissionItem, SystemId = 3, I0 = 0, I1 = 22, A = 47.1, B = 8.5, C = 10 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.MissionItem, SystemId = 3, I0 = 1, I1 = 16, A = 47.101, B = 8.501, C = 10 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.MissionCurrent, SystemId = 3, I0 = 1, I1 = 2 });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.StatusText, SystemId = 3, I0 = 4, Text = "Low battery" });

        VehicleState v = fleet.Selected!;
        Assert.Equal(0.2, v.RollRad);
        Assert.Equal(-0.1, v.PitchRad);
        Assert.Equal(47.1, v.LatDeg);
        Assert.Equal(90.0, v.HeadingDeg);
        Assert.Equal(12.5, v.HeightAboveHomeM);
        Assert.Equal(5.0, v.GroundSpeedMps, 12); // from vx=3, vy=4 without VFR_HUD
        Assert.Equal(1.5, v.ClimbMps, 12); // vz = -150 cm/s, down positive
        Assert.Equal(15.2, v.BatteryVoltageV);
        Assert.Equal(0.64, v.BatteryRemaining);
        Assert.Equal(14, v.Satellites);
        Assert.True(v.HasHome);
        Assert.Equal(2, v.Mission.Count);
        Assert.Equal(1, v.MissionCurrentSeq);
        Assert.Equal(1, v.Track.Count);
        StatusLine line = Assert.Single(fleet.StatusLog);
        Assert.Equal("WARN", line.SeverityName);
        Assert.Equal("Low battery", line.Text);
    }

    [Fact]
    public void Track_keeps_the_newest_points_when_full()
    {
        var track = new TrackBuffer(3);
        for (int i = 0; i < 5; i++)
        {
            track.Add(i * 0.001, 0);
        }

        Assert.Equal(3, track.Count);
        Assert.Equal(0.002, track[0].LatDeg);
        Assert.Equal(0.004, track[2].LatDeg);
    }

    [Fact]
    public void Telemetry_queue_drops_and_counts_when_full_and_keeps_order()
    {
        var queue = new TelemetryQueue(16);
        for (int i = 0; i < 20; i++)
        {
            queue.Accept(new TelemetrySample { TimeUs = i });
        }

        Assert.Equal(4, queue.Dropped);
        Assert.True(queue.TryTake(out TelemetrySample first));
        Assert.Equal(0, first.TimeUs);
        int taken = 1;
        while (queue.TryTake(out _))
        {
            taken++;
        }

        Assert.Equal(16, taken);
    }

    [Theory]
    [InlineData(12, 2, (4u << 16) | (4u << 24), "MISSION")]
    [InlineData(12, 2, (4u << 16) | (5u << 24), "RTL")]
    [InlineData(12, 2, 3u << 16, "POSCTL")]
    [InlineData(3, 2, 4u, "GUIDED")]
    [InlineData(3, 1, 15u, "GUIDED")]
    [InlineData(3, 20, 19u, "QLOITER")]
    public void Flight_mode_names_follow_the_autopilot_and_vehicle_type(int autopilot, int mavType, uint customMode, string expected) =>
        Assert.Equal(expected, FlightModeNames.Describe(autopilot, mavType, customMode));

    [Fact]
    public void A_statustext_sent_in_two_chunks_with_one_id_shows_as_one_line()
    {
        var fleet = new Fleet();
        fleet.Apply(Heartbeat(1, 0));
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.StatusText, SystemId = 1, I0 = 3, I1 = 7, I2 = 0, Text = "Mission refused: item 0: altitude -5 m is below ho" });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.StatusText, SystemId = 1, I0 = 3, I1 = 7, I2 = 1, Text = "me" });
        fleet.Apply(new TelemetrySample { Kind = TelemetryKind.StatusText, SystemId = 1, I0 = 6, I1 = 0, I2 = 0, Text = "Takeoff" });
        Assert.Equal(["Mission refused: item 0: altitude -5 m is below home", "Takeoff"], fleet.StatusLog.Select(l => l.Text));
    }
}
