namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// A node of LaCAM's low-level (constraint) search: "agent <see cref="Who"/> must be at <see cref="Where"/> in the
/// next configuration", chained to its parent so a node at depth d carries d constraints without copying them.
/// </summary>
internal sealed class LowLevelNode(LowLevelNode? parent, int who, int where, int depth)
{
    public static readonly LowLevelNode Root = new(null, -1, -1, 0);

    public LowLevelNode? Parent { get; } = parent;

    public int Who { get; } = who;

    public int Where { get; } = where;

    public int Depth { get; } = depth;
}
