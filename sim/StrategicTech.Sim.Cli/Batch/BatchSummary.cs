using System.Text.Json;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>One criterion of one scenario across the campaign's seeds.</summary>
public sealed record CriterionSummary(string ScenarioName, string Criterion, string Unit, double Limit, int Runs, int Passed, double WorstMeasured, ulong WorstSeed)
{
    public double PassRate => Runs == 0 ? 0 : (double)Passed / Runs;
}

/// <summary>
/// What a campaign's results say: per scenario and criterion the pass rate and the worst measured value with its
/// seed (the largest value among failing runs when any failed, else the largest overall — every limit is an upper
/// bound except the refusal check, whose failing value 0 is then the worst), and the failing jobs.
/// </summary>
public sealed record BatchSummary(int Jobs, int Passed, IReadOnlyList<CriterionSummary> Criteria, IReadOnlyList<BatchJobResult> Failures, double SimulatedS)
{
    public bool AllPassed => Passed == Jobs;

    public static BatchSummary Of(IReadOnlyList<BatchJobResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<(string Scenario, string Name, string Unit, double Limit, double Measured, bool Passed, ulong Seed)>();
        foreach (BatchJobResult r in results)
        {
            if (r.SummaryJson.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(r.SummaryJson);
            foreach (JsonElement vehicle in doc.RootElement.GetProperty("vehicles").EnumerateArray())
            {
                foreach (JsonElement c in vehicle.GetProperty("criteria").EnumerateArray())
                {
                    JsonElement measured = c.GetProperty("measured");
                    JsonElement limit = c.GetProperty("limit");
                    rows.Add((r.ScenarioName, c.GetProperty("name").GetString()!, c.GetProperty("unit").GetString()!,
                        limit.ValueKind == JsonValueKind.Number ? limit.GetDouble() : double.NaN,
                        measured.ValueKind == JsonValueKind.Number ? measured.GetDouble() : double.PositiveInfinity,
                        c.GetProperty("passed").GetBoolean() || !c.GetProperty("required").GetBoolean(), r.Seed));
                }
            }
        }

        var criteria = new List<CriterionSummary>();
        foreach (var group in rows.GroupBy(x => (x.Scenario, x.Name)).OrderBy(g => g.Key.Scenario, StringComparer.Ordinal))
        {
            var failing = group.Where(x => !x.Passed).ToList();
            var pool = failing.Count > 0 ? failing : group.ToList();
            var worst = pool.OrderByDescending(x => x.Measured).ThenBy(x => x.Seed).First();
            criteria.Add(new CriterionSummary(group.Key.Scenario, group.Key.Name, worst.Unit, worst.Limit, group.Count(), group.Count() - failing.Count, worst.Measured, worst.Seed));
        }

        return new BatchSummary(results.Count, results.Count(r => r.Passed), criteria,
            [.. results.Where(r => !r.Passed).OrderBy(r => r.ScenarioName, StringComparer.Ordinal).ThenBy(r => r.Seed)],
            results.Sum(r => r.SimulatedS));
    }
}
