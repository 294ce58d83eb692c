using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// A local tangent-plane frame (North-East-Down, metres) about a fixed WGS84 origin, converting exactly through
/// ECEF (no flat-earth approximation). ENU is NED with axes swapped: (E, N, U) = (N_y, N_x, −N_z).
/// </summary>
public readonly struct LocalNedFrame
{
    private readonly Vector3 _originEcefM;
    private readonly Matrix3 _ecefToNed;

    public LocalNedFrame(GeodeticPosition origin)
    {
        Origin = origin;
        _originEcefM = Ecef.FromGeodetic(origin);
        _ecefToNed = Ecef.EcefToNedRotation(origin.LatitudeRad, origin.LongitudeRad);
    }

    public GeodeticPosition Origin { get; }

    public Vector3 ToNed(GeodeticPosition position) => _ecefToNed * (Ecef.FromGeodetic(position) - _originEcefM);

    public GeodeticPosition FromNed(Vector3 positionNedM) =>
        Ecef.ToGeodetic(_originEcefM + (_ecefToNed.Transpose() * positionNedM));

    public static Vector3 NedToEnu(Vector3 ned) => new(ned.Y, ned.X, -ned.Z);

    public static Vector3 EnuToNed(Vector3 enu) => new(enu.Y, enu.X, -enu.Z);
}
