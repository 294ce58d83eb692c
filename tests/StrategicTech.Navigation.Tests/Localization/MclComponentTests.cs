using FsCheck;
using FsCheck.Fluent;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using PropertyAttribute = FsCheck.Xunit.PropertyAttribute;

namespace StrategicTech.Navigation.Tests.Localization;

public sealed class MclComponentTests
{
    private struct NoNoise : IStandardNormalSource
    {
        public readonly double NextStandardNormal() => 0;
    }

    [Property(MaxTest = 300)]
    public Property NoiselessMotionModelAppliesTheOdometryDeltaInTheParticleFrame() =>
        Prop.ForAll(Gen.Choose(-20000, 20000).ArrayOf(9).ToArbitrary(), v =>
        {
            // Positions ±20 m, angles ±π (the ints scaled), translation 0.01..3 m.
            double Angle(int i) => v[i] / 20000.0 * Math.PI;
            var odomBefore = new Pose2D(v[0] / 1000.0, v[1] / 1000.0, Angle(2));
            double trans = 0.01 + (Math.Abs(v[3]) / 20000.0 * 2.99);
            double direction = odomBefore.YawRad + Angle(4);
            var odomAfter = new Pose2D(odomBefore.XM + (trans * Math.Cos(direction)), odomBefore.YM + (trans * Math.Sin(direction)), Pose2D.WrapPi(odomBefore.YawRad + Angle(5)));
            var particle = new Pose2D(v[6] / 1000.0, v[7] / 1000.0, Angle(8));
            (double r1, double t, double r2) = OdometryMotionModel.Decompose(odomBefore, odomAfter);
            var noise = default(NoNoise);
            Pose2D moved = OdometryMotionModel.Sample(particle, r1, t, r2, 0.3, 0.3, 0.3, 0.3, ref noise);
            Pose2D expected = particle.Compose(odomBefore.Between(odomAfter));
            return Math.Abs(moved.XM - expected.XM) < 1e-9 && Math.Abs(moved.YM - expected.YM) < 1e-9
                && Math.Abs(Pose2D.WrapPi(moved.YawRad - expected.YawRad)) < 1e-9;
        });

    [Fact]
    public void MotionNoiseSpreadGrowsWithAlphaAndTranslationAndIsUnbiased()
    {
        var random = new Random(5);
        var gaussian = new SeededGaussian(random);
        (double MeanX, double SdX) Spread(double alpha3, double trans)
        {
            double sum = 0, sumSq = 0;
            const int n = 20000;
            for (int i = 0; i < n; i++)
            {
                double x = OdometryMotionModel.Sample(default, 0, trans, 0, 0, 0, alpha3, 0, ref gaussian).XM;
                sum += x;
                sumSq += x * x;
            }

            double mean = sum / n;
            return (mean, Math.Sqrt((sumSq / n) - (mean * mean)));
        }

        // σ_trans = √α3·trans: 0.2236·1 m and 0.2236·0.5 m; sampling error of σ over 20 000 draws ≈ 0.5%.
        (double mean1, double sd1) = Spread(0.05, 1.0);
        (double mean2, double sd2) = Spread(0.05, 0.5);
        Assert.InRange(sd1, 0.2236 * 0.98, 0.2236 * 1.02);
        Assert.InRange(sd2, 0.1118 * 0.98, 0.1118 * 1.02);
        Assert.InRange(mean1, 1.0 - 0.005, 1.0 + 0.005); // standard error 0.0016 m
        Assert.InRange(mean2, 0.5 - 0.0025, 0.5 + 0.0025); // standard error 0.0008 m
    }

    [Property(MaxTest = 300)]
    public Property LowVarianceResamplingDrawsEachParticleFloorOrCeilingOfItsShare() =>
        Prop.ForAll(
            Gen.Choose(1, 1000).ArrayOf().Where(a => a.Length is > 0 and < 60).ToArbitrary(),
            Gen.Choose(1, 500).ToArbitrary(),
            Gen.Choose(0, 999).ToArbitrary(),
            (raw, m, offset) =>
            {
                double total = raw.Sum();
                double[] weights = [.. raw.Select(r => r / total)];
                int[] parents = new int[m];
                LowVarianceResampler.Resample(weights, parents, offset / 1000.0);
                int[] counts = new int[weights.Length];
                foreach (int p in parents)
                {
                    counts[p]++;
                }

                bool sorted = parents.Zip(parents.Skip(1)).All(pair => pair.First <= pair.Second);
                bool shares = weights.Select((w, i) => Math.Abs(counts[i] - (w * m)) < 1.0 + 1e-9).All(ok => ok);
                return sorted && shares;
            });

    [Fact]
    public void KldBoundMatchesFoxFormulaAndGrowsWithBins()
    {
        // k = 2: (1/(2·0.05))·(1 − 2/9 + √(2/9)·0.99)³ = 10·(0.77778 + 0.46669)³ = 19.27 → 20.
        Assert.Equal(20, KldSampling.RequiredParticles(2, 0.05, 0.99));
        Assert.Equal(1, KldSampling.RequiredParticles(1, 0.05, 0.99));
        int previous = 0;
        for (int k = 2; k < 5000; k += 37)
        {
            int n = KldSampling.RequiredParticles(k, 0.05, 0.99);
            Assert.True(n > previous, $"bound not increasing at k = {k}");
            Assert.True(KldSampling.RequiredParticles(k, 0.01, 0.99) > n, "a tighter ε needs more particles");
            previous = n;
        }
    }

    [Fact]
    public void LikelihoodFieldDistanceEqualsBruteForceNearestObstacle()
    {
        var random = new Random(11);
        string[] rows = new string[23];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = new string([.. Enumerable.Range(0, 31).Select(_ => random.NextDouble() < 0.04 ? '#' : random.NextDouble() < 0.1 ? '?' : '.')]);
        }

        OccupancyGridMap map = SyntheticMaps.FromText(rows);
        var field = new LikelihoodField(map, new MclParameters { LikelihoodMaxDistM = 0.6 });
        for (int y = 0; y < map.Height; y++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                double best = double.PositiveInfinity;
                for (int oy = 0; oy < map.Height; oy++)
                {
                    for (int ox = 0; ox < map.Width; ox++)
                    {
                        if (map[ox, oy] >= 65)
                        {
                            best = Math.Min(best, Math.Sqrt(((ox - x) * (ox - x)) + ((oy - y) * (oy - y))) * SyntheticMaps.ResolutionM);
                        }
                    }
                }

                Assert.Equal(Math.Min(best, 0.6), field.DistanceM(x, y), 5);
                Assert.Equal(map[x, y] == OccupancyGridMap.Free, field.IsFree(x, y));
            }
        }
    }

    [Fact]
    public void LikelihoodTableIsTheHitRandomMixtureOfTheDistance()
    {
        OccupancyGridMap map = SyntheticMaps.FromText("#.........", "..........", "..........");
        var p = new MclParameters { ZHit = 0.7, ZRand = 0.3, SigmaHitM = 0.1 };
        var field = new LikelihoodField(map, p);
        field.SetRandomRange(10);
        double d = field.DistanceM(3, 2); // 3 cells = 0.15 m from the obstacle at (0, 2)
        Assert.Equal(0.15, d, 6);
        double expected = Math.Log((0.7 * Math.Exp(-(0.15 * 0.15) / (2 * 0.01))) + (0.3 / 10));
        Assert.Equal(expected, field.LogLikelihoodAt(3.5 * 0.05, 2.5 * 0.05), 5);
        Assert.Equal(Math.Log((0.7 * Math.Exp(-(2.0 * 2.0) / 0.02)) + 0.03), field.LogLikelihoodAt(-5, -5), 9);
    }

    [Fact]
    public void ParametersNameTheBadField()
    {
        var e = Assert.Throws<ArgumentException>(() => new MclParameters { MaxParticles = 10, MinParticles = 20 }.Validate());
        Assert.Contains("MaxParticles", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MclParameters { SigmaHitM = double.NaN }.Validate());
        Assert.Contains("SigmaHitM", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MclParameters { AlphaSlow = 0.1, AlphaFast = 0.05 }.Validate());
        Assert.Contains("AlphaFast", e.Message);
        new MclParameters().Validate();
    }

    [Fact]
    public void BadScansAreCountedAndScansBeforeInitializationIgnored()
    {
        OccupancyGridMap map = SyntheticMaps.FromText("##########", "#........#", "#........#", "##########");
        var mcl = new MonteCarloLocalizer(map, new MclParameters { MinParticles = 10, MaxParticles = 50 }, new Random(1));
        float[] ranges = [1f, 1f, 1f, 1f];
        Assert.False(mcl.Update(default, ranges, 0, 0.1, 0.1, 5, default, 0));
        Assert.Equal(1, mcl.ScansBeforeInitialization);
        mcl.SetInitialPose(new Pose2D(0.2, 0.1, 0), default, 0.01, 0.01);
        Assert.False(mcl.Update(new Pose2D(double.NaN, 0, 0), ranges, 0, 0.1, 0.1, 5, default, 0));
        Assert.False(mcl.Update(default, ranges, 0, 0, 0.1, 5, default, 0));
        Assert.False(mcl.Update(default, [], 0, 0.1, 0.1, 5, default, 0));
        Assert.False(mcl.Update(default, ranges, 0, 0.1, 0.1, 0.05, default, 0));
        Assert.Equal(4, mcl.RejectedScans);
        Assert.True(mcl.Update(default, ranges, 0, 0.1, 0.1, 5, default, 0)); // first scan after a pose always updates
        Assert.False(mcl.Update(new Pose2D(0.01, 0, 0), ranges, 0, 0.1, 0.1, 5, default, 1)); // below update_min_d
    }
}
