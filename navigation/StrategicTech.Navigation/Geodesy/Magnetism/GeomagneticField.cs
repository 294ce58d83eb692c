using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Geodesy.Magnetism;

/// <summary>
/// The main geomagnetic field at one place and time, in the local geodetic frame: north X, east Y, down Z (nT).
/// Declination is east of true north positive; inclination is down positive.
/// </summary>
public readonly record struct GeomagneticField(double NorthNt, double EastNt, double DownNt)
{
    private const double NanoteslaPerGauss = 1e5;

    /// <summary>Horizontal intensity H, nT.</summary>
    public double HorizontalNt => Math.Sqrt((NorthNt * NorthNt) + (EastNt * EastNt));

    /// <summary>Total intensity F, nT.</summary>
    public double TotalNt => Math.Sqrt((NorthNt * NorthNt) + (EastNt * EastNt) + (DownNt * DownNt));

    /// <summary>Declination D = atan2(Y, X), rad.</summary>
    public double DeclinationRad => Math.Atan2(EastNt, NorthNt);

    /// <summary>Inclination I = atan2(Z, H), rad.</summary>
    public double InclinationRad => Math.Atan2(DownNt, HorizontalNt);

    /// <summary>The field vector in NED, gauss (1 G = 1e5 nT): what a calibrated magnetometer reads when level facing north.</summary>
    public Vector3 NedGauss => new(NorthNt / NanoteslaPerGauss, EastNt / NanoteslaPerGauss, DownNt / NanoteslaPerGauss);
}
