using StrategicTech.Autopilot.Flight;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;
using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Reads scenario files (JSON; see <c>Scenarios/README.md</c>) strictly: unknown keys, wrong types and out-of-range
/// values are <see cref="ScenarioFileException"/>s naming the file, the JSON path and line, and the problem. The
/// mission file and a custom airframe file are resolved relative to the scenario file. Built-in scenarios
/// (<see cref="BuiltInNames"/>) and their missions are embedded in the library so they run anywhere.
/// </summary>
public static class ScenarioLoader
{
    private const string ResourcePrefix = "StrategicTech.Sim.Scenarios.Builtin.";
    private const double DegToRad = Math.PI / 180;

    private static readonly string[] RootKeys = ["name", "description", "seed", "vehicles", "world", "mission", "criteria", "parameters", "commands", "rc"];
    private static readonly string[] VehicleKeys = ["systemId", "airframe", "home", "seed", "sensorSeed", "sensorErrors"];
    private static readonly string[] HomeKeys = ["latitudeDeg", "longitudeDeg", "altitudeAmslM"];
    private static readonly string[] WorldKeys = ["wind", "magneticField", "faults"];
    private static readonly string[] WindKeys = ["speedMps", "fromDeg", "steadyNedMps", "turbulenceStdDevMps", "turbulenceCorrelationTimeS", "gustMaxMps", "gustMeanIntervalS", "gustDurationS"];
    private static readonly string[] FieldKeys = ["declinationDeg", "inclinationDeg", "strengthGauss"];
    private static readonly string[] FaultKeys = ["kind", "startS", "durationS", "offsetNedM", "fieldFrdGauss", "motorIndex", "outputFraction", "chargeLossFraction", "voltageDropV", "rotationDeg"];
    private static readonly string[] MissionKeys = ["file"];
    private static readonly string[] CriteriaKeys = ["waypointRadiusM", "landedWithinM", "maxTiltDeg", "maxEkfPositionErrorM", "timeLimitS", "fenceRespected", "landingPoint", "expectRefusal", "failsafe", "maxDescentSpeedMps", "expectCrash", "waypointTruthWithinAcceptance"];
    private static readonly string[] FailsafeCriterionKeys = ["kind", "mode", "withinS", "notBeforeS"];

    /// <summary>Names of the bundled scenarios (<c>demo</c>, <c>hover</c>, <c>square</c>, …).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
        [.. typeof(ScenarioLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>A file path if such a file exists, else a built-in name.</summary>
    public static Scenario Load(string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (File.Exists(pathOrName))
        {
            return LoadFile(pathOrName);
        }

        if (BuiltInNames.Contains(pathOrName, StringComparer.Ordinal))
        {
            return LoadBuiltIn(pathOrName);
        }

        throw new ScenarioFileException(pathOrName, "(file)", 0,
            "no such file, and not a built-in scenario (built-in: " + string.Join(", ", BuiltInNames.Where(n => !n.Contains('.', StringComparison.Ordinal)))
            + "; in suites: " + string.Join(", ", BuiltInNames.Where(n => n.Contains('.', StringComparison.Ordinal))) + ")");
    }

    public static Scenario LoadBuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string text = ReadResource(name + ".json")
            ?? throw new ScenarioFileException(name, "(name)", 0, "no built-in scenario of that name; known: " + string.Join(", ", BuiltInNames));
        return Parse(text, name + ".json", file => ReadResource(file), name);
    }

    public static Scenario LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = ScenarioJsonText.ReadFile(path);

        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Parse(text, path, relative => ReadRelative(directory, relative), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>
    /// Parses scenario JSON. <paramref name="source"/> names it in errors; <paramref name="readCompanion"/> returns
    /// the text of a file the scenario names (mission, custom airframe), or null when it does not exist.
    /// </summary>
    public static Scenario Parse(string json, string source, Func<string, string?> readCompanion, string defaultName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(readCompanion);
        using (ScenarioJsonText.Open(json, source, out ScenarioJsonNode root))
        {
            root.ExpectObject(RootKeys);
            string name = root.Optional("name")?.String() ?? defaultName;
            string description = root.Optional("description")?.String() ?? string.Empty;
            ulong seed = root.Optional("seed")?.UnsignedInteger() ?? 1;
            ScenarioMission mission = ReadMission(root.Required("mission"), readCompanion);
            ScenarioWorld world = root.Optional("world") is { } w ? ReadWorld(w) : new ScenarioWorld(WindParameters.Calm, null, []);
            IReadOnlyList<ScenarioVehicle> vehicles = ReadVehicles(root.Required("vehicles"), mission.PlannedHome, readCompanion);
            PassCriteria criteria = ReadCriteria(root.Required("criteria"));
            IReadOnlyList<ScenarioParameter> parameters = root.Optional("parameters") is { } p ? ScenarioParameters.Read(p) : [];
            IReadOnlyList<ScenarioCommand> commands = root.Optional("commands") is { } c ? ScenarioCommands.Read(c) : [];
            ScenarioRc? rc = root.Optional("rc") is { } r ? ScenarioRc.Read(r) : null;
            if (rc is null && commands.Any(x => x.Kind == ScenarioCommandKind.RcChannel))
            {
                throw root.Required("commands").Fail("an \"rcChannel\" command needs an \"rc\" transmitter");
            }

            if (rc is not null && commands.FirstOrDefault(x => x.Kind == ScenarioCommandKind.RcChannel && x.RcChannel > rc.ChannelsUs.Count) is { } bad)
            {
                throw root.Required("commands").Fail("\"rcChannel\" " + bad.RcChannel + " is beyond the transmitter's " + rc.ChannelsUs.Count + " channels");
            }

            return new Scenario(name, description, source, seed, vehicles, world, mission, criteria) { Parameters = parameters, Commands = commands, Rc = rc };
        }
    }

    private static ScenarioMission ReadMission(ScenarioJsonNode node, Func<string, string?> readCompanion)
    {
        node.ExpectObject(MissionKeys);
        ScenarioJsonNode fileNode = node.Required("file");
        string file = fileNode.String();
        string text = readCompanion(file) ?? throw fileNode.Fail("mission file \"" + file + "\" not found (paths are relative to the scenario file)");
        LoadedMission loaded;
        try
        {
            loaded = MissionFile.Parse(text, Path.GetFileName(file));
        }
        catch (MissionFileException e)
        {
            throw new ScenarioFileException(e.SourceName, e.Location, 0, e.Problem, e);
        }

        if (loaded.Items.Count == 0)
        {
            throw fileNode.Fail("mission file \"" + file + "\" has no mission items");
        }

        MissionItem home = loaded.Home;
        var plannedHome = GeodeticPosition.FromDegrees(home.LatitudeDeg, home.LongitudeDeg, home.AltitudeM);
        return new ScenarioMission(Path.GetFileName(file), loaded.Items, plannedHome, loaded.Geofence, loaded.RallyPoints);
    }

    private static IReadOnlyList<ScenarioVehicle> ReadVehicles(ScenarioJsonNode node, GeodeticPosition plannedHome, Func<string, string?> readCompanion)
    {
        var vehicles = new List<ScenarioVehicle>();
        var ids = new HashSet<int>();
        foreach (ScenarioJsonNode v in node.Items())
        {
            v.ExpectObject(VehicleKeys);
            ScenarioJsonNode idNode = v.Required("systemId");
            int systemId = idNode.Integer(1, 250);
            if (!ids.Add(systemId))
            {
                throw idNode.Fail(string.Create(CultureInfo.InvariantCulture, $"system id {systemId} is used by another vehicle"));
            }

            ScenarioJsonNode airframeNode = v.Required("airframe");
            string airframeName = airframeNode.String();
            AirframeDefinition airframe = ReadAirframe(airframeNode, airframeName, readCompanion);
            GeodeticPosition home = v.Optional("home") is { } h ? ReadHome(h) : OffsetEast(plannedHome, 5.0 * vehicles.Count);
            ulong? seed = v.Optional("seed")?.UnsignedInteger();
            ulong? sensorSeed = v.Optional("sensorSeed")?.UnsignedInteger();
            SensorErrors? sensorErrors = v.Optional("sensorErrors") is { } e ? SensorErrorsReader.Read(e) : null;
            vehicles.Add(new ScenarioVehicle(systemId, airframeName, airframe, home, seed, sensorSeed) { SensorErrors = sensorErrors });
        }

        if (vehicles.Count is 0 or > 64)
        {
            throw node.Fail(string.Create(CultureInfo.InvariantCulture, $"expected 1..64 vehicles, got {vehicles.Count}"));
        }

        return vehicles;
    }

    private static AirframeDefinition ReadAirframe(ScenarioJsonNode node, string name, Func<string, string?> readCompanion)
    {
        try
        {
            if (AirframeLoader.BuiltInNames.Contains(name, StringComparer.Ordinal))
            {
                return AirframeLoader.LoadBuiltIn(name);
            }

            string text = readCompanion(name) ?? throw node.Fail(
                "\"" + name + "\" is neither a built-in airframe (" + string.Join(", ", AirframeLoader.BuiltInNames) + ") nor an airframe file next to the scenario");
            return AirframeLoader.Parse(text, name);
        }
        catch (AirframeFileException e)
        {
            throw new ScenarioFileException(name, e.Field, 0, e.Problem, e);
        }
    }

    private static GeodeticPosition ReadHome(ScenarioJsonNode node)
    {
        node.ExpectObject(HomeKeys);
        return GeodeticPosition.FromDegrees(
            node.Number("latitudeDeg", -89, 89),
            node.Number("longitudeDeg", -180, 180),
            node.Number("altitudeAmslM", -400, 9000));
    }

    /// <summary>
    /// A world file (<c>sitl vehicle --world</c>): a JSON object with the keys of a scenario's <c>"world"</c>
    /// (wind, magneticField, faults), read as strictly.
    /// </summary>
    public static ScenarioWorld LoadWorld(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFileException(path, "(file)", 0, "cannot read: " + e.Message, e);
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            int cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new ScenarioFileException(path, "(json)", (int)(e.LineNumber ?? -1) + 1, "malformed JSON: " + (cut < 0 ? e.Message : e.Message[..cut]), e);
        }

        using (document)
        {
            return ReadWorld(new ScenarioJsonNode(path, JsonLineIndex.Build(utf8), string.Empty, document.RootElement));
        }
    }

    /// <summary>A point <paramref name="eastM"/> east of <paramref name="origin"/> (exact through the local frame).</summary>
    public static GeodeticPosition OffsetEast(GeodeticPosition origin, double eastM) =>
        eastM == 0 ? origin : new LocalNedFrame(origin).FromNed(new Vector3(0, eastM, 0));

    private static ScenarioWorld ReadWorld(ScenarioJsonNode node)
    {
        node.ExpectObject(WorldKeys);
        WindParameters wind = node.Optional("wind") is { } w ? ReadWind(w) : WindParameters.Calm;
        // Default and "wmm": null, the WMM2025 field at each vehicle's home (and its EKF looks the model up). An
        // object gives a fixed field; a key left out takes MagneticFieldParameters.Default's value.
        MagneticFieldParameters? field = null;
        if (node.Optional("magneticField") is { } m)
        {
            if (m.Element.ValueKind == JsonValueKind.String)
            {
                if (m.String() != "wmm")
                {
                    throw m.Fail("expected \"wmm\" or an object with declinationDeg, inclinationDeg, strengthGauss");
                }
            }
            else
            {
                m.ExpectObject(FieldKeys);
                MagneticFieldParameters fallback = MagneticFieldParameters.Default;
                field = new MagneticFieldParameters(
                    m.OptionalNumber("declinationDeg", -180, 180, fallback.DeclinationRad / DegToRad) * DegToRad,
                    m.OptionalNumber("inclinationDeg", -90, 90, fallback.InclinationRad / DegToRad) * DegToRad,
                    m.OptionalNumber("strengthGauss", 0.05, 1.0, fallback.StrengthGauss));
            }
        }

        var faults = new List<Fault>();
        if (node.Optional("faults") is { } f)
        {
            foreach (ScenarioJsonNode item in f.Items())
            {
                faults.Add(ReadFault(item));
            }
        }

        return new ScenarioWorld(wind, field, faults);
    }

    private static WindParameters ReadWind(ScenarioJsonNode node)
    {
        node.ExpectObject(WindKeys);
        Vector3 steady = Vector3.Zero;
        if (node.Optional("steadyNedMps") is { } ned)
        {
            if (node.Has("speedMps") || node.Has("fromDeg"))
            {
                throw ned.Fail("give either steadyNedMps or speedMps with fromDeg, not both");
            }

            steady = ned.Vector(-40, 40);
        }
        else if (node.Has("speedMps") || node.Has("fromDeg"))
        {
            double speed = node.Number("speedMps", 0, 40);
            double fromRad = node.Number("fromDeg", 0, 360) * DegToRad;
            steady = WindParameters.FromDirection(speed, fromRad).SteadyNedMps;
        }

        Vector3 turbulence = Vector3.Zero;
        if (node.Optional("turbulenceStdDevMps") is { } t)
        {
            turbulence = t.Element.ValueKind == JsonValueKind.Number ? new Vector3(t.Number(0, 10), t.Number(0, 10), t.Number(0, 10)) : t.Vector(0, 10);
        }

        return new WindParameters(
            steady,
            turbulence,
            node.OptionalNumber("turbulenceCorrelationTimeS", 0.01, 1000, 2.0),
            node.OptionalNumber("gustMaxMps", 0, 30, 0),
            node.OptionalNumber("gustMeanIntervalS", 0.1, 3600, 10),
            node.OptionalNumber("gustDurationS", 0.1, 60, 2));
    }

    private static Fault ReadFault(ScenarioJsonNode node)
    {
        node.ExpectObject(FaultKeys);
        ScenarioJsonNode kindNode = node.Required("kind");
        string kind = kindNode.String();
        long startUs = (long)Math.Round(node.Number("startS", 0, 86_400) * 1e6);
        long durationUs = node.Optional("durationS") is { } d ? Math.Max(1, (long)Math.Round(d.Number(0.001, 86_400) * 1e6)) : Fault.Permanent;
        switch (kind)
        {
            case "gnssLoss":
                Only(node, kind, []);
                return Fault.GnssLoss(startUs, durationUs);
            case "gnssPositionJump":
                Only(node, kind, ["offsetNedM"]);
                return Fault.GnssPositionJump(startUs, durationUs, node.Required("offsetNedM").Vector(-10_000, 10_000));
            case "magInterference":
                Only(node, kind, ["fieldFrdGauss"]);
                return Fault.MagInterference(startUs, durationUs, node.Required("fieldFrdGauss").Vector(-10, 10));
            case "magRotation":
                Only(node, kind, ["rotationDeg"]);
                return Fault.MagRotation(startUs, durationUs, node.Required("rotationDeg").Vector(-180, 180) * DegToRad);
            case "motorFailure":
                Only(node, kind, ["motorIndex", "outputFraction"]);
                return Fault.MotorFailure(startUs, durationUs, node.Required("motorIndex").Integer(0, AirframeDefinition.MaxMotors - 1), node.OptionalNumber("outputFraction", 0, 1, 0));
            case "dataLinkLoss":
                Only(node, kind, []);
                return Fault.DataLinkLoss(startUs, durationUs);
            case "rcLoss":
                Only(node, kind, []);
                return Fault.RcLoss(startUs, durationUs);
            case "batteryDrop":
                Only(node, kind, ["chargeLossFraction", "voltageDropV"]);
                return Fault.BatteryDrop(startUs, durationUs, node.OptionalNumber("chargeLossFraction", 0, 1, 0), node.OptionalNumber("voltageDropV", 0, 100, 0));
            default:
                throw kindNode.Fail("unknown fault kind \"" + kind + "\"; expected gnssLoss, gnssPositionJump, magInterference, magRotation, motorFailure, batteryDrop, dataLinkLoss or rcLoss");
        }
    }

    /// <summary>Rejects the parameters of other fault kinds, so a misplaced key is not silently ignored.</summary>
    private static void Only(ScenarioJsonNode node, string kind, string[] parameters)
    {
        foreach (JsonProperty p in node.Element.EnumerateObject())
        {
            if (p.Name is not ("kind" or "startS" or "durationS") && Array.IndexOf(parameters, p.Name) < 0)
            {
                throw node.Required(p.Name).Fail("\"" + p.Name + "\" does not apply to a " + kind + " fault");
            }
        }
    }

    private static PassCriteria ReadCriteria(ScenarioJsonNode node)
    {
        node.ExpectObject(CriteriaKeys);
        LatLonDeg? landingPoint = null;
        if (node.Optional("landingPoint") is { } at)
        {
            at.ExpectObject("latitudeDeg", "longitudeDeg");
            landingPoint = new LatLonDeg(at.Number("latitudeDeg", -90, 90), at.Number("longitudeDeg", -180, 180));
        }

        FailsafeCriterion? failsafe = null;
        if (node.Optional("failsafe") is { } f)
        {
            f.ExpectObject(FailsafeCriterionKeys);
            ScenarioJsonNode kindNode = f.Required("kind");
            FailsafeKind kind = Enum.TryParse(kindNode.String(), ignoreCase: false, out FailsafeKind k) && k != FailsafeKind.None && Enum.IsDefined(k)
                ? k
                : throw kindNode.Fail("unknown failsafe kind \"" + kindNode.String() + "\"; expected one of " + string.Join(", ", Enum.GetNames<FailsafeKind>().Skip(1)));
            FlightMode? mode = null;
            if (f.Optional("mode") is { } modeNode)
            {
                mode = Enum.TryParse(modeNode.String(), ignoreCase: false, out FlightMode m) && Enum.IsDefined(m)
                    ? m
                    : throw modeNode.Fail("unknown mode \"" + modeNode.String() + "\"; expected one of " + string.Join(", ", Enum.GetNames<FlightMode>()));
            }

            failsafe = new FailsafeCriterion(kind, mode, f.Number("withinS", 0, 3600)) { NotBeforeS = f.OptionalNumber("notBeforeS", 0, 3600, 0) };
        }

        bool expectCrash = node.Optional("expectCrash") is { } c && c.Boolean();
        var optional = new HashSet<string>(StringComparer.Ordinal);
        return new PassCriteria(
            Criterion(node, PassCriteria.WaypointKey, 0.05, 10_000, optional, absent: double.NaN),
            Criterion(node, PassCriteria.LandedKey, 0.05, 10_000, optional, absent: expectCrash ? double.NaN : null),
            Criterion(node, PassCriteria.TiltKey, 1, 180, optional),
            Criterion(node, PassCriteria.EkfKey, 0.01, 10_000, optional),
            Criterion(node, PassCriteria.TimeLimitKey, 1, 86_400, optional),
            FenceRespected: node.Optional("fenceRespected") is { } fence && fence.Boolean(),
            LandingPoint: landingPoint,
            ExpectRefusal: node.Optional("expectRefusal")?.String(),
            Optional: optional)
        {
            Failsafe = failsafe,
            MaxDescentSpeedMps = node.OptionalNumber("maxDescentSpeedMps", 0.1, 100, double.NaN),
            ExpectCrash = expectCrash,
            WaypointTruthWithinAcceptance = node.Optional("waypointTruthWithinAcceptance") is { } w && w.Boolean(),
        };
    }

    /// <summary>
    /// A criterion: a plain limit (required), or <c>{ "limit": x, "optional": true }</c> / <c>{ "limit": x, "required": false }</c>;
    /// when <paramref name="absent"/> is given the key may be left out (NaN: not judged).
    /// </summary>
    private static double Criterion(ScenarioJsonNode criteria, string key, double min, double max, HashSet<string> optional, double? absent = null)
    {
        if (absent is { } fallback && !criteria.Has(key))
        {
            return fallback;
        }

        ScenarioJsonNode node = criteria.Required(key);
        if (node.Element.ValueKind != JsonValueKind.Object)
        {
            return node.Number(min, max);
        }

        node.ExpectObject("limit", "optional", "required");
        bool isOptional = node.Optional("optional") is { } o && o.Boolean();
        bool isRequired = node.Optional("required") is not { } r || r.Boolean();
        if (node.Has("optional") && node.Has("required") && isOptional == isRequired)
        {
            throw node.Fail("\"optional\" and \"required\" contradict each other; give one of them");
        }

        if (isOptional || !isRequired)
        {
            optional.Add(key);
        }

        return node.Number("limit", min, max);
    }

    private static string? ReadResource(string fileName)
    {
        using Stream? stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(ResourcePrefix + fileName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string? ReadRelative(string directory, string relative)
    {
        string path = Path.IsPathRooted(relative) ? relative : Path.Combine(directory, relative);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
