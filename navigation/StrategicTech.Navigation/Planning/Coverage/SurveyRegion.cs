using StrategicTech.Navigation.Planning.Geometry2D;

namespace StrategicTech.Navigation.Planning.Coverage;

/// <summary>
/// The area to photograph on the local NED plane (X north, Y east, metres): an outer ring and holes not to be
/// photographed (no pass runs inside a hole). Rings need at least 3 vertices and may wind either way.
/// </summary>
public sealed class SurveyRegion
{
    public SurveyRegion(IReadOnlyList<Vec2> outer, IReadOnlyList<IReadOnlyList<Vec2>>? holes = null)
    {
        ArgumentNullException.ThrowIfNull(outer);
        if (outer.Count < 3)
        {
            throw new ArgumentException("the outer ring needs at least 3 vertices", nameof(outer));
        }

        Outer = [.. outer];
        if (!(Math.Abs(Geometry.SignedArea2(Outer)) > 0) || Array.Exists(Outer, p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
        {
            throw new ArgumentException("the outer ring must have finite vertices and a non-zero area", nameof(outer));
        }

        var list = new List<Vec2[]>();
        if (holes is not null)
        {
            for (int i = 0; i < holes.Count; i++)
            {
                if (holes[i].Count < 3)
                {
                    throw new ArgumentException($"hole {i} needs at least 3 vertices", nameof(holes));
                }

                list.Add([.. holes[i]]);
            }
        }

        Holes = list;
    }

    public Vec2[] Outer { get; }

    public IReadOnlyList<Vec2[]> Holes { get; }

    /// <summary>Inside the outer ring and outside every hole.</summary>
    public bool Contains(Vec2 p)
    {
        if (!Geometry.Contains(Outer, p))
        {
            return false;
        }

        foreach (Vec2[] hole in Holes)
        {
            if (Geometry.Contains(hole, p))
            {
                return false;
            }
        }

        return true;
    }
}
