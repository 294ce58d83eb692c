using System.CommandLine;
using System.Globalization;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy sitl suite &lt;folder|failsafes&gt; [--seeds 1..N]</c>: flies every scenario of a folder (or a bundled
/// suite) once per seed, headless and as fast as possible, prints a table (scenario × seed, verdict, key figure,
/// wall time) and exits 1 when any run failed, like ArduPilot's autotest.
/// </summary>
public static class SitlSuiteCommand
{
    public static Command Create()
    {
        var suite = new Argument<string>("suite")
        {
            Description = "A folder of scenario JSON files, or a bundled suite: " + string.Join(", ", ScenarioSuite.BuiltInNames) + ".",
        };
        var seeds = new Option<string>("--seeds")
        {
            Description = "Seeds to fly each scenario with: N, or A..B (at most 1000 seeds); default: each scenario's own seed.",
        };
        var command = new Command("suite", "Fly a suite of scenarios across seeds; print a table; exit 1 when any fails.") { suite, seeds };
        command.SetAction(parse => Run(parse.GetValue(suite)!, parse.GetValue(seeds), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(string suiteArgument, string? seedsArgument, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ulong[]? seeds = null;
        if (seedsArgument is not null)
        {
            seeds = ParseSeeds(seedsArgument);
            if (seeds is null)
            {
                error.WriteLine("error: --seeds must be N or A..B with A <= B and at most 1000 seeds, got '" + seedsArgument + "'");
                return ExitCodes.BadInput;
            }
        }

        IReadOnlyList<Scenario> scenarios;
        try
        {
            scenarios = ScenarioSuite.Load(suiteArgument);
        }
        catch (ScenarioFileException e)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }

        output.WriteLine(Invariant($"sitl suite '{suiteArgument}': {scenarios.Count} scenario(s) × {(seeds is null ? "own seed" : seeds.Length + " seed(s)")}"));
        output.WriteLine(Invariant($"  {"scenario",-20} {"seed",5}  {"verdict",-7} {"key figure",-52} {"sim s",6} {"wall s",7}"));
        int failed = 0, runs = 0;
        double wallTotalS = 0, simTotalS = 0;
        foreach (Scenario scenario in scenarios)
        {
            foreach (ulong seed in seeds ?? [scenario.Seed])
            {
                ScenarioResult result = ScenarioRunner.Run(scenario, new ScenarioRunOptions { Seed = seed });
                runs++;
                failed += result.Passed ? 0 : 1;
                wallTotalS += result.WallClock.WallS;
                simTotalS += result.SimulatedS;
                output.WriteLine(Invariant($"  {scenario.Name,-20} {seed,5}  {(result.Passed ? "PASS" : "FAIL"),-7} {KeyFigure(result),-52} {result.SimulatedS,6:F1} {result.WallClock.WallS,7:F2}"));
            }
        }

        output.WriteLine(Invariant($"  {runs - failed}/{runs} passed; simulated {simTotalS:F0} s in {wallTotalS:F1} s wall (real-time factor {simTotalS / Math.Max(wallTotalS, 1e-9):F0}x)"));
        output.WriteLine(failed == 0 ? "result: PASS" : "result: FAIL");
        return failed == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    /// <summary>The expected failsafe's delay when there is one, else the landing distance; a failure names its first failed criterion.</summary>
    private static string KeyFigure(ScenarioResult result)
    {
        VehicleResult v = result.Vehicles[0];
        CriterionResult? failedCriterion = v.Criteria.FirstOrDefault(c => !c.Passed);
        if (failedCriterion is not null)
        {
            return Invariant($"{failedCriterion.Name}: {failedCriterion.Measured:F2} {failedCriterion.Unit}");
        }

        CriterionResult? failsafe = v.Criteria.FirstOrDefault(c => c.Name.StartsWith("failsafe ", StringComparison.Ordinal));
        string landing = v.Crashed ? "crashed, motors off" : Invariant($"landed {v.LandingDistanceFromHomeM:F1} m from home");
        return failsafe is null ? landing : Invariant($"{failsafe.Name[9..failsafe.Name.IndexOf(" after", StringComparison.Ordinal)]} in {failsafe.Measured:F1} s; {landing}");
    }

    /// <summary>N or A..B (at most 1000 seeds) as the seeds; null when malformed.</summary>
    internal static ulong[]? ParseSeeds(string text)
    {
        string[] parts = text.Split("..");
        if (parts.Length is < 1 or > 2
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong first))
        {
            return null;
        }

        ulong last = first;
        if (parts.Length == 2 && !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last))
        {
            return null;
        }

        if (last < first || last - first >= 1000)
        {
            return null;
        }

        var seeds = new ulong[(int)(last - first + 1)];
        for (int i = 0; i < seeds.Length; i++)
        {
            seeds[i] = first + (ulong)i;
        }

        return seeds;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
