using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>Nominal 24-state estimate (see <see cref="UavStateIndex"/> for the vector order).</summary>
public readonly record struct UavState(
    Quaternion Attitude,
    Vector3 VelocityNedMps,
    Vector3 PositionNedM,
    Vector3 GyroBiasRadps,
    Vector3 AccelBiasMps2,
    Vector3 MagEarthGauss,
    Vector3 MagBodyGauss,
    double WindNorthMps,
    double WindEastMps)
{
    /// <summary>Writes the state in PX4 order into <paramref name="destination"/> (length at least 24).</summary>
    public void CopyTo(Span<double> destination)
    {
        destination[0] = Attitude.W;
        destination[1] = Attitude.X;
        destination[2] = Attitude.Y;
        destination[3] = Attitude.Z;
        Put(destination, UavStateIndex.VelocityNorth, VelocityNedMps);
        Put(destination, UavStateIndex.PositionNorth, PositionNedM);
        Put(destination, UavStateIndex.GyroBiasX, GyroBiasRadps);
        Put(destination, UavStateIndex.AccelBiasX, AccelBiasMps2);
        Put(destination, UavStateIndex.MagEarthNorth, MagEarthGauss);
        Put(destination, UavStateIndex.MagBodyX, MagBodyGauss);
        destination[UavStateIndex.WindNorth] = WindNorthMps;
        destination[UavStateIndex.WindEast] = WindEastMps;
    }

    private static void Put(Span<double> d, int i, Vector3 v)
    {
        d[i] = v.X;
        d[i + 1] = v.Y;
        d[i + 2] = v.Z;
    }
}
