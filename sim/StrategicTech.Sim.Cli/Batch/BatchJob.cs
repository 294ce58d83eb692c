using System.Globalization;
using System.Text.Json;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// One job of a campaign: fly <see cref="Scenario"/> (a bundled name or a scenario file path that the worker can
/// read) with <see cref="Seed"/>. A result is keyed by (campaign, scenario name, seed), so a job delivered twice is
/// stored once.
/// </summary>
public sealed record BatchJob(string Campaign, string Scenario, string ScenarioName, ulong Seed, double TimeLimitS)
{
    /// <summary>The unique key of the job's result: campaign/scenario/seed.</summary>
    public string Key => Campaign + "/" + ScenarioName + "/" + Seed.ToString(CultureInfo.InvariantCulture);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, BatchJson.Options);

    /// <summary>Parses a job message; a malformed one is a <see cref="FormatException"/> naming what is wrong.</summary>
    public static BatchJob Parse(ReadOnlySpan<byte> json)
    {
        BatchJob? job;
        try
        {
            job = JsonSerializer.Deserialize<BatchJob>(json, BatchJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException("job message is not a batch job: " + e.Message, e);
        }

        if (job is null || string.IsNullOrEmpty(job.Campaign) || string.IsNullOrEmpty(job.Scenario) || string.IsNullOrEmpty(job.ScenarioName)
            || !(job.TimeLimitS > 0))
        {
            throw new FormatException("job message lacks campaign, scenario, scenarioName or a positive timeLimitS");
        }

        return job;
    }
}

/// <summary>The JSON conventions of the batch wire format (camelCase, strict numbers).</summary>
internal static class BatchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
