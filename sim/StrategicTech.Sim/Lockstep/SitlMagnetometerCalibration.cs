using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.SensorModels;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// The magnetometer calibration a calibrated SITL vehicle carries: the model reads S·b + h (soft iron S, hard iron h,
/// body field b), the autopilot corrects W·(raw − offset), so offset = h and W = S⁻¹ give back b. These are the model's
/// known values written as CAL_MAG0_* at start (what a perfect ellipsoid calibration would find), not a calibration
/// run: a run recovers them only to its fit's accuracy. W is stored symmetric, as PX4 stores it; a non-symmetric S
/// leaves the antisymmetric part of S⁻¹ (a small rotation) uncorrected, as on a real vehicle.
/// </summary>
public static class SitlMagnetometerCalibration
{
    /// <summary>Writes the correction of <paramref name="mag"/>'s hard and soft iron into <paramref name="store"/>.</summary>
    public static void WriteParameters(ParameterStore store, MagParameters mag)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mag);
        if (!mag.SoftIron.TryInvert(out Matrix3 inverse))
        {
            throw new ArgumentException("the magnetometer's soft-iron matrix is singular", nameof(mag));
        }

        Matrix3 w = (inverse + inverse.Transpose()) * 0.5;
        Vector3 offset = mag.HardIronFrdGauss;
        Set(store, "CAL_MAG0_XOFF", offset.X);
        Set(store, "CAL_MAG0_YOFF", offset.Y);
        Set(store, "CAL_MAG0_ZOFF", offset.Z);
        Set(store, "CAL_MAG0_XSCALE", w.M11);
        Set(store, "CAL_MAG0_YSCALE", w.M22);
        Set(store, "CAL_MAG0_ZSCALE", w.M33);
        Set(store, "CAL_MAG0_XODIAG", w.M12);
        Set(store, "CAL_MAG0_YODIAG", w.M13);
        Set(store, "CAL_MAG0_ZODIAG", w.M23);
    }

    private static void Set(ParameterStore store, string name, double value)
    {
        // Out of the parameter's range (e.g. a hard iron beyond ±2 G) the vehicle could not hold this calibration.
        if (store.TrySet(name, value) is not (ParameterSetResult.Accepted or ParameterSetResult.Unchanged))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, name + " cannot hold the magnetometer model's calibration");
        }
    }
}
