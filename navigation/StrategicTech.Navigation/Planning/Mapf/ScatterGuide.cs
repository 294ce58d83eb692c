using StrategicTech.Navigation.Time;

namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>
/// Scatter (space-utilisation optimisation, Han and Yu, ICRA 2022, as used by Engineering LaCAM*, Okumura, AAMAS
/// 2024): before LaCAM starts, every agent gets a single-agent path, at most <c>costMargin</c> steps longer than its
/// shortest one, that collides as little as possible with the other agents' paths (A* ordered by collisions first,
/// then by path length). The paths are replanned in random order, round after round, while the collision count
/// falls. PIBT then prefers each agent's next vertex on its scatter path over the plain nearest-to-goal choice, so
/// agents spread over parallel aisles instead of all queueing on the same shortest routes.
/// Built once per solve (its tables are allocated here); not for a real-time path.
/// </summary>
internal sealed class ScatterGuide
{
    /// <summary>Above this many vertex × time cells the dense collision table is not built (scatter is skipped).</summary>
    public const long MaxTableCells = 24_000_000;

    private const int None = -1;
    private readonly Dictionary<long, int> _next;
    private readonly int _vertexCount;

    private ScatterGuide(Dictionary<long, int> next, int vertexCount, int collisions, int rounds)
    {
        _next = next;
        _vertexCount = vertexCount;
        Collisions = collisions;
        Rounds = rounds;
    }

    /// <summary>Collisions left among the scatter paths.</summary>
    public int Collisions { get; }

    /// <summary>Replanning rounds run.</summary>
    public int Rounds { get; }

    /// <summary>The vertex after <paramref name="vertex"/> on the agent's scatter path, or -1.</summary>
    public int NextOf(int agent, int vertex) =>
        _next.TryGetValue(((long)agent * _vertexCount) + vertex, out int next) ? next : None;

    /// <summary>
    /// Builds the guide, or returns null when the collision table would exceed <see cref="MaxTableCells"/>. When the
    /// deadline passes during the first round, the agents not yet planned get no scatter path (plain PIBT).
    /// </summary>
    public static ScatterGuide? Build(MapfInstance instance, LazyDistanceTable distance, Random random, int costMargin, IClock clock, long deadlineUs)
    {
        MapfGraph graph = instance.Graph;
        int agents = instance.AgentCount;
        int[] starts = instance.Starts, goals = instance.Goals;
        var costBound = new int[agents];
        int longest = 0;
        long entries = 0;
        for (int i = 0; i < agents; i++)
        {
            costBound[i] = distance.Get(i, starts[i]) + costMargin;
            longest = Math.Max(longest, costBound[i] + 1);
            entries += costBound[i] + 1;
        }

        if ((long)graph.VertexCount * longest > MaxTableCells || graph.VertexCount >= 1 << 21)
        {
            return null;
        }

        var paths = new int[agents][];
        Array.Fill(paths, []);
        var table = new ScatterCollisionTable(graph.VertexCount, longest, (int)entries, paths);
        var search = new ScatterSearch(graph, distance, table);
        var order = new int[agents];
        for (int i = 0; i < agents; i++)
        {
            order[i] = i;
        }

        int rounds = 0, lastCollisions = int.MaxValue;
        while (rounds < 2 || table.Collisions < lastCollisions)
        {
            lastCollisions = rounds == 0 ? int.MaxValue : table.Collisions;
            rounds++;
            random.Shuffle(order);
            bool expired = false;
            foreach (int i in order)
            {
                if (clock.TimeUs >= deadlineUs)
                {
                    expired = true;
                    break;
                }

                table.Clear(i, paths[i]);
                int[]? path = search.Plan(i, starts[i], goals[i], costBound[i]);
                if (path is not null)
                {
                    paths[i] = path;
                }

                table.Enroll(i, paths[i]);
            }

            if (expired || table.Collisions == 0)
            {
                break;
            }
        }

        var next = new Dictionary<long, int>((int)Math.Min(entries, int.MaxValue));
        for (int i = 0; i < agents; i++)
        {
            int[] p = paths[i];
            for (int t = 0; t + 1 < p.Length; t++)
            {
                next[((long)i * graph.VertexCount) + p[t]] = p[t + 1];
            }
        }

        return new ScatterGuide(next, graph.VertexCount, table.Collisions, rounds);
    }
}
