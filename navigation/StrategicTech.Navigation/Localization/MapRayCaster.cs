namespace StrategicTech.Navigation.Localization;

/// <summary>
/// Ray casting on a localization map (<see cref="LikelihoodField"/>'s cells): what range a lidar beam from a map pose
/// would return. Exact grid traversal (Amanatides and Woo, 1987), one step per cell crossed; allocation-free.
/// </summary>
public static class MapRayCaster
{
    /// <summary>
    /// Distance (m) from (x, y) along <paramref name="angleRad"/> to the first obstacle cell the ray enters;
    /// <paramref name="rangeMaxM"/> when it crosses that much known-free space; NaN when it first enters an unknown cell
    /// or leaves the map (the map cannot say what a lidar sees there).
    /// </summary>
    public static double RangeM(LikelihoodField field, double xM, double yM, double angleRad, double rangeMaxM)
    {
        double res = field.ResolutionM;
        double gx = (xM - field.OriginXM) / res, gy = (yM - field.OriginYM) / res;
        int cx = (int)Math.Floor(gx), cy = (int)Math.Floor(gy);
        double dx = Math.Cos(angleRad), dy = Math.Sin(angleRad);
        int stepX = dx > 0 ? 1 : -1, stepY = dy > 0 ? 1 : -1;
        double tDeltaX = dx != 0 ? Math.Abs(1 / dx) : double.PositiveInfinity;
        double tDeltaY = dy != 0 ? Math.Abs(1 / dy) : double.PositiveInfinity;
        double tMaxX = dx != 0 ? (dx > 0 ? cx + 1 - gx : gx - cx) * tDeltaX : double.PositiveInfinity;
        double tMaxY = dy != 0 ? (dy > 0 ? cy + 1 - gy : gy - cy) * tDeltaY : double.PositiveInfinity;
        double maxCells = rangeMaxM / res;
        double t = 0;
        while (t <= maxCells)
        {
            if ((uint)cx >= (uint)field.Width || (uint)cy >= (uint)field.Height)
            {
                return double.NaN;
            }

            if (!field.IsFree(cx, cy))
            {
                return field.DistanceM(cx, cy) == 0 ? t * res : double.NaN; // an obstacle cell, or unknown
            }

            if (tMaxX < tMaxY)
            {
                t = tMaxX;
                tMaxX += tDeltaX;
                cx += stepX;
            }
            else
            {
                t = tMaxY;
                tMaxY += tDeltaY;
                cy += stepY;
            }
        }

        return rangeMaxM;
    }
}
