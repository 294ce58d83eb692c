using System.Globalization;
using System.Text;
using System.Text.Json;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Ros;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Amr.Scenarios;

/// <summary>
/// Reads AMR scenario files (JSON; see <c>Amr/Scenarios/README.md</c>) as strictly as the UAV scenarios: unknown
/// keys, wrong types, out-of-range values and poses off the map or inside an obstacle are
/// <see cref="ScenarioFileException"/>s naming the file, the JSON path and line, and the problem. A map file is
/// resolved relative to the scenario file. Built-in scenarios (<see cref="BuiltInNames"/>) use the built-in maps
/// and run anywhere.
/// </summary>
public static class AmrScenarioLoader
{
    private const string ResourcePrefix = "StrategicTech.Sim.Amr.Scenarios.Builtin.";
    private const double DegToRad = Math.PI / 180;
    private const double MaxDistanceM = 10_000;

    private static readonly string[] RootKeys = ["name", "description", "seed", "map", "robot", "goals", "people", "obstacles", "faults", "criteria"];
    private static readonly string[] MapKeys = ["builtIn", "file"];
    private static readonly string[] RobotKeys = ["start", "initialPose", "initialSigmaM", "initialSigmaDeg"];
    private static readonly string[] PoseKeys = ["xM", "yM", "yawDeg"];
    private static readonly string[] PersonKeys = ["fromXM", "fromYM", "toXM", "toYM", "speedMps", "radiusM", "waitS", "oneWay"];
    private static readonly string[] ObstacleKeys = ["minXM", "minYM", "maxXM", "maxYM"];
    private static readonly string[] FaultKeys = ["kind", "startS", "durationS", "fraction", "to"];
    private static readonly string[] CriteriaKeys = ["allGoalsReached", "minClearanceM", "maxLocalizationErrorM", "finalLocalizationErrorM", "timeLimitS", "measured"];
    private static readonly string[] MeasuredKeys = ["minClearanceM", "maxLocalizationErrorM", "finalLocalizationErrorM", "timeS"];
    private static readonly string[] BuiltInMaps = ["warehouse", "room"];

    /// <summary>Names of the bundled scenarios.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(AmrScenarioLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>A file path if such a file exists, else a built-in name.</summary>
    public static AmrScenario Load(string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (File.Exists(pathOrName))
        {
            string text = ScenarioJsonText.ReadFile(pathOrName);

            string directory = Path.GetDirectoryName(Path.GetFullPath(pathOrName)) ?? ".";
            return Parse(text, pathOrName, directory, Path.GetFileNameWithoutExtension(pathOrName));
        }

        using Stream? stream = typeof(AmrScenarioLoader).Assembly.GetManifestResourceStream(ResourcePrefix + pathOrName + ".json");
        if (stream is null)
        {
            throw new ScenarioFileException(pathOrName, "(file)", 0, "no such file, and not a built-in AMR scenario (built-in: " + string.Join(", ", BuiltInNames) + ")");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd(), pathOrName + ".json", Directory.GetCurrentDirectory(), pathOrName);
    }

    /// <summary>Parses scenario JSON; <paramref name="source"/> names it in errors, a map file is resolved against <paramref name="directory"/>.</summary>
    public static AmrScenario Parse(string json, string source, string directory, string defaultName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(directory);
        using (ScenarioJsonText.Open(json, source, out ScenarioJsonNode root))
        {
            root.ExpectObject(RootKeys);
            string name = root.Optional("name")?.String() ?? defaultName;
            string description = root.Optional("description")?.String() ?? string.Empty;
            ulong seed = root.Optional("seed")?.UnsignedInteger() ?? 1;
            (OccupancyGridMap map, string mapName) = ReadMap(root.Required("map"), directory);
            IReadOnlyList<AmrObstacle> obstacles = root.Optional("obstacles") is { } o ? [.. o.Items().Select(i => ReadObstacle(i, map))] : [];
            OccupancyGridMap world = WithObstacles(map, obstacles);
            ScenarioJsonNode robot = root.Required("robot");
            robot.ExpectObject(RobotKeys);
            Pose2D start = ReadPose(robot.Required("start"), map, world);
            Pose2D initial = robot.Optional("initialPose") is { } ip ? ReadPose(ip, map, null) : start;
            double sigmaM = robot.OptionalNumber("initialSigmaM", 0.01, 5, 0.05);
            double sigmaYawRad = robot.OptionalNumber("initialSigmaDeg", 0.1, 180, 3) * DegToRad;
            ScenarioJsonNode goalsNode = root.Required("goals");
            IReadOnlyList<Pose2D> goals = [.. goalsNode.Items().Select(g => ReadPose(g, map, world))];
            if (goals.Count == 0)
            {
                throw goalsNode.Fail("at least one goal is required");
            }

            IReadOnlyList<AmrPersonSpec> people = root.Optional("people") is { } p ? [.. p.Items().Select(i => ReadPerson(i, map))] : [];
            IReadOnlyList<AmrFault> faults = root.Optional("faults") is { } f ? [.. f.Items().Select(i => ReadFault(i, map, world))] : [];
            AmrPassCriteria criteria = ReadCriteria(root.Required("criteria"));
            return new AmrScenario(name, description, source, seed, map, world, mapName, start, initial, sigmaM, sigmaYawRad, goals, people, obstacles, faults, criteria);
        }
    }

    private static (OccupancyGridMap Map, string Name) ReadMap(ScenarioJsonNode node, string directory)
    {
        node.ExpectObject(MapKeys);
        if (node.Has("builtIn") == node.Has("file"))
        {
            throw node.Fail("give exactly one of \"builtIn\" (" + string.Join(", ", BuiltInMaps) + ") and \"file\" (a map_server map.yaml)");
        }

        if (node.Optional("builtIn") is { } builtIn)
        {
            return builtIn.String() switch
            {
                "warehouse" => (WarehouseMap.Create(), "built-in warehouse"),
                "room" => (RoomMap.Create(), "built-in room"),
                string other => throw builtIn.Fail("unknown built-in map \"" + other + "\"; known: " + string.Join(", ", BuiltInMaps)),
            };
        }

        ScenarioJsonNode file = node.Required("file");
        string path = Path.GetFullPath(Path.Combine(directory, file.String()));
        try
        {
            return (MapServerLoader.Load(path), Path.GetFileName(path));
        }
        catch (Exception e) when (e is MapFormatException or IOException or UnauthorizedAccessException)
        {
            throw file.Fail("cannot load map \"" + path + "\" (paths are relative to the scenario file): " + e.Message);
        }
    }

    /// <summary>A pose on the map; with <paramref name="world"/>, its cell must also be free there (not a wall, shelf or obstacle).</summary>
    private static Pose2D ReadPose(ScenarioJsonNode node, OccupancyGridMap map, OccupancyGridMap? world)
    {
        node.ExpectObject(PoseKeys);
        double x = node.Number("xM", -MaxDistanceM, MaxDistanceM);
        double y = node.Number("yM", -MaxDistanceM, MaxDistanceM);
        double yawRad = node.OptionalNumber("yawDeg", -360, 360, 0) * DegToRad;
        CheckOnMap(node, map, x, y);
        if (world is not null && !IsFree(world, x, y))
        {
            throw node.Fail(Invariant($"({x}, {y}) is not free space (wall, shelf, unknown or an obstacle)"));
        }

        return new Pose2D(x, y, yawRad);
    }

    private static AmrPersonSpec ReadPerson(ScenarioJsonNode node, OccupancyGridMap map)
    {
        node.ExpectObject(PersonKeys);
        double fx = node.Number("fromXM", -MaxDistanceM, MaxDistanceM), fy = node.Number("fromYM", -MaxDistanceM, MaxDistanceM);
        double tx = node.Number("toXM", -MaxDistanceM, MaxDistanceM), ty = node.Number("toYM", -MaxDistanceM, MaxDistanceM);
        CheckOnMap(node, map, fx, fy);
        CheckOnMap(node, map, tx, ty);
        return new AmrPersonSpec(fx, fy, tx, ty, node.Number("speedMps", 0, 3), node.OptionalNumber("radiusM", 0.05, 1, 0.25),
            node.OptionalNumber("waitS", 0, 3600, 0), node.Optional("oneWay")?.Boolean() ?? false);
    }

    private static AmrObstacle ReadObstacle(ScenarioJsonNode node, OccupancyGridMap map)
    {
        node.ExpectObject(ObstacleKeys);
        double x0 = node.Number("minXM", -MaxDistanceM, MaxDistanceM), y0 = node.Number("minYM", -MaxDistanceM, MaxDistanceM);
        double x1 = node.Number("maxXM", -MaxDistanceM, MaxDistanceM), y1 = node.Number("maxYM", -MaxDistanceM, MaxDistanceM);
        if (x1 <= x0 || y1 <= y0)
        {
            throw node.Fail(Invariant($"maxXM/maxYM ({x1}, {y1}) must exceed minXM/minYM ({x0}, {y0})"));
        }

        CheckOnMap(node, map, x0, y0);
        CheckOnMap(node, map, x1, y1);
        return new AmrObstacle(x0, y0, x1, y1);
    }

    private static AmrFault ReadFault(ScenarioJsonNode node, OccupancyGridMap map, OccupancyGridMap world)
    {
        node.ExpectObject(FaultKeys);
        ScenarioJsonNode kindNode = node.Required("kind");
        AmrFaultKind kind = kindNode.String() switch
        {
            "lidarDropout" => AmrFaultKind.LidarDropout,
            "wheelSlip" => AmrFaultKind.WheelSlip,
            "kidnap" => AmrFaultKind.Kidnap,
            string other => throw kindNode.Fail("unknown fault kind \"" + other + "\"; known: lidarDropout, wheelSlip, kidnap"),
        };
        double startS = node.Number("startS", 0, 86_400);
        if (kind == AmrFaultKind.Kidnap)
        {
            foreach (string key in (string[])["durationS", "fraction"])
            {
                if (node.Has(key))
                {
                    throw node.Required(key).Fail("a kidnap is instantaneous and takes \"to\", not \"" + key + "\"");
                }
            }

            return new AmrFault(kind, startS, 0, 0, ReadPose(node.Required("to"), map, world));
        }

        if (node.Has("to"))
        {
            throw node.Required("to").Fail("only a kidnap takes \"to\"");
        }

        // A fraction of 1 would leave a wheel-slip robot unable to move at all: that is a blocked robot, not slip.
        double fraction = kind == AmrFaultKind.LidarDropout ? node.Number("fraction", 0, 1) : node.Number("fraction", 0, 0.9);
        return new AmrFault(kind, startS, node.Number("durationS", 0.05, 86_400), fraction, default);
    }

    private static AmrPassCriteria ReadCriteria(ScenarioJsonNode node)
    {
        node.ExpectObject(CriteriaKeys);
        return new AmrPassCriteria(
            node.Optional("allGoalsReached")?.Boolean() ?? true,
            node.Optional("minClearanceM")?.Number(0, 10),
            node.Optional("maxLocalizationErrorM")?.Number(0.001, 100),
            node.Optional("finalLocalizationErrorM")?.Number(0.001, 100),
            node.Optional("timeLimitS")?.Number(1, 86_400),
            node.Optional("measured") is { } measured ? ReadMeasured(measured) : null);
    }

    private static AmrMeasuredFigures ReadMeasured(ScenarioJsonNode node)
    {
        node.ExpectObject(MeasuredKeys);
        return new AmrMeasuredFigures(
            node.Optional("minClearanceM")?.Number(0, 10),
            node.Optional("maxLocalizationErrorM")?.Number(0, 100),
            node.Optional("finalLocalizationErrorM")?.Number(0, 100),
            node.Optional("timeS")?.Number(0, 86_400));
    }

    private static void CheckOnMap(ScenarioJsonNode node, OccupancyGridMap map, double x, double y)
    {
        MapYaml m = map.Metadata;
        double x1 = m.OriginXM + (map.Width * m.ResolutionM), y1 = m.OriginYM + (map.Height * m.ResolutionM);
        if (x < m.OriginXM || y < m.OriginYM || x >= x1 || y >= y1)
        {
            throw node.Fail(Invariant($"({x}, {y}) is outside the map ({m.OriginXM}..{x1:0.###}, {m.OriginYM}..{y1:0.###}) m"));
        }
    }

    private static bool IsFree(OccupancyGridMap map, double x, double y)
    {
        MapYaml m = map.Metadata;
        int cx = (int)Math.Floor((x - m.OriginXM) / m.ResolutionM), cy = (int)Math.Floor((y - m.OriginYM) / m.ResolutionM);
        sbyte v = map[cx, cy];
        return v is >= 0 and < 65;
    }

    /// <summary>The known map with the obstacles painted occupied (what the simulator's lidar and bumpers see).</summary>
    private static OccupancyGridMap WithObstacles(OccupancyGridMap map, IReadOnlyList<AmrObstacle> obstacles)
    {
        if (obstacles.Count == 0)
        {
            return map;
        }

        sbyte[] data = map.Data.ToArray();
        MapYaml m = map.Metadata;
        foreach (AmrObstacle o in obstacles)
        {
            int x0 = (int)Math.Floor((o.MinXM - m.OriginXM) / m.ResolutionM), x1 = (int)Math.Ceiling((o.MaxXM - m.OriginXM) / m.ResolutionM);
            int y0 = (int)Math.Floor((o.MinYM - m.OriginYM) / m.ResolutionM), y1 = (int)Math.Ceiling((o.MaxYM - m.OriginYM) / m.ResolutionM);
            for (int y = Math.Max(0, y0); y < Math.Min(map.Height, y1); y++)
            {
                for (int x = Math.Max(0, x0); x < Math.Min(map.Width, x1); x++)
                {
                    data[(y * map.Width) + x] = OccupancyGridMap.Occupied;
                }
            }
        }

        return new OccupancyGridMap(map.Width, map.Height, m, data);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
