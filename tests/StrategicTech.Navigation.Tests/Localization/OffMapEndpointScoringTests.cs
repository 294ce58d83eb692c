using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.TestSupport;
using Xunit.Abstractions;

namespace StrategicTech.Navigation.Tests.Localization;

/// <summary>
/// The SITL kidnap of seed 3 rebuilt: the robot stands at (3.457, −19.650) facing −x in the Nav2 warehouse, 5.35 m
/// north of the map's edge where the south wall is missing from the map (an open dock) but the world (the simulator's)
/// ends in a wall. A quarter of the scan's returns come from that unmapped wall. Scored as misses (0, the old scoring)
/// they held the true pose far below a look-alike 41 m away and out of the search's peaks; scored as off-map returns
/// (the default 0.8) the true pose is within the peak margin of the best and kept as a hypothesis.
/// </summary>
public sealed class OffMapEndpointScoringTests(ITestOutputHelper output)
{
    private static readonly Pose2D Truth = new(3.457, -19.650, Math.PI);

    [SharedDataFact]
    public void Seed_3_scan_past_the_open_map_edge_keeps_the_true_pose_among_the_peaks_only_when_off_map_returns_are_scored()
    {
        OccupancyGridMap map = MapServerLoader.Load(SharedData.PathOf("maps", "ros", "nav2_warehouse", "warehouse.yaml"));
        var field = new LikelihoodField(map, new MclParameters());
        (double[] xs, double[] ys, int offMap) = EndpointsInAWorldWalledAtTheMapEdge(map, Truth, new Random(3));
        output.WriteLine($"{xs.Length} returns, {offMap} of them on the unmapped wall past the map's edge");

        (double truthOld, double bestOld, bool keptOld) = Search(field, new KidnapRecoveryParameters { OffMapEndpointScore = 0 }, xs, ys);
        (double truthNew, double bestNew, bool keptNew) = Search(field, new KidnapRecoveryParameters(), xs, ys);
        output.WriteLine($"off-map scored 0: truth {truthOld:F3}, best {bestOld:F3}, kept {keptOld}; default: truth {truthNew:F3}, best {bestNew:F3}, kept {keptNew}");

        Assert.InRange(offMap, 15, xs.Length); // the case needs the unmapped wall in view (measured 23 of 83)
        Assert.False(keptOld, "with off-map returns scored as misses the true place was among the peaks");
        Assert.True(bestOld - truthOld > 0.11, $"old scoring: truth {truthOld:F3} best {bestOld:F3}"); // measured 0.723 vs 0.896
        Assert.True(keptNew, "the true place is not among the peaks");
        Assert.True(bestNew - truthNew <= new KidnapRecoveryParameters().PeakScoreMargin, $"truth {truthNew:F3}, best {bestNew:F3}");
    }

    /// <summary>Truth's grid score, the best grid score, and whether a kept peak is within a search cell and 2 yaw steps of truth.</summary>
    private static (double Truth, double Best, bool Kept) Search(LikelihoodField field, KidnapRecoveryParameters p, double[] xs, double[] ys)
    {
        var matcher = new BranchAndBoundScanMatcher(field, p);
        matcher.Start(xs, ys);
        Assert.True(matcher.Step(long.MaxValue));
        int k = (int)Math.Round((Truth.YawRad + (2 * Math.PI)) % (2 * Math.PI) / p.SearchYawStepRad) % matcher.YawCount;
        double truth = matcher.LeafScore(k, (int)Math.Floor((Truth.XM - field.OriginXM) / p.SearchResolutionM),
            (int)Math.Floor((Truth.YM - field.OriginYM) / p.SearchResolutionM));
        bool kept = Enumerable.Range(0, matcher.PeakCount).Select(matcher.Peak).Any(q =>
            Math.Abs(q.Pose.XM - Truth.XM) <= p.SearchResolutionM && Math.Abs(q.Pose.YM - Truth.YM) <= p.SearchResolutionM
            && Math.Abs(Pose2D.WrapPi(q.Pose.YawRad - Truth.YawRad)) <= 2 * p.SearchYawStepRad);
        return (truth, matcher.Found ? matcher.BestScore : 0, kept);
    }

    /// <summary>
    /// 90 evenly spaced returns of a 360-beam, 12 m scan (1 cm noise) in a world that is the map plus a wall all round
    /// its edge, as the SITL lidar sees it; and how many of them end within 5 cm of the edge or past it.
    /// </summary>
    private static (double[] X, double[] Y, int OffMap) EndpointsInAWorldWalledAtTheMapEdge(OccupancyGridMap map, Pose2D pose, Random random)
    {
        MapYaml m = map.Metadata;
        double widthM = map.Width * m.ResolutionM, heightM = map.Height * m.ResolutionM;
        var xs = new List<double>();
        var ys = new List<double>();
        int offMap = 0;
        for (int i = 0; i < 360; i += 4)
        {
            double angle = i * Math.PI / 180;
            double c = Math.Cos(angle + pose.YawRad), s = Math.Sin(angle + pose.YawRad);
            for (double r = 0; r <= 12; r += m.ResolutionM / 2)
            {
                double x = pose.XM + (c * r), y = pose.YM + (s * r);
                int cx = (int)Math.Floor((x - m.OriginXM) / m.ResolutionM), cy = (int)Math.Floor((y - m.OriginYM) / m.ResolutionM);
                bool outside = cx < 0 || cy < 0 || cx >= map.Width || cy >= map.Height;
                if (outside || map[cx, cy] >= 65)
                {
                    double range = r + (0.01 * ScanSimulator.Gauss(random));
                    xs.Add(range * Math.Cos(angle));
                    ys.Add(range * Math.Sin(angle));
                    double ex = x - m.OriginXM, ey = y - m.OriginYM;
                    offMap += Math.Min(Math.Min(ex, widthM - ex), Math.Min(ey, heightM - ey)) < 0.05 ? 1 : 0;
                    break;
                }
            }
        }

        return (xs.ToArray(), ys.ToArray(), offMap);
    }
}
