using StrategicTech.Navigation.Planning.Grid;
using StrategicTech.Navigation.Planning.Mapf;

namespace StrategicTech.Navigation.Tests.Planning.Mapf;

/// <summary>Builds MAPF instances from ASCII maps and random tiny instances for the tests.</summary>
internal static class MapfTestInstances
{
    public static MovingAiMap Map(params string[] rows) =>
        MovingAiMap.Parse($"type octile\nheight {rows.Length}\nwidth {rows[0].Length}\nmap\n{string.Join('\n', rows)}\n", "test.map");

    public static MapfInstance Instance(MovingAiMap map, GridCell[] starts, GridCell[] goals)
    {
        MapfGraph graph = MapfGraph.FromMap(map);
        return new MapfInstance(graph, Array.ConvertAll(starts, graph.VertexAt), Array.ConvertAll(goals, graph.VertexAt));
    }

    /// <summary>A random grid of 2..5 by 2..5 cells (about 20 % blocked) with 1..3 agents on distinct free cells.</summary>
    public static (MovingAiMap Map, MapfInstance Instance) Random(int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            int w = random.Next(2, 6), h = random.Next(2, 6);
            var rows = new string[h];
            for (int y = 0; y < h; y++)
            {
                rows[y] = new string(Enumerable.Range(0, w).Select(_ => random.NextDouble() < 0.2 ? '@' : '.').ToArray());
            }

            MovingAiMap map = Map(rows);
            MapfGraph graph = MapfGraph.FromMap(map);
            int agents = random.Next(1, 4);
            if (graph.VertexCount < agents + 1)
            {
                continue;
            }

            int[] starts = [.. Enumerable.Range(0, graph.VertexCount).OrderBy(_ => random.Next()).Take(agents)];
            int[] goals = [.. Enumerable.Range(0, graph.VertexCount).OrderBy(_ => random.Next()).Take(agents)];
            return (map, new MapfInstance(graph, starts, goals));
        }
    }
}
