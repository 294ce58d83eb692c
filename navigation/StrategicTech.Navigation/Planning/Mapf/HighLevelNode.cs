namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// A node of LaCAM's high-level search: one configuration (a vertex per agent), the agents' PIBT priorities and
/// the order they induce, the queue of constraint nodes still to try from here, and the sum of distances to go
/// (zero exactly at the goal configuration).
/// </summary>
internal sealed class HighLevelNode
{
    public HighLevelNode(int[] config, HighLevelNode? parent, long costToGo, float[] priorities, int[] order)
    {
        Config = config;
        Parent = parent;
        CostToGo = costToGo;
        Priorities = priorities;
        Order = order;
        Constraints.Enqueue(LowLevelNode.Root);
    }

    public int[] Config { get; }

    public HighLevelNode? Parent { get; }

    /// <summary>Sum over agents of the distance to go.</summary>
    public long CostToGo { get; }

    public float[] Priorities { get; }

    public int[] Order { get; }

    public Queue<LowLevelNode> Constraints { get; } = new();
}
