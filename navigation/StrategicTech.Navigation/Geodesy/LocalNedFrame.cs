using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Geodesy;

/// <summary>
/// A local tangent-plane frame (North-East-Down, metres) about a fixed WGS84 origin, converting exactly through
/// ECEF (no flat-earth approximation). ENU is NED with axes swapped: (E, N, U) = (N_y, N_x, −N_z).
/// The origin's ECEF position is kept in double-double and the ECEF leg is never rounded to double: only the local
/// offset (metres to kilometres, ulps near 1e-12 m) and the final result are rounded.
/// </summary>
public readonly struct LocalNedFrame
{
    private readonly DoubleDouble _originX;
    private readonly DoubleDouble _originY;
    private readonly DoubleDouble _originZ;
    private readonly Matrix3 _ecefToNed;

    public LocalNedFrame(GeodeticPosition origin)
    {
        Origin = origin;
        Ecef.FromGeodetic(origin, out _originX, out _originY, out _originZ);
        _ecefToNed = Ecef.EcefToNedRotation(origin.LatitudeRad, origin.LongitudeRad);
    }

    public GeodeticPosition Origin { get; }

    public Vector3 ToNed(GeodeticPosition position)
    {
        Ecef.FromGeodetic(position, out DoubleDouble x, out DoubleDouble y, out DoubleDouble z);
        var offsetEcefM = new Vector3((x - _originX).Hi, (y - _originY).Hi, (z - _originZ).Hi);
        return _ecefToNed * offsetEcefM;
    }

    public GeodeticPosition FromNed(Vector3 positionNedM)
    {
        Vector3 offsetEcefM = _ecefToNed.Transpose() * positionNedM;
        return Ecef.ToGeodetic(_originX + offsetEcefM.X, _originY + offsetEcefM.Y, _originZ + offsetEcefM.Z);
    }

    public static Vector3 NedToEnu(Vector3 ned) => new(ned.Y, ned.X, -ned.Z);

    public static Vector3 EnuToNed(Vector3 enu) => new(enu.Y, enu.X, -enu.Z);
}
