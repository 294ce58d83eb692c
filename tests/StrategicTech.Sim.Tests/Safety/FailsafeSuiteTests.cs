using StrategicTech.Sim.Cli.Commands;
using StrategicTech.Sim.Scenarios;
using Xunit.Abstractions;

namespace StrategicTech.Sim.Tests.Safety;

/// <summary>The bundled failsafe suite flown in SITL (each scenario's criteria judged on truth), and <c>sitl suite</c>'s inputs.</summary>
public sealed class FailsafeSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void Bundled_failsafes_suite_holds_one_scenario_per_failsafe()
    {
        IReadOnlyList<Scenario> suite = ScenarioSuite.Load("failsafes");
        Assert.Equal(["battery_critical", "ekf_gnss_jump", "flight_time", "gcs_link_loss", "gnss_loss", "hard_impact", "hex_motor_failure", "quad_motor_crash", "quad_motor_weak"], suite.Select(s => s.Name));
        Assert.All(suite, s => Assert.NotNull(s.Criteria.Failsafe));
        Assert.Contains("failsafes", ScenarioSuite.BuiltInNames);
    }

    [Fact]
    public void Every_failsafe_scenario_passes_its_truth_criteria_with_seed_2()
    {
        var failures = new List<string>();
        foreach (Scenario scenario in ScenarioSuite.Load("failsafes"))
        {
            ScenarioResult result = ScenarioRunner.Run(scenario, new ScenarioRunOptions { Seed = 2 });
            foreach (CriterionResult c in result.Vehicles[0].Criteria)
            {
                output.WriteLine($"{scenario.Name}: [{(c.Passed ? "pass" : "FAIL")}] {c.Name} {c.Measured:F2} {c.Unit} (limit {c.Limit})");
                if (!c.Passed)
                {
                    failures.Add(scenario.Name + ": " + c.Name);
                }
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("failsafes", "0..2000")]
    [InlineData("failsafes", "3..1")]
    [InlineData("failsafes", "x")]
    [InlineData("no-such-suite", null)]
    public void Suite_with_bad_seeds_or_an_unknown_suite_exits_2_with_a_message(string suite, string? seeds)
    {
        var outText = new StringWriter();
        var errText = new StringWriter();
        Assert.Equal(2, SitlSuiteCommand.Run(suite, seeds, outText, errText));
        Assert.StartsWith("error: ", errText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Suite_of_a_folder_prints_a_table_and_exits_1_when_a_scenario_fails()
    {
        string dir = Path.Combine(Path.GetTempPath(), "suite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // hover with an impossible tilt limit: flies, lands, and fails one criterion.
            string hover = ScenarioLoaderText("hover").Replace("\"maxTiltDeg\": 20", "\"maxTiltDeg\": 1", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "a_hover.json"), hover);
            File.WriteAllText(Path.Combine(dir, "hover.plan"), ScenarioLoaderText("hover.plan"));
            var outText = new StringWriter();
            Assert.Equal(1, SitlSuiteCommand.Run(dir, "1..2", outText, new StringWriter()));
            string text = outText.ToString();
            output.WriteLine(text);
            Assert.Equal(2, text.Split('\n').Count(l => l.Contains("hover ", StringComparison.Ordinal) && l.Contains("FAIL", StringComparison.Ordinal)));
            Assert.Contains("max tilt (truth)", text, StringComparison.Ordinal);
            Assert.Contains("0/2 passed", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ScenarioLoaderText(string name)
    {
        string resource = "StrategicTech.Sim.Scenarios.Builtin." + (name.Contains('.', StringComparison.Ordinal) ? name : name + ".json");
        using Stream stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
