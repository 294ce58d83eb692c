namespace StrategicTech.Navigation.Planning.Costmaps;

/// <summary>
/// An inclusive rectangle of cells [MinX..MaxX] × [MinY..MaxY] (Nav2's update bounds, in cells). Empty when
/// MaxX &lt; MinX or MaxY &lt; MinY; <see cref="Include(int, int)"/> grows it.
/// </summary>
public record struct CellWindow(int MinX, int MinY, int MaxX, int MaxY)
{
    public static CellWindow Empty => new(int.MaxValue, int.MaxValue, int.MinValue, int.MinValue);

    public readonly bool IsEmpty => MaxX < MinX || MaxY < MinY;

    public readonly int Width => IsEmpty ? 0 : MaxX - MinX + 1;

    public readonly int Height => IsEmpty ? 0 : MaxY - MinY + 1;

    public readonly long CellCount => (long)Width * Height;

    /// <summary>The whole of a width × height grid.</summary>
    public static CellWindow All(int width, int height) => new(0, 0, width - 1, height - 1);

    public readonly bool Contains(int x, int y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    public void Include(int x, int y)
    {
        MinX = Math.Min(MinX, x);
        MinY = Math.Min(MinY, y);
        MaxX = Math.Max(MaxX, x);
        MaxY = Math.Max(MaxY, y);
    }

    public void Include(CellWindow other)
    {
        if (other.IsEmpty)
        {
            return;
        }

        Include(other.MinX, other.MinY);
        Include(other.MaxX, other.MaxY);
    }

    /// <summary>Grown by <paramref name="cells"/> on every side (an empty window stays empty).</summary>
    public readonly CellWindow Expanded(int cells) =>
        IsEmpty ? this : new(MinX - cells, MinY - cells, MaxX + cells, MaxY + cells);

    /// <summary>Intersected with a width × height grid.</summary>
    public readonly CellWindow ClampedTo(int width, int height) =>
        IsEmpty ? this : new(Math.Max(MinX, 0), Math.Max(MinY, 0), Math.Min(MaxX, width - 1), Math.Min(MaxY, height - 1));
}
