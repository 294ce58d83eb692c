namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// A byte cost grid in the map frame: cell (x, y) has its lower-left corner at origin + (x, y)·resolution (rotated by
/// the origin yaw); y grows upward, so row 0 is the bottom of the map (an image's top row is y = Height − 1).
/// Index = y·Width + x. Layers write into <see cref="Costs"/>.
/// </summary>
public sealed class Costmap2D
{
    private readonly byte[] _costs;

    public Costmap2D(int width, int height, double resolutionM, double originXM, double originYM, double originYawRad = 0, byte fill = CostValues.Free)
    {
        if (width <= 0 || height <= 0 || (long)width * height > int.MaxValue / 4)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"costmap size {width}x{height} is invalid");
        }

        if (!(resolutionM > 0) || double.IsInfinity(resolutionM))
        {
            throw new ArgumentOutOfRangeException(nameof(resolutionM), resolutionM, "resolution must be a positive number of metres per cell");
        }

        Width = width;
        Height = height;
        ResolutionM = resolutionM;
        OriginXM = originXM;
        OriginYM = originYM;
        OriginYawRad = originYawRad;
        _costs = new byte[width * height];
        if (fill != 0)
        {
            Array.Fill(_costs, fill);
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Metres per cell.</summary>
    public double ResolutionM { get; }

    public double OriginXM { get; private set; }

    public double OriginYM { get; private set; }

    public double OriginYawRad { get; }

    /// <summary>Row-major costs, index = y·Width + x.</summary>
    public Span<byte> Costs => _costs;

    internal byte[] CostArray => _costs;

    public byte this[int x, int y]
    {
        get => _costs[(y * Width) + x];
        set => _costs[(y * Width) + x] = value;
    }

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;

    /// <summary>Cell holding the map-frame point; false when outside the grid.</summary>
    public bool TryWorldToCell(double xM, double yM, out int x, out int y)
    {
        (double u, double v) = ToGridMetres(xM, yM);
        double cx = Math.Floor(u / ResolutionM), cy = Math.Floor(v / ResolutionM);
        bool inside = cx >= 0 && cy >= 0 && cx < Width && cy < Height;
        x = inside ? (int)cx : -1;
        y = inside ? (int)cy : -1;
        return inside;
    }

    /// <summary>Continuous cell coordinates of a map-frame point (cell centres at k + 0.5).</summary>
    public (double X, double Y) WorldToGrid(double xM, double yM)
    {
        (double u, double v) = ToGridMetres(xM, yM);
        return (u / ResolutionM, v / ResolutionM);
    }

    /// <summary>Map-frame coordinates of the centre of cell (x, y).</summary>
    public (double XM, double YM) CellCenterToWorld(double x, double y)
    {
        double u = (x + 0.5) * ResolutionM, v = (y + 0.5) * ResolutionM;
        double c = Math.Cos(OriginYawRad), s = Math.Sin(OriginYawRad);
        return (OriginXM + (c * u) - (s * v), OriginYM + (s * u) + (c * v));
    }

    /// <summary>Moves the grid's origin (a rolling window follows the robot; its owner shifts the contents).</summary>
    internal void MoveOrigin(double originXM, double originYM)
    {
        OriginXM = originXM;
        OriginYM = originYM;
    }

    /// <summary>Counts cells equal to <paramref name="value"/>.</summary>
    public int Count(byte value) => _costs.AsSpan().Count(value);

    private (double U, double V) ToGridMetres(double xM, double yM)
    {
        double dx = xM - OriginXM, dy = yM - OriginYM;
        if (OriginYawRad == 0)
        {
            return (dx, dy);
        }

        double c = Math.Cos(OriginYawRad), s = Math.Sin(OriginYawRad);
        return ((c * dx) + (s * dy), (-s * dx) + (c * dy));
    }
}
