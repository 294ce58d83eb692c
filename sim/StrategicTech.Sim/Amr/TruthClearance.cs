using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Amr;

/// <summary>
/// The simulator's truth of how close the robot's disc is to anything: distance from its centre to the nearest
/// occupied map cell (cell squares, searched within 1 m) or person disc, minus the robot radius. Capped at 1 m.
/// </summary>
internal sealed class TruthClearance(OccupancyGridMap map, double robotRadiusM)
{
    private const double SearchM = 1.0;

    public double ClearanceM(double xM, double yM, IList<WalkingPerson> people)
    {
        MapYaml m = map.Metadata;
        double res = m.ResolutionM;
        int cx = (int)Math.Floor((xM - m.OriginXM) / res), cy = (int)Math.Floor((yM - m.OriginYM) / res);
        int reach = (int)Math.Ceiling(SearchM / res);
        double best = SearchM;
        for (int y = Math.Max(0, cy - reach); y <= Math.Min(map.Height - 1, cy + reach); y++)
        {
            for (int x = Math.Max(0, cx - reach); x <= Math.Min(map.Width - 1, cx + reach); x++)
            {
                if (map[x, y] < 65)
                {
                    continue;
                }

                double x0 = m.OriginXM + (x * res), y0 = m.OriginYM + (y * res);
                double dx = Math.Max(0, Math.Max(x0 - xM, xM - (x0 + res)));
                double dy = Math.Max(0, Math.Max(y0 - yM, yM - (y0 + res)));
                best = Math.Min(best, Math.Sqrt((dx * dx) + (dy * dy)));
            }
        }

        foreach (WalkingPerson p in people)
        {
            best = Math.Min(best, Math.Sqrt(((p.XM - xM) * (p.XM - xM)) + ((p.YM - yM) * (p.YM - yM))) - p.RadiusM);
        }

        return best - robotRadiusM;
    }
}
