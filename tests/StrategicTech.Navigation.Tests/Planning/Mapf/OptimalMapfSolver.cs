using StrategicTech.Navigation.Planning.Mapf;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>
/// Exact sum-of-costs MAPF by Dijkstra over joint states for tiny instances (≤ 3 agents, ≤ 64 vertices). A state is
/// every agent's vertex plus which agents have "finished": an agent on its goal may finish at no cost and then stays
/// there for good; every step costs the number of unfinished agents. So each agent pays exactly until its final
/// arrival, the benchmark's sum-of-costs. Vertex and swap conflicts are forbidden, as for the solver under test.
/// </summary>
internal static class OptimalMapfSolver
{
    /// <summary>The optimal sum-of-costs, or -1 when no solution exists.</summary>
    public static long SumOfCosts(MapfInstance instance)
    {
        int k = instance.AgentCount;
        if (k > 3 || instance.Graph.VertexCount > 64)
        {
            throw new ArgumentException("tiny instances only");
        }

        long startKey = Encode(instance.Starts, 0);
        var best = new Dictionary<long, long> { [startKey] = 0 };
        var queue = new PriorityQueue<long, long>();
        queue.Enqueue(startKey, 0);
        int allFinished = (1 << k) - 1;
        var pos = new int[k];
        var next = new int[k];
        while (queue.TryDequeue(out long key, out long cost))
        {
            if (best[key] < cost)
            {
                continue;
            }

            int finished = Decode(key, pos);
            if (finished == allFinished)
            {
                return cost;
            }

            // Finishing an agent that stands on its goal is free.
            for (int i = 0; i < k; i++)
            {
                if ((finished & (1 << i)) == 0 && pos[i] == instance.Goals[i])
                {
                    Relax(Encode(pos, finished | (1 << i)), cost);
                }
            }

            int stepCost = k - System.Numerics.BitOperations.PopCount((uint)finished);
            Moves(0);

            void Moves(int i)
            {
                if (i == k)
                {
                    if (ConflictFree())
                    {
                        Relax(Encode(next, finished), cost + stepCost);
                    }

                    return;
                }

                next[i] = pos[i];
                Moves(i + 1);
                if ((finished & (1 << i)) != 0)
                {
                    return;
                }

                foreach (int u in instance.Graph.Neighbors(pos[i]))
                {
                    next[i] = u;
                    Moves(i + 1);
                }
            }

            bool ConflictFree()
            {
                for (int a = 0; a < k; a++)
                {
                    for (int b = a + 1; b < k; b++)
                    {
                        if (next[a] == next[b] || (next[a] == pos[b] && next[b] == pos[a]))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
        }

        return -1;

        void Relax(long key, long cost)
        {
            if (!best.TryGetValue(key, out long old) || cost < old)
            {
                best[key] = cost;
                queue.Enqueue(key, cost);
            }
        }
    }

    private static long Encode(int[] positions, int finished)
    {
        long key = finished;
        foreach (int p in positions)
        {
            key = (key << 6) | (uint)p;
        }

        return key;
    }

    private static int Decode(long key, int[] positions)
    {
        for (int i = positions.Length - 1; i >= 0; i--)
        {
            positions[i] = (int)(key & 63);
            key >>= 6;
        }

        return (int)key;
    }
}
