using StrategicTech.Navigation.Geodesy;
using Estimator = StrategicTech.Navigation.Estimation.Uav;
using Measured = StrategicTech.Sim.SensorModels.Samples;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// Converts the simulator's sensor samples (driver-like: pressure, degrees, fix enum) into the EKF's input samples.
/// GNSS keeps its delivery time: the EKF subtracts its own configured delay (EKF2_GPS_DELAY) as it would on hardware.
/// </summary>
public static class SensorSampleAdapter
{
    public static Estimator.ImuSample ToEkf(in Measured.ImuSample s) => new(s.TimeUs, s.DeltaAngleFrdRad, s.DeltaVelocityFrdMps, s.DtS, s.AccelClipped);

    public static Estimator.GnssSample ToEkf(in Measured.GnssSample s) => new(
        s.TimeUs,
        GeodeticPosition.FromDegrees(s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM),
        s.VelocityNedMps,
        (int)s.FixType,
        s.Satellites,
        s.EphM,
        s.EpvM,
        s.SpeedAccuracyMps);

    public static Estimator.BaroSample ToEkf(in Measured.BaroSample s) => new(s.TimeUs, s.PressureAltitudeM);

    public static Estimator.MagSample ToEkf(in Measured.MagSample s) => new(s.TimeUs, s.FieldFrdGauss);

    /// <summary>False when the range finder reports no valid return (out of range): nothing to fuse.</summary>
    public static bool TryToEkf(in Measured.RangeSample s, out Estimator.RangeSample sample)
    {
        sample = new Estimator.RangeSample(s.TimeUs, s.DistanceM);
        return s.Valid;
    }
}
