namespace StrategicTech.Navigation.Amr;

/// <summary>A closed polygon in the robot's base frame (metres; x forward, y left), vertices in order.</summary>
public sealed class CollisionPolygon
{
    private readonly double[] _x;
    private readonly double[] _y;

    public CollisionPolygon(ReadOnlySpan<(double XM, double YM)> vertices)
    {
        if (vertices.Length < 3)
        {
            throw new ArgumentException($"a polygon needs at least 3 vertices, got {vertices.Length}", nameof(vertices));
        }

        _x = new double[vertices.Length];
        _y = new double[vertices.Length];
        for (int i = 0; i < vertices.Length; i++)
        {
            if (!double.IsFinite(vertices[i].XM) || !double.IsFinite(vertices[i].YM))
            {
                throw new ArgumentException($"vertex {i} is not finite", nameof(vertices));
            }

            (_x[i], _y[i]) = vertices[i];
        }
    }

    public int VertexCount => _x.Length;

    /// <summary>An axis-aligned box from <paramref name="rearM"/> to <paramref name="frontM"/> along x, ±<paramref name="halfWidthM"/> in y.</summary>
    public static CollisionPolygon Box(double rearM, double frontM, double halfWidthM) =>
        new([(frontM, halfWidthM), (rearM, halfWidthM), (rearM, -halfWidthM), (frontM, -halfWidthM)]);

    /// <summary>A regular <paramref name="sides"/>-gon circumscribing a circle of <paramref name="radiusM"/> (a round footprint).</summary>
    public static CollisionPolygon Circle(double radiusM, int sides = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sides, 3);
        var v = new (double, double)[sides];
        double r = radiusM / Math.Cos(Math.PI / sides); // circumscribe, so the true disc lies inside
        for (int i = 0; i < sides; i++)
        {
            double a = 2 * Math.PI * i / sides;
            v[i] = (r * Math.Cos(a), r * Math.Sin(a));
        }

        return new CollisionPolygon(v);
    }

    /// <summary>Even-odd ray crossing test; points on an edge may fall either way.</summary>
    public bool Contains(double xM, double yM)
    {
        bool inside = false;
        int n = _x.Length;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            if ((_y[i] > yM) != (_y[j] > yM)
                && xM < ((_x[j] - _x[i]) * (yM - _y[i]) / (_y[j] - _y[i])) + _x[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
