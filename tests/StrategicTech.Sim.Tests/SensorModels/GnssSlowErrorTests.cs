using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.SensorModels.Samples;
using static StrategicTech.Sim.Tests.SensorModels.SensorFixtures;

namespace StrategicTech.Sim.Tests.SensorModels;

/// <summary>
/// The receiver's slow position error is a bounded first-order Gauss–Markov process with the default's stated σ and
/// correlation time (not a random walk whose spread grows without limit).
/// </summary>
public sealed class GnssSlowErrorTests
{
    private static readonly LocalNedFrame Home = new(SimulationEnvironment.Default.Home);

    [Fact]
    public void AcrossReceiversTheSlowErrorHasTheStationarySigma()
    {
        GnssParameters p = GnssParameters.Default;
        const int n = 2000;
        double h2 = 0, v2 = 0;
        for (ulong seed = 1; seed <= n; seed++)
        {
            Vector3 e = new GnssModel(p, Home, null, seed).SlowErrorNedM;
            h2 += (e.X * e.X) + (e.Y * e.Y);
            v2 += e.Z * e.Z;
        }

        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seed bases 0, 10000, 20000).
        Assert.InRange(Math.Sqrt(h2 / (2 * n)), 0.989 * p.HorizontalDriftStdDevM, 1.011 * p.HorizontalDriftStdDevM); // measured −0.55 % (worst +0.75 %)
        Assert.InRange(Math.Sqrt(v2 / n), 0.9625 * p.VerticalDriftStdDevM, 1.0375 * p.VerticalDriftStdDevM); // measured −2.5 % (worst)
    }

    [Fact]
    public void OverManyCorrelationTimesItStaysBoundedAndDecorrelatesAtTheStatedRate()
    {
        GnssParameters p = GnssParameters.Default;
        var gnss = new GnssModel(p, Home, null, 11);
        long epochUs = (long)(1e6 / p.RateHz);
        long durationUs = (long)(60 * p.DriftCorrelationTimeS * 1e6);
        const long lagUs = 60_000_000;
        var north = new List<double>();
        for (long t = 0; t <= durationUs; t += epochUs)
        {
            VehicleTruth truth = AtRest(t);
            gnss.Update(in truth, out GnssSample _);
            if (t % lagUs == 0)
            {
                north.Add(gnss.SlowErrorNedM.X);
            }
        }

        (double _, double sigma) = Statistics(north.ToArray());
        double[] changes = [.. north.Zip(north.Skip(1), (a, b) => b - a)];
        (double _, double changeSigma) = Statistics(changes);
        double expectedChange = p.HorizontalDriftStdDevM * Math.Sqrt(2 * (1 - Math.Exp(-lagUs * 1e-6 / p.DriftCorrelationTimeS)));

        // 60 correlation times: a random walk with the same 60 s increments would spread to ≈ 7 σ.
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seeds 11, 12, 13).
        Assert.InRange(sigma, 0.865 * p.HorizontalDriftStdDevM, 1.135 * p.HorizontalDriftStdDevM); // measured +1.4 % (worst −9.0 %)
        Assert.InRange(changeSigma, 0.975 * expectedChange, 1.025 * expectedChange); // measured +0.6 % (worst −1.7 %)
        Assert.True(north.Max(Math.Abs) < 5 * p.HorizontalDriftStdDevM); // measured 2.96 σ (worst 3.50 σ); 5 σ is within 1.5 × that
    }
}
