using StrategicTech.Drivers.Vda5050.Messages;

namespace StrategicTech.Drivers.Vda5050.Zones;

/// <summary>Whether a point lies in a zone's polygon (even-odd rule; a point on the border counts as inside).</summary>
public static class ZonePolygon
{
    public static bool Contains(Zone zone, double xM, double yM)
    {
        ArgumentNullException.ThrowIfNull(zone);
        List<ZoneVertex> v = zone.Vertices;
        bool inside = false;
        for (int i = 0, j = v.Count - 1; i < v.Count; j = i++)
        {
            double xi = v[i].XM, yi = v[i].YM, xj = v[j].XM, yj = v[j].YM;
            if (OnSegment(xi, yi, xj, yj, xM, yM))
            {
                return true;
            }

            if ((yi > yM) != (yj > yM) && xM < ((xj - xi) * (yM - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static bool OnSegment(double ax, double ay, double bx, double by, double px, double py)
    {
        const double ToleranceM = 1e-9;
        double cross = ((bx - ax) * (py - ay)) - ((by - ay) * (px - ax));
        return Math.Abs(cross) <= ToleranceM * Math.Max(1, Math.Abs(bx - ax) + Math.Abs(by - ay))
            && px >= Math.Min(ax, bx) - ToleranceM && px <= Math.Max(ax, bx) + ToleranceM
            && py >= Math.Min(ay, by) - ToleranceM && py <= Math.Max(ay, by) + ToleranceM;
    }
}
