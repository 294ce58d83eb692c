namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// A node of LaCAM's high-level search: one configuration (a vertex per agent), the agents' PIBT priorities and
/// the order they induce, the queue of constraint nodes still to try from here, and (for LaCAM*) the cost so far,
/// the admissible estimate to go and the configurations reached from here (for rewiring when a cheaper way in is found).
/// </summary>
internal sealed class HighLevelNode
{
    public HighLevelNode(int[] config, HighLevelNode? parent, long costSoFar, long costToGo, float[] priorities, int[] order)
    {
        Config = config;
        Parent = parent;
        CostSoFar = costSoFar;
        CostToGo = costToGo;
        Priorities = priorities;
        Order = order;
        Constraints.Enqueue(LowLevelNode.Root);
    }

    public int[] Config { get; }

    public HighLevelNode? Parent { get; set; }

    /// <summary>g: sum-of-costs of the best known way here from the start.</summary>
    public long CostSoFar { get; set; }

    /// <summary>h: sum over agents of the distance to go (admissible).</summary>
    public long CostToGo { get; }

    public long Estimate => CostSoFar + CostToGo;

    public float[] Priorities { get; }

    public int[] Order { get; }

    public Queue<LowLevelNode> Constraints { get; } = new();

    public List<HighLevelNode> Successors { get; } = [];
}
