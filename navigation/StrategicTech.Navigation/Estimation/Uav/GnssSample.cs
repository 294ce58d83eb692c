using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>One GNSS fix with its receiver-reported quality (fix type 3 = 3-D fix).</summary>
public readonly record struct GnssSample(
    long TimeUs,
    GeodeticPosition Position,
    Vector3 VelocityNedMps,
    int FixType,
    int Satellites,
    double HorizontalAccuracyM,
    double VerticalAccuracyM,
    double SpeedAccuracyMps)
{
    internal bool IsFinite =>
        double.IsFinite(Position.LatitudeRad) && double.IsFinite(Position.LongitudeRad) && double.IsFinite(Position.HeightM)
        && VelocityNedMps.IsFinite && double.IsFinite(HorizontalAccuracyM) && double.IsFinite(VerticalAccuracyM)
        && double.IsFinite(SpeedAccuracyMps);
}
