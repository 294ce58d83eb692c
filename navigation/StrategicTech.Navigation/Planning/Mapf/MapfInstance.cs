using StrategicTech.Navigation.Planning.Grid;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>One-shot MAPF problem: a graph and one start and goal vertex per agent (all starts distinct, all goals distinct).</summary>
public sealed class MapfInstance
{
    public MapfInstance(MapfGraph graph, int[] startVertices, int[] goalVertices)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(startVertices);
        ArgumentNullException.ThrowIfNull(goalVertices);
        if (startVertices.Length != goalVertices.Length)
        {
            throw new ArgumentException($"{startVertices.Length} starts but {goalVertices.Length} goals", nameof(goalVertices));
        }

        CheckDistinct(graph, startVertices, "start");
        CheckDistinct(graph, goalVertices, "goal");
        Graph = graph;
        Starts = startVertices;
        Goals = goalVertices;
    }

    public MapfGraph Graph { get; }

    public int[] Starts { get; }

    public int[] Goals { get; }

    public int AgentCount => Starts.Length;

    /// <summary>
    /// The first <paramref name="agentCount"/> lines of a Moving AI MAPF scenario as agents (the benchmark's
    /// convention). Throws <see cref="MapFormatException"/> naming the scenario line for a blocked, outside or
    /// shared start or goal, and <see cref="ArgumentOutOfRangeException"/> when the file has too few lines.
    /// </summary>
    public static MapfInstance FromScenario(MapfGraph graph, MovingAiScenario scenario, int agentCount, string scenarioFileName)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(scenario);
        if (agentCount < 1 || agentCount > scenario.Entries.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(agentCount), $"{scenarioFileName}: asked for {agentCount} agents, the file has {scenario.Entries.Count} lines");
        }

        var starts = new int[agentCount];
        var goals = new int[agentCount];
        var startOwner = new Dictionary<int, int>();
        var goalOwner = new Dictionary<int, int>();
        for (int i = 0; i < agentCount; i++)
        {
            ScenarioEntry e = scenario.Entries[i];
            starts[i] = Vertex(e.Start, "start", startOwner, e.Line);
            goals[i] = Vertex(e.Goal, "goal", goalOwner, e.Line);
        }

        return new MapfInstance(graph, starts, goals);

        int Vertex(GridCell cell, string field, Dictionary<int, int> owner, int line)
        {
            int v = graph.VertexAt(cell);
            if (v < 0)
            {
                throw MapFormatException.At(scenarioFileName, line, field, $"({cell.X},{cell.Y}) is outside the map or blocked");
            }

            if (!owner.TryAdd(v, line))
            {
                throw MapFormatException.At(scenarioFileName, line, field, $"({cell.X},{cell.Y}) is also the {field} on line {owner[v]}");
            }

            return v;
        }
    }

    private static void CheckDistinct(MapfGraph graph, int[] vertices, string what)
    {
        var seen = new HashSet<int>();
        for (int i = 0; i < vertices.Length; i++)
        {
            if ((uint)vertices[i] >= (uint)graph.VertexCount)
            {
                throw new ArgumentException($"agent {i}: {what} vertex {vertices[i]} is not in the graph");
            }

            if (!seen.Add(vertices[i]))
            {
                throw new ArgumentException($"agent {i}: {what} vertex {vertices[i]} is shared with another agent");
            }
        }
    }
}
