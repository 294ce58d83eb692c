using StrategicTech.Drivers.Sensors.Common;
using StrategicTech.Drivers.Sensors.Ublox;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Drivers.Sensors.Tests.Ublox;

public sealed class UbxNavPvtEncodeTests
{
    [Fact]
    public void Encoded_fix_decodes_to_itself_within_the_field_resolutions()
    {
        var fix = new GnssFix
        {
            FixType = GnssFixType.Fix3D,
            FixOk = true,
            SatellitesUsed = 17,
            LatitudeDeg = 47.3977419,
            LongitudeDeg = 8.5455938,
            HeightEllipsoidM = 488.123,
            HeightMslM = 441.5,
            HasAccuracy = true,
            HorizontalAccuracyM = 0.853,
            VerticalAccuracyM = 1.402,
            SpeedAccuracyMps = 0.21,
            HasVelocity = true,
            VelocityNedMps = new Vector3(3.001, -4.5, 0.25),
            GroundSpeedMps = 5.408,
            CourseRad = 5.30,
            PositionDop = 1.27,
        };
        byte[] payload = new byte[UbxNavPvt.PayloadLength];

        UbxNavPvt.Encode(in fix, 345_600_000, payload);

        Assert.Equal(345_600_000u, UbxNavPvt.TimeOfWeekMs(payload));
        Assert.True(UbxNavPvt.TryDecode(payload, 123, out GnssFix back));
        Assert.Equal(123, back.TimeUs);
        Assert.Equal(GnssFixType.Fix3D, back.FixType);
        Assert.True(back.FixOk);
        Assert.Equal(17, back.SatellitesUsed);
        Assert.Equal(fix.LatitudeDeg, back.LatitudeDeg, 0.5e-7); // 1e-7 ° per count
        Assert.Equal(fix.LongitudeDeg, back.LongitudeDeg, 0.5e-7);
        Assert.Equal(fix.HeightEllipsoidM, back.HeightEllipsoidM, 0.5e-3); // mm
        Assert.Equal(fix.HeightMslM, back.HeightMslM, 0.5e-3);
        Assert.Equal(fix.HorizontalAccuracyM, back.HorizontalAccuracyM, 0.5e-3);
        Assert.Equal(fix.VerticalAccuracyM, back.VerticalAccuracyM, 0.5e-3);
        Assert.Equal(fix.SpeedAccuracyMps, back.SpeedAccuracyMps, 0.5e-3);
        Assert.Equal(fix.VelocityNedMps.X, back.VelocityNedMps.X, 0.5e-3); // mm/s
        Assert.Equal(fix.VelocityNedMps.Y, back.VelocityNedMps.Y, 0.5e-3);
        Assert.Equal(fix.VelocityNedMps.Z, back.VelocityNedMps.Z, 0.5e-3);
        Assert.Equal(fix.GroundSpeedMps, back.GroundSpeedMps, 0.5e-3);
        Assert.Equal(fix.CourseRad, back.CourseRad, 0.5e-5 * Math.PI / 180); // 1e-5 ° per count
        Assert.Equal(fix.PositionDop, back.PositionDop, 0.005);
    }

    [Fact]
    public void A_fix_below_2d_is_encoded_with_invalid_llh_and_is_not_decoded_as_a_position()
    {
        byte[] payload = new byte[UbxNavPvt.PayloadLength];

        UbxNavPvt.Encode(new GnssFix { FixType = GnssFixType.NoFix, LatitudeDeg = 10 }, 0, payload);

        Assert.Equal(0x01, payload[78] & 0x01);
        Assert.False(UbxNavPvt.TryDecode(payload, 0, out _));
    }
}
