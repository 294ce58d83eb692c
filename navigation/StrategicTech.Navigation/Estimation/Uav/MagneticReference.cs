using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Geodesy.Magnetism;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// The earth field the magnetometer fusion compares with. Until the GNSS origin is known it is the declination
/// parameter; with <see cref="UavEkfParameters.UseWorldMagneticModel"/> (default) the origin then switches it to the
/// WMM2025 field there at <see cref="UavEkfParameters.WorldMagneticModelYear"/> (as EKF2 takes its declination from
/// its WMM table at the origin).
/// </summary>
public sealed class MagneticReference
{
    public MagneticReference(UavEkfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        DeclinationRad = parameters.MagDeclinationRad;
    }

    /// <summary>Declination in use (east of true north positive), rad.</summary>
    public double DeclinationRad { get; private set; }

    /// <summary>True once the declination and field come from the world magnetic model.</summary>
    public bool FromWorldModel { get; private set; }

    /// <summary>Model field at the origin, NED gauss (zero until <see cref="FromWorldModel"/>).</summary>
    public Vector3 ModelFieldNedGauss { get; private set; }

    /// <summary>Model inclination at the origin (down positive), rad.</summary>
    public double ModelInclinationRad { get; private set; }

    /// <summary>Takes the model's field at <paramref name="origin"/>; returns the declination change, rad.</summary>
    public double UseWorldModel(WorldMagneticModel model, GeodeticPosition origin, double decimalYear)
    {
        ArgumentNullException.ThrowIfNull(model);
        GeomagneticField field = model.Evaluate(origin, decimalYear);
        double change = field.DeclinationRad - DeclinationRad;
        DeclinationRad = field.DeclinationRad;
        ModelFieldNedGauss = field.NedGauss;
        ModelInclinationRad = field.InclinationRad;
        FromWorldModel = true;
        return change;
    }
}
