using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Calibration;

/// <summary>Synthetic sensor errors and readings for the calibration properties, all from one seed.</summary>
internal static class CalibrationSynthesis
{
    public const double G = OrientationDetector.StandardGravityMps2;

    public static double Gaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble keeps the log argument in (0, 1].
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static Vector3 GaussianVector(Random random, double sigma) => new Vector3(Gaussian(random), Gaussian(random), Gaussian(random)) * sigma;

    public static double Uniform(Random random, double halfWidth) => ((2.0 * random.NextDouble()) - 1.0) * halfWidth;

    public static Vector3 UniformVector(Random random, double halfWidth) => new(Uniform(random, halfWidth), Uniform(random, halfWidth), Uniform(random, halfWidth));

    public static Vector3 UnitVector(Random random)
    {
        while (true)
        {
            Vector3 v = GaussianVector(random, 1.0);
            if (v.Length > 1e-6)
            {
                return v.Normalized();
            }
        }
    }

    /// <summary>A symmetric soft-iron matrix near identity (diagonal ±<paramref name="diagonal"/>, off-diagonal ±<paramref name="offDiagonal"/>).</summary>
    public static Matrix3 SoftIron(Random random, double diagonal, double offDiagonal)
    {
        double xy = Uniform(random, offDiagonal), xz = Uniform(random, offDiagonal), yz = Uniform(random, offDiagonal);
        return new Matrix3(1 + Uniform(random, diagonal), xy, xz, xy, 1 + Uniform(random, diagonal), yz, xz, yz, 1 + Uniform(random, diagonal));
    }

    public static double MaxAbs(in Matrix3 m) =>
        new[] { m.M11, m.M12, m.M13, m.M21, m.M22, m.M23, m.M31, m.M32, m.M33 }.Max(Math.Abs);

    public static double MaxAbs(Vector3 v) => Math.Max(Math.Abs(v.X), Math.Max(Math.Abs(v.Y), Math.Abs(v.Z)));
}
