using StrategicTech.Navigation.Planning.Costmaps;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// Coarsens a static costmap by an integer factor for navigation (a 2 cm map_saver map has 6× the cells a 5 cm Nav2
/// costmap needs): a coarse cell takes the highest known cost of its fine cells, so any occupied fine cell makes it
/// occupied; it is unknown only when all its fine cells are. Set-up time: allocates the result.
/// </summary>
public static class CostmapDownsampler
{
    public static Costmap2D MaxPool(Costmap2D fine, int factor)
    {
        ArgumentNullException.ThrowIfNull(fine);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        if (factor == 1)
        {
            return fine;
        }

        int w = (fine.Width + factor - 1) / factor, h = (fine.Height + factor - 1) / factor;
        var coarse = new Costmap2D(w, h, fine.ResolutionM * factor, fine.OriginXM, fine.OriginYM, fine.OriginYawRad);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int known = -1;
                for (int fy = y * factor; fy < Math.Min(fine.Height, (y + 1) * factor); fy++)
                {
                    for (int fx = x * factor; fx < Math.Min(fine.Width, (x + 1) * factor); fx++)
                    {
                        byte c = fine[fx, fy];
                        if (c != CostValues.Unknown && c > known)
                        {
                            known = c;
                        }
                    }
                }

                coarse[x, y] = known < 0 ? CostValues.Unknown : (byte)known;
            }
        }

        return coarse;
    }
}
