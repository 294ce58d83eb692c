namespace StrategicTech.Navigation.Planning.Grid;

/// <summary>Distances on an 8-connected grid with unit straight and √2 diagonal steps.</summary>
public static class Octile
{
    public const double Sqrt2 = 1.4142135623730951;

    /// <summary>Shortest octile distance for a displacement of (dx, dy) cells on an empty grid.</summary>
    public static double Distance(int dx, int dy)
    {
        dx = Math.Abs(dx);
        dy = Math.Abs(dy);
        int min = Math.Min(dx, dy);
        return (dx + dy) + ((Sqrt2 - 2.0) * min);
    }

    /// <summary>Straight-line distance between cell centres.</summary>
    public static double Euclidean(int dx, int dy) => Math.Sqrt(((double)dx * dx) + ((double)dy * dy));
}
