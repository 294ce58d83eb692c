using System.Text.Json;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>How a job ended: it ran to its verdict, exceeded the per-job time limit, or its worker died.</summary>
public static class BatchJobStatus
{
    public const string Ran = "ran";
    public const string TimedOut = "timeout";
    public const string Crashed = "crashed";
    public const string Error = "error";
}

/// <summary>
/// The stored outcome of one job. <see cref="SummaryJson"/> is the run's <c>summary.json</c>, byte for byte what
/// <c>sitl run --seed</c> writes (empty when the job did not run to its end); wall time and worker are host facts.
/// </summary>
public sealed record BatchJobResult(
    string Campaign,
    string ScenarioName,
    ulong Seed,
    string Status,
    bool Passed,
    double SimulatedS,
    double WallS,
    string Worker,
    int Deliveries,
    string OutputDirectory,
    string Message,
    string SummaryJson)
{
    public string Key => Campaign + "/" + ScenarioName + "/" + Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string ToJsonLine() => JsonSerializer.Serialize(this, BatchJson.Options);

    /// <summary>Parses one result line of a worker; null when the line is not a result.</summary>
    public static BatchJobResult? TryParse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BatchJobResult>(json, BatchJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A job that produced no verdict (time limit, crashed worker): failed, with why.</summary>
    public static BatchJobResult Failed(BatchJob job, string status, string message, double wallS, string worker) =>
        new(job.Campaign, job.ScenarioName, job.Seed, status, false, 0, wallS, worker, 1, string.Empty, message, string.Empty);
}
