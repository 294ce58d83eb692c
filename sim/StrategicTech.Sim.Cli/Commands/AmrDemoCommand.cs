using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Navigation.Localization;
using StrategicTech.Navigation.Planning;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Amr;
using StrategicTech.Sim.Ros;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy amr demo</c>: one simulated robot served over loopback rosbridge, driven by our AMR navigator through
/// a sequence of goals (built-in warehouse with people walking, or <c>--map</c> with <c>--start</c>/<c>--goals</c>);
/// prints per-goal results, writes PNG plots and summary.json; exit 0 when every goal is reached without contact.
/// </summary>
public static class AmrDemoCommand
{
    public static Command Create()
    {
        var map = new Option<FileInfo?>("--map") { Description = "ROS map_server map.yaml (+ its PGM); default: a built-in 16 x 10 m warehouse with people walking." };
        var start = new Option<string?>("--start") { Description = "Start pose x,y,yaw (m, m, rad) in the map frame; required with --map." };
        var goals = new Option<string?>("--goals") { Description = "Goals x,y,yaw;x,y,yaw;... in order; required with --map." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for summary.json and the PNG plots.", DefaultValueFactory = _ => new DirectoryInfo("amr-demo") };
        var seed = new Option<ulong>("--seed") { Description = "Simulation noise seed.", DefaultValueFactory = _ => 1UL };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG plots." };
        var command = new Command("demo", "Drive a simulated robot through goals over loopback rosbridge with the AMR navigator.")
        {
            map, start, goals, output, seed, noPlots,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(map), parse.GetValue(start), parse.GetValue(goals), parse.GetValue(output)!, parse.GetValue(seed),
            parse.GetValue(noPlots), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? mapFile, string? startText, string? goalsText, DirectoryInfo outDir, ulong seed, bool noPlots,
        TextWriter output, TextWriter error)
    {
        OccupancyGridMap map;
        Pose2D start;
        IReadOnlyList<Pose2D> goals;
        IReadOnlyList<WalkingPerson> people = [];
        try
        {
            if (mapFile is null)
            {
                map = WarehouseMap.Create();
                start = startText is null ? AmrDemoDefaults.Start : ParsePose(startText, "--start");
                goals = goalsText is null ? AmrDemoDefaults.Goals : ParseGoals(goalsText);
                people = AmrDemoDefaults.People();
            }
            else
            {
                map = MapServerLoader.Load(mapFile.FullName);
                start = ParsePose(startText ?? throw new FormatException("--start is required with --map"), "--start");
                goals = ParseGoals(goalsText ?? throw new FormatException("--goals is required with --map"));
            }
        }
        catch (Exception e) when (e is MapFormatException or IOException or FormatException)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"map {map.Width}x{map.Height} @ {map.Metadata.ResolutionM} m; start ({start.XM:F2}, {start.YM:F2}, {start.YawRad:F2}); {goals.Count} goals; {people.Count} people; loopback rosbridge, lockstep"));
        AmrDemoResult result;
        try
        {
            result = await AmrDemoRunner.RunAsync(new AmrDemoOptions { Map = map, Start = start, Goals = goals, People = people, Seed = seed }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.CheckFailed;
        }

        PrintGoals(result, output);

        Directory.CreateDirectory(outDir.FullName);
        string summary = Path.Combine(outDir.FullName, "summary.json");
        WriteSummary(result, summary);
        output.WriteLine("wrote " + summary);
        if (!noPlots)
        {
            foreach (string png in AmrPlots.Write(result, map, outDir.FullName))
            {
                output.WriteLine("wrote " + png);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"localizer {result.Localizer}; contact steps {result.ContactSteps}; {(result.Passed ? "PASS" : "FAIL")}"));
        return result.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    /// <summary>Writes summary.json; <paramref name="extra"/> adds fields of its own (the scenario run's criteria) after "passed".</summary>
    internal static void WriteSummary(AmrDemoResult result, string path, bool? passed = null, Action<Utf8JsonWriter>? extra = null)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteBoolean("passed", passed ?? result.Passed);
        extra?.Invoke(json);
        json.WriteString("localizer", result.Localizer);
        json.WriteNumber("contactSteps", result.ContactSteps);
        json.WriteNumber("cmdVelReceived", result.CommandsReceived);
        if (result.Relocalization is { } reloc)
        {
            // Kidnap recovery's counters: detections where no kidnap happened are false alarms.
            json.WriteStartObject("relocalization");
            json.WriteNumber("kidnapDetections", reloc.Detections);
            json.WriteNumber("searches", reloc.Searches);
            json.WriteNumber("reseeds", reloc.Reseeds);
            json.WriteNumber("recoveries", reloc.Recoveries);
            json.WriteNumber("matcherLookups", reloc.MatcherLookups);
            json.WriteEndObject();
        }

        json.WriteStartArray("goals");
        foreach (AmrGoalResult g in result.Goals)
        {
            json.WriteStartObject();
            json.WriteNumber("index", g.Index + 1);
            json.WriteNumber("xM", g.Goal.XM);
            json.WriteNumber("yM", g.Goal.YM);
            json.WriteNumber("yawRad", g.Goal.YawRad);
            json.WriteString("outcome", g.Outcome);
            json.WriteBoolean("reached", g.Reached);
            json.WriteNumber("timeS", g.TimeS);
            WriteFinite(json, "plannedLengthM", g.PlannedLengthM);
            json.WriteNumber("drivenLengthM", g.DrivenLengthM);
            WriteFinite(json, "minClearanceM", g.MinClearanceM);
            json.WriteNumber("maxLocalizationErrorM", g.MaxLocalizationErrorM);
            json.WriteNumber("finalLocalizationErrorM", g.FinalLocalizationErrorM);
            json.WriteNumber("recoveries", g.Recoveries);
            json.WriteNumber("replans", g.Replans);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static void PrintGoals(AmrDemoResult result, TextWriter output)
    {
        foreach (AmrGoalResult g in result.Goals)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"goal {g.Index + 1} ({g.Goal.XM:F2}, {g.Goal.YM:F2}): {g.Outcome} in {g.TimeS:F1} s; path {g.PlannedLengthM:F2} m planned, {g.DrivenLengthM:F2} m driven; min clearance {g.MinClearanceM:F3} m; localization error max {g.MaxLocalizationErrorM:F3} m, final {g.FinalLocalizationErrorM:F3} m; recoveries {g.Recoveries}"));
        }
    }

    internal static Pose2D ParsePose(string text, string what)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
        {
            throw new FormatException($"{what}: '{text}' is not x,y,yaw");
        }

        var v = new double[3];
        for (int i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
            {
                throw new FormatException($"{what}: '{parts[i]}' in '{text}' is not a finite number");
            }
        }

        return new Pose2D(v[0], v[1], v[2]);
    }

    internal static IReadOnlyList<Pose2D> ParseGoals(string text)
    {
        string[] items = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            throw new FormatException("--goals: no goal given");
        }

        return [.. items.Select((g, i) => ParsePose(g, $"--goals item {i + 1}"))];
    }
}
