using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StrategicTech.Sim.Amr;
using StrategicTech.Sim.Amr.Scenarios;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy amr run &lt;scenario&gt;</c>: runs an AMR scenario file (or a bundled one by name) — map, robot,
/// goals, people, obstacles, faults — over loopback rosbridge in lockstep and judges its pass criteria on truth.
/// Exit 0 every criterion held, 1 one failed, 2 bad input (the error names file, JSON path and line).
/// </summary>
public static class AmrRunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario JSON file, or a bundled name: " + string.Join(", ", AmrScenarioLoader.BuiltInNames) };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for summary.json and the PNG plots (default ./amr-out/<scenario>)." };
        var seed = new Option<ulong?>("--seed") { Description = "Replaces the scenario's seed." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Skip the PNG plots." };
        var command = new Command("run", "Run an AMR scenario (map, robot, goals, people, obstacles, faults, pass criteria) over loopback rosbridge.")
        {
            scenario, output, seed, noPlots,
        };
        command.SetAction(parse => RunAsync(parse.GetValue(scenario)!, parse.GetValue(output), parse.GetValue(seed), parse.GetValue(noPlots),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(string scenarioName, DirectoryInfo? outDir, ulong? seed, bool noPlots, TextWriter output, TextWriter error)
    {
        AmrScenario scenario;
        try
        {
            scenario = AmrScenarioLoader.Load(scenarioName);
        }
        catch (ScenarioFileException e)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario {scenario.Name}: {scenario.Description}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"map {scenario.MapName} {scenario.Map.Width}x{scenario.Map.Height} @ {scenario.Map.Metadata.ResolutionM} m; {scenario.Goals.Count} goals; {scenario.People.Count} people; {scenario.Obstacles.Count} obstacles; {scenario.Faults.Count} faults; loopback rosbridge, lockstep"));
        AmrScenarioResult result;
        try
        {
            result = await AmrScenarioRunner.RunAsync(scenario, seed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.CheckFailed;
        }

        AmrDemoCommand.PrintGoals(result.Run, output);
        foreach (CriterionResult c in result.Criteria)
        {
            string unit = c.Unit.Length == 0 ? string.Empty : " " + c.Unit;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(c.Counts ? (c.Passed ? "ok  " : "info") : "FAIL")} {c.Name}: {c.MeasuredText("0.###")}{unit} (limit {c.Limit.ToString("0.###", CultureInfo.InvariantCulture)}{unit})"));
        }

        string dir = (outDir ?? new DirectoryInfo(Path.Combine("amr-out", scenario.Name))).FullName;
        Directory.CreateDirectory(dir);
        string summary = Path.Combine(dir, "summary.json");
        AmrDemoCommand.WriteSummary(result.Run, summary, result.Passed, json => WriteCriteria(json, result));
        output.WriteLine("wrote " + summary);
        if (!noPlots)
        {
            foreach (string png in AmrPlots.Write(result.Run, scenario.WorldMap, dir))
            {
                output.WriteLine("wrote " + png);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"localizer {result.Run.Localizer}; fault-active time {result.FaultActiveS:F1} s; kidnaps {result.KidnapTimesS.Count}; {(result.Passed ? "PASS" : "FAIL")}"));
        return result.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static void WriteCriteria(Utf8JsonWriter json, AmrScenarioResult result)
    {
        json.WriteString("scenario", result.Scenario.Name);
        json.WriteNumber("faultActiveS", result.FaultActiveS);
        json.WriteStartArray("criteria");
        foreach (CriterionResult c in result.Criteria)
        {
            json.WriteStartObject();
            json.WriteString("key", c.Key);
            json.WriteString("name", c.Name);
            json.WriteNumber("limit", c.Limit);
            AmrDemoCommand.WriteFinite(json, "measured", c.Measured);
            json.WriteBoolean("passed", c.Passed);
            json.WriteBoolean("required", c.Required);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
