using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.SensorModels.Samples;
using static StrategicTech.Sim.Tests.SensorModels.SensorFixtures;

namespace StrategicTech.Sim.Tests.SensorModels;

// Tolerances given in decimals in this class are rounding epsilons on exact identities (configured accuracies read
// back); the statistical and round-trip bounds carry their measured values.
public sealed class GnssModelTests
{
    private static readonly LocalNedFrame Home = new(SimulationEnvironment.Default.Home);

    /// <summary>A vehicle flying north-east at constant velocity, so its position at any instant is known.</summary>
    private static VehicleTruth Flying(long timeUs)
    {
        var velocity = new Vector3(4, 3, -1);
        return AtRest(timeUs, 20) with
        {
            PositionNedM = new Vector3(0, 0, -20) + (velocity * (timeUs * 1e-6)),
            VelocityNedMps = velocity,
        };
    }

    private static List<GnssSample> Collect(GnssModel gnss, double seconds, Func<long, VehicleTruth>? truthAt = null)
    {
        var samples = new List<GnssSample>();
        truthAt ??= Flying;
        for (long t = 0; t <= (long)(seconds * 1e6); t += 1000)
        {
            VehicleTruth truth = truthAt(t);
            if (gnss.Update(in truth, out GnssSample s))
            {
                samples.Add(s);
            }
        }

        return samples;
    }

    [Theory]
    [InlineData(5.0, 0L)]
    [InlineData(10.0, 110_000L)]
    [InlineData(8.0, 250_000L)]
    public void Solutions_arrive_at_the_configured_rate_after_the_configured_latency(double rateHz, long latencyUs)
    {
        var gnss = new GnssModel(GnssParameters.Ideal with { RateHz = rateHz, LatencyUs = latencyUs }, Home, null, 1);
        List<GnssSample> samples = Collect(gnss, 10);

        long periodUs = (long)(1e6 / rateHz);
        Assert.Equal((int)((10_000_000 - latencyUs) / periodUs) + 1, samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            Assert.Equal(i * periodUs, samples[i].ValidTimeUs);
            Assert.Equal(samples[i].ValidTimeUs + latencyUs, samples[i].TimeUs);
        }
    }

    [Fact]
    public void An_ideal_receiver_reports_the_truth_at_the_valid_time_in_wgs84()
    {
        var gnss = new GnssModel(GnssParameters.Ideal with { LatencyUs = 200_000 }, Home, null, 1);
        List<GnssSample> samples = Collect(gnss, 5);

        foreach (GnssSample s in samples.Skip(1))
        {
            Vector3 reportedNed = Home.ToNed(GeodeticPosition.FromDegrees(s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM));
            Vector3 trueNed = Flying(s.ValidTimeUs).PositionNedM;
            Assert.True((reportedNed - trueNed).Length < 1.55e-9, $"{reportedNed} vs {trueNed}"); // measured ≤ 1.03e-9 m (geodetic round trip); bound 1.5 × that
            Assert.Equal(new Vector3(4, 3, -1), s.VelocityNedMps);
            Assert.Equal(GnssFixType.Fix3D, s.FixType);
            Assert.InRange(s.Satellites, 12, 20); // nominal 16 + round(N(0, 1)): ± 4 σ; measured 13 .. 18
        }
    }

    [Fact]
    public void Position_noise_has_the_configured_spread()
    {
        var parameters = GnssParameters.Ideal with { HorizontalNoiseStdDevM = 0.4, VerticalNoiseStdDevM = 0.7 };
        var gnss = new GnssModel(parameters, Home, null, 9);
        List<GnssSample> samples = Collect(gnss, 600, t => AtRest(t, 20));

        double[] north = [.. samples.Select(s => Home.ToNed(GeodeticPosition.FromDegrees(s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM)).X)];
        double[] down = [.. samples.Select(s => Home.ToNed(GeodeticPosition.FromDegrees(s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM)).Z + 20)];
        (double northMean, double northStd) = Statistics(north);
        (double downMean, double downStd) = Statistics(down);
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seeds 9, 10, 11).
        Assert.InRange(northStd, 0.4 * 0.9915, 0.4 * 1.0085); // measured +0.24 % (worst −0.57 %)
        Assert.InRange(downStd, 0.7 * 0.988, 0.7 * 1.012); // measured −0.75 % (worst −0.78 %)
        Assert.InRange(northMean, -0.0122, 0.0122); // measured 0.0081 m (worst)
        Assert.InRange(downMean, -0.0186, 0.0186); // measured 0.0075 m (worst 0.0124 m)
        Assert.Equal(0.4, samples[0].EphM, 12);
        Assert.Equal(0.7, samples[0].EpvM, 12);
    }

    [Fact]
    public void Random_dropouts_lose_about_the_configured_share_of_solutions()
    {
        var gnss = new GnssModel(GnssParameters.Ideal with { DropoutProbability = 0.2 }, Home, null, 4);
        List<GnssSample> samples = Collect(gnss, 300);

        Assert.Equal(3001, samples.Count + gnss.DroppedCount);
        Assert.InRange(gnss.DroppedCount / 3001.0, 0.188, 0.212); // measured 0.1919 (seeds 4, 5, 6: worst 0.0081 off 0.2); bound ±0.012
    }

    [Fact]
    public void Gnss_loss_reports_no_fix_during_the_fault_and_a_jump_offsets_the_position()
    {
        var faults = new FaultSchedule(
        [
            Fault.GnssLoss(1_000_000, 1_000_000),
            Fault.GnssPositionJump(3_000_000, 1_000_000, new Vector3(25, -10, 0)),
        ]);
        var gnss = new GnssModel(GnssParameters.Ideal, Home, faults, 1);
        List<GnssSample> samples = Collect(gnss, 5, t => AtRest(t, 20));

        foreach (GnssSample s in samples)
        {
            Vector3 ned = s.FixType == GnssFixType.Fix3D ? Home.ToNed(GeodeticPosition.FromDegrees(s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM)) : Vector3.Zero;
            if (s.ValidTimeUs is >= 1_000_000 and < 2_000_000)
            {
                Assert.Equal(GnssFixType.NoFix, s.FixType);
                Assert.True(s.Satellites <= 2);
            }
            else if (s.ValidTimeUs is >= 3_000_000 and < 4_000_000)
            {
                Assert.True((ned - new Vector3(25, -10, -20)).Length < 3.1e-10, $"{ned}"); // measured ≤ 2.08e-10 m (geodetic round trip); bound 1.5 × that
            }
            else
            {
                Assert.Equal(GnssFixType.Fix3D, s.FixType);
                Assert.True((ned - new Vector3(0, 0, -20)).Length < 1e-12, $"{ned}"); // a rounding epsilon: measured ≤ 1.8e-15 m
            }
        }
    }

    [Fact]
    public void The_same_seed_repeats_the_sequence_and_another_seed_does_not()
    {
        List<GnssSample> a = Collect(new GnssModel(GnssParameters.Default, Home, null, 3), 3);
        List<GnssSample> b = Collect(new GnssModel(GnssParameters.Default, Home, null, 3), 3);
        List<GnssSample> c = Collect(new GnssModel(GnssParameters.Default, Home, null, 4), 3);
        Assert.Equal(a, b);
        Assert.NotEqual(a[5].LatitudeDeg, c[5].LatitudeDeg);
    }
}
