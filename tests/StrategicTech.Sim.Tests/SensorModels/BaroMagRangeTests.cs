using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.SensorModels;
using StrategicTech.Sim.SensorModels.Samples;
using static StrategicTech.Sim.Tests.SensorModels.SensorFixtures;

namespace StrategicTech.Sim.Tests.SensorModels;

// Tolerances given in decimals in this class are rounding epsilons on exact identities (standard atmosphere round
// trip, field rotation, iron model, slant range); the statistical bounds carry their measured values.
public sealed class BaroMagRangeTests
{
    [Theory]
    [InlineData(0, 101_325.0)]
    [InlineData(1000, 89_874.6)]
    [InlineData(5000, 54_019.9)]
    public void Standard_atmosphere_matches_the_icao_table(double altitudeM, double pressurePa)
    {
        Assert.Equal(pressurePa, StandardAtmosphere.PressurePa(altitudeM), 0);
        Assert.Equal(altitudeM, StandardAtmosphere.PressureAltitudeM(StandardAtmosphere.PressurePa(altitudeM)), 6);
    }

    [Fact]
    public void An_ideal_barometer_reports_the_pressure_altitude_of_the_vehicle()
    {
        var baro = new BarometerModel(BaroParameters.Ideal, 488, 1);
        VehicleTruthAt(baro, 15.5, out BaroSample s);
        Assert.Equal(503.5, s.PressureAltitudeM, 6);
        Assert.Equal(15 - (0.0065 * 503.5), s.TemperatureC, 6);
    }

    [Fact]
    public void Barometer_noise_and_drift_have_the_configured_size()
    {
        var noisy = new BarometerModel(BaroParameters.Ideal with { NoiseStdDevPa = 1.5 }, 0, 2);
        double[] pressure = new double[20_000];
        for (int i = 0; i < pressure.Length; i++)
        {
            var t = AtRest(i * 20_000L, 10);
            Assert.True(noisy.Update(in t, out BaroSample s));
            pressure[i] = s.PressurePa - StandardAtmosphere.PressurePa(10);
        }

        (double mean, double std) = Statistics(pressure);
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seeds 2, 3, 4).
        Assert.InRange(std, 1.5 * 0.9915, 1.5 * 1.0085); // measured +0.56 % (worst)
        Assert.InRange(mean, -0.015, 0.015); // measured 0.0047 Pa (worst 0.010 Pa)

        double[] offsets = new double[400];
        for (int v = 0; v < offsets.Length; v++)
        {
            var drifting = new BarometerModel(BaroParameters.Ideal with { DriftPaPerSqrtS = 0.2 }, 0, (ulong)v);
            for (long t = 0; t <= 100_000_000; t += 20_000)
            {
                var truth = AtRest(t);
                drifting.Update(in truth, out _);
            }

            offsets[v] = drifting.OffsetPa;
        }

        // After 100 s a 0.2 Pa/√s walk has σ = 2 Pa.
        // measured +2.5 % (seed bases 0, 1000, 2000: worst −3.5 %); bound ±5.3 %
        Assert.InRange(Statistics(offsets).StdDev, 2 * 0.947, 2 * 1.053);
    }

    [Fact]
    public void Magnetometer_rotates_the_field_into_the_body_and_adds_iron_and_interference()
    {
        Vector3 earth = new(0.2, 0.05, 0.43);
        var hardIron = new Vector3(0.01, -0.02, 0.03);
        var softIron = new Matrix3(1.1, 0.02, 0, 0.02, 0.95, 0, 0, 0, 1.0);
        var faults = new FaultSchedule([Fault.MagInterference(1_000_000, 500_000, new Vector3(0.3, 0, 0))]);
        var mag = new MagnetometerModel(MagParameters.Ideal with { HardIronFrdGauss = hardIron, SoftIron = softIron }, faults, 1);

        var yawed = AtRest(0) with { Attitude = Quaternion.FromEuler(0, 0, Math.PI / 2), MagneticFieldNedGauss = earth };
        Assert.True(mag.Update(in yawed, out MagSample s));
        // Facing east, body X sees the east component and body Y sees minus north.
        Vector3 body = new(0.05, -0.2, 0.43);
        Vector3 expected = (softIron * body) + hardIron;
        Assert.True((s.FieldFrdGauss - expected).Length < 1e-12, $"{s.FieldFrdGauss} vs {expected}");

        var disturbed = yawed with { TimeUs = 1_200_000 };
        Assert.True(mag.Update(in disturbed, out MagSample d));
        Assert.Equal(expected.X + 0.3, d.FieldFrdGauss.X, 12);

        var after = yawed with { TimeUs = 1_500_000 };
        Assert.True(mag.Update(in after, out MagSample a));
        Assert.Equal(expected.X, a.FieldFrdGauss.X, 12);
    }

    [Fact]
    public void Magnetometer_noise_has_the_configured_spread()
    {
        var mag = new MagnetometerModel(MagParameters.Ideal with { NoiseStdDevGauss = 0.004 }, null, 8);
        double[] z = new double[20_000];
        for (int i = 0; i < z.Length; i++)
        {
            var t = AtRest(i * 10_000L);
            mag.Update(in t, out MagSample s);
            z[i] = s.FieldFrdGauss.Z - t.MagneticFieldNedGauss.Z;
        }

        (double mean, double std) = Statistics(z);
        // Measured with this seed and two others; each bound is 1.5 × the worst deviation of the three (seeds 8, 9, 10).
        Assert.InRange(std, 0.004 * 0.9855, 0.004 * 1.0145); // measured +0.19 % (worst −0.96 %)
        Assert.InRange(mean, -5.8e-5, 5.8e-5); // measured 1.5e-5 G (worst 3.9e-5 G)
    }

    [Fact]
    public void Range_finder_measures_slant_range_and_is_invalid_out_of_range()
    {
        var parameters = RangeFinderParameters.Default with { NoiseStdDevM = 0 };
        var range = new RangeFinderModel(parameters, 1);

        Assert.Equal(new RangeSample(0, 5, true), Sample(range, 0, 5, 0));
        RangeSample tilted = Sample(range, 50_000, 5, 30 * Math.PI / 180);
        Assert.Equal(5 / Math.Cos(30 * Math.PI / 180), tilted.DistanceM, 9);
        Assert.True(tilted.Valid);
        Assert.Equal(new RangeSample(100_000, 12, false), Sample(range, 100_000, 20, 0));
        Assert.Equal(new RangeSample(150_000, 0.1, false), Sample(range, 150_000, 0.05, 0));
        Assert.False(Sample(range, 200_000, 5, 60 * Math.PI / 180).Valid);
    }

    [Fact]
    public void Sensors_keep_their_output_rates()
    {
        var baro = new BarometerModel(BaroParameters.Default, 0, 1);
        var mag = new MagnetometerModel(MagParameters.Default, null, 1);
        var range = new RangeFinderModel(RangeFinderParameters.Default, 1);
        int baroCount = 0, magCount = 0, rangeCount = 0;
        for (long t = 0; t < 10_000_000; t += 1000)
        {
            var truth = AtRest(t, 3);
            baroCount += baro.Update(in truth, out _) ? 1 : 0;
            magCount += mag.Update(in truth, out _) ? 1 : 0;
            rangeCount += range.Update(in truth, out _) ? 1 : 0;
        }

        Assert.Equal(500, baroCount);
        Assert.Equal(1000, magCount);
        Assert.Equal(200, rangeCount);
    }

    private static void VehicleTruthAt(BarometerModel baro, double altitudeM, out BaroSample sample)
    {
        var t = AtRest(0, altitudeM);
        Assert.True(baro.Update(in t, out sample));
    }

    private static RangeSample Sample(RangeFinderModel range, long timeUs, double heightM, double rollRad)
    {
        var t = AtRest(timeUs, heightM) with { Attitude = Quaternion.FromEuler(rollRad, 0, 0) };
        Assert.True(range.Update(in t, out RangeSample s));
        return s;
    }
}
