using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Logs;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Navigation.Time;

namespace StrategicTech.GroundStation.Tests.Headless;

/// <summary>
/// A log made from arithmetic alone (no simulation): a PX4 quad armed in MISSION, flying a 60 m circle at 20 m
/// above home at 10 Hz for 40 s, banked 10°. The same bytes every run, so its screenshot can be a golden image.
/// </summary>
internal static class SyntheticTlog
{
    public const double DurationS = 40;
    public const double RadiusM = 60;
    public const double HomeLatDeg = 47.397742;
    public const double HomeLonDeg = 8.545594;
    private const long EpochUnixUs = 1_780_000_000_000_000;

    public static string Write(string path)
    {
        var clock = new ManualClock();
        using (TlogWriter tlog = TlogWriter.Create(path))
        {
            var node = new MavlinkNode(1, 1, new TlogFrameSink(tlog, clock, EpochUnixUs), clock, CommonDialect.Instance);
            for (int i = 0; i <= (int)(DurationS * 10); i++)
            {
                double t = i / 10.0;
                double angle = 2 * Math.PI * t / DurationS;
                double north = RadiusM * Math.Sin(angle);
                double east = RadiusM * (1 - Math.Cos(angle));
                double lat = HomeLatDeg + (north / 111_320.0);
                double lon = HomeLonDeg + (east / (111_320.0 * Math.Cos(HomeLatDeg * Math.PI / 180)));
                double speed = 2 * Math.PI * RadiusM / DurationS;
                double headingRad = angle;
                if (i % 10 == 0)
                {
                    node.Send(new Heartbeat { Type = MavType.Quadrotor, Autopilot = MavAutopilot.Px4, BaseMode = MavModeFlag.CustomModeEnabled | MavModeFlag.SafetyArmed, CustomMode = (4u << 16) | (4u << 24), SystemStatus = MavState.Active, MavlinkVersion = 3 });
                    node.Send(new SysStatus { VoltageBattery = (ushort)(16_200 - (i * 2)), CurrentBattery = 1_250, BatteryRemaining = (sbyte)(80 - (i / 20)) });
                    node.Send(new GpsRawInt { FixType = GpsFixType.Type3dFix, Lat = (int)(lat * 1e7), Lon = (int)(lon * 1e7), Eph = 80, SatellitesVisible = 14 });
                    node.Send(new HomePosition { Latitude = (int)(HomeLatDeg * 1e7), Longitude = (int)(HomeLonDeg * 1e7), Altitude = 488_000 });
                }

                if (i == 50)
                {
                    var text = new Statustext { Severity = MavSeverity.Info };
                    Span<byte> field = text.Text;
                    "Mission started (synthetic)"u8.CopyTo(field);
                    node.Send(text);
                }

                node.Send(new Attitude { Roll = (float)(10 * Math.PI / 180), Pitch = (float)(-3 * Math.PI / 180), Yaw = (float)headingRad });
                node.Send(new GlobalPositionInt
                {
                    Lat = (int)(lat * 1e7),
                    Lon = (int)(lon * 1e7),
                    Alt = 508_000,
                    RelativeAlt = 20_000,
                    Vx = (short)(speed * Math.Cos(headingRad) * 100),
                    Vy = (short)(speed * Math.Sin(headingRad) * 100),
                    Hdg = (ushort)(((headingRad * 180 / Math.PI) % 360) * 100),
                });
                node.Send(new VfrHud { Airspeed = (float)speed, Groundspeed = (float)speed, Alt = 508, Climb = 0, Heading = (short)((headingRad * 180 / Math.PI) % 360), Throttle = 55 });
                clock.AdvanceUs(100_000);
            }
        }

        return path;
    }
}
