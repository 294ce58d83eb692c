using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Tests.SensorModels;

internal static class SensorFixtures
{
    public const double G = 9.80665;

    /// <summary>A vehicle at rest and level at <paramref name="altitudeM"/> above home, at time <paramref name="timeUs"/>.</summary>
    public static VehicleTruth AtRest(long timeUs, double altitudeM = 0) => new()
    {
        TimeUs = timeUs,
        PositionNedM = new Vector3(0, 0, -altitudeM),
        Attitude = Quaternion.Identity,
        SpecificForceFrdMps2 = new Vector3(0, 0, -G),
        HeightAboveGroundM = altitudeM,
        GravityMps2 = G,
        MagneticFieldNedGauss = MagneticFieldParameters.Default.FieldNedGauss(),
    };

    public static (double Mean, double StdDev) Statistics(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length;
        double sq = 0;
        foreach (double v in values)
        {
            sq += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(sq / (values.Length - 1)));
    }
}
