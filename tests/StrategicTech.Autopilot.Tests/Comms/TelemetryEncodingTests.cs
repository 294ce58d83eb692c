using StrategicTech.Autopilot.Comms;
using StrategicTech.Autopilot.Control.Detection;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Comms;

public sealed class TelemetryEncodingTests
{
    internal static VehicleTelemetry Sample() => new()
    {
        TimeUs = 12_345_678,
        AttitudeNed = Quaternion.FromEuler(0.1, -0.2, Math.PI / 2),
        BodyRateRadps = new Vector3(0.01, 0.02, -0.03),
        LocalPositionValid = true,
        PositionNedM = new Vector3(10.5, -3.25, -20),
        VelocityNedMps = new Vector3(1, -2, 0.5),
        GlobalPositionValid = true,
        LatitudeDeg = 47.3977419,
        LongitudeDeg = 8.5455938,
        AltitudeAmslM = 488.5,
        RelativeAltitudeM = 10.25,
        HomeValid = true,
        HomeLatitudeDeg = 47.3977,
        HomeLongitudeDeg = 8.5456,
        HomeAltitudeAmslM = 478.25,
        GnssFixType = GpsFixType.Type3dFix,
        GnssSatellites = 14,
        GnssEphM = 0.8,
        GnssEpvM = 1.5,
        GnssLatitudeDeg = 47.3977419,
        GnssLongitudeDeg = 8.5455938,
        GnssAltitudeAmslM = 488.5,
        GnssGroundSpeedMps = Math.Sqrt(5),
        GnssCourseRad = -Math.PI / 2,
        BatteryVoltageV = 15.2,
        BatteryCurrentA = 12.34,
        BatteryRemainingFraction = 0.87,
        BatteryConsumedMah = 456.4,
        Throttle = 0.42,
        LandState = LandState.Flying,
    };

    [Fact]
    public void Global_position_uses_degE7_mm_cm_per_s_and_cdeg()
    {
        GlobalPositionInt m = TelemetryEncoding.GlobalPosition(Sample());
        Assert.Equal(12_345u, m.TimeBootMs);
        Assert.Equal(473_977_419, m.Lat);
        Assert.Equal(85_455_938, m.Lon);
        Assert.Equal(488_500, m.Alt);
        Assert.Equal(10_250, m.RelativeAlt);
        Assert.Equal(100, m.Vx);
        Assert.Equal(-200, m.Vy);
        Assert.Equal(50, m.Vz);
        Assert.Equal(9000, m.Hdg);
    }

    [Fact]
    public void Attitude_is_in_radians_and_local_position_in_metres()
    {
        Attitude a = TelemetryEncoding.Attitude(Sample());
        Assert.Equal(0.1, a.Roll, 1e-6);
        Assert.Equal(-0.2, a.Pitch, 1e-6);
        Assert.Equal(Math.PI / 2, a.Yaw, 1e-6);
        Assert.Equal(-0.03, a.Yawspeed, 1e-7);
        LocalPositionNed l = TelemetryEncoding.LocalPosition(Sample());
        Assert.Equal(10.5f, l.X);
        Assert.Equal(-20f, l.Z);
        Assert.Equal(0.5f, l.Vz);
    }

    [Fact]
    public void Gps_raw_vfr_hud_and_battery_scales()
    {
        GpsRawInt g = TelemetryEncoding.GpsRaw(Sample());
        Assert.Equal(GpsFixType.Type3dFix, g.FixType);
        Assert.Equal(80, g.Eph);
        Assert.Equal(150, g.Epv);
        Assert.Equal(224, g.Vel);
        Assert.Equal(27000, g.Cog);
        Assert.Equal(14, g.SatellitesVisible);
        Assert.Equal(800u, g.HAcc);

        VfrHud h = TelemetryEncoding.VfrHud(Sample());
        Assert.Equal(90, h.Heading);
        Assert.Equal(42, h.Throttle);
        Assert.Equal(-0.5f, h.Climb);
        Assert.Equal(488.5f, h.Alt);
        Assert.Equal((float)Math.Sqrt(5), h.Groundspeed, 1e-5f);

        BatteryStatus b = TelemetryEncoding.BatteryStatus(Sample());
        Assert.Equal(15200, b.Voltages[0]);
        Assert.Equal(ushort.MaxValue, b.Voltages[1]);
        Assert.Equal(1234, b.CurrentBattery);
        Assert.Equal(456, b.CurrentConsumed);
        Assert.Equal(87, b.BatteryRemaining);

        SysStatus s = TelemetryEncoding.SysStatus(Sample());
        Assert.Equal(15200, s.VoltageBattery);
        Assert.Equal(1234, s.CurrentBattery);
        Assert.Equal(87, s.BatteryRemaining);
    }

    [Fact]
    public void Unknown_values_use_the_spec_markers()
    {
        VehicleTelemetry t = Sample();
        t.BatteryRemainingFraction = double.NaN;
        t.BatteryVoltageV = 70.0;
        t.GnssCourseRad = double.NaN;
        Assert.Equal(-1, TelemetryEncoding.SysStatus(t).BatteryRemaining);
        Assert.Equal(ushort.MaxValue, TelemetryEncoding.GpsRaw(t).Cog);
        BatteryStatus b = TelemetryEncoding.BatteryStatus(t);
        Assert.Equal(65534, b.Voltages[0]);
        Assert.Equal(70000 - 65534, b.Voltages[1]);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(-0.0001, 35999)]
    [InlineData(Math.PI, 18000)]
    [InlineData(-Math.PI / 2, 27000)]
    [InlineData(2 * Math.PI, 0)]
    public void Heading_wraps_into_0_to_35999_cdeg(double yawRad, int expected) =>
        Assert.Equal(expected, TelemetryEncoding.HeadingCdeg(yawRad));

    [Fact]
    public void Landed_state_is_on_ground_only_when_the_detector_says_landed()
    {
        Assert.Equal(MavLandedState.OnGround, TelemetryEncoding.LandedState(LandState.Landed, landing: true, takingOff: false));
        Assert.Equal(MavLandedState.Landing, TelemetryEncoding.LandedState(LandState.MaybeLanded, landing: true, takingOff: false));
        Assert.Equal(MavLandedState.Takeoff, TelemetryEncoding.LandedState(LandState.Flying, landing: false, takingOff: true));
        Assert.Equal(MavLandedState.InAir, TelemetryEncoding.LandedState(LandState.MaybeLanded, landing: false, takingOff: false));
    }
}
