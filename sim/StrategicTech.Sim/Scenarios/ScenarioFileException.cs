using System.Globalization;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// A scenario (or the mission it names) that cannot be used. The message names the file, the JSON path and line,
/// and the problem, e.g. <c>demo.json: world.wind.gustMaxMps (line 14): must be within 0..30, got 45</c>.
/// </summary>
public sealed class ScenarioFileException : Exception
{
    public ScenarioFileException(string source, string field, int line, string problem, Exception? innerException = null)
        : base(Format(source, field, line, problem), innerException)
    {
        Source = source;
        Field = field;
        Line = line;
        Problem = problem;
    }

    public ScenarioFileException()
    {
        Field = string.Empty;
        Problem = string.Empty;
    }

    public ScenarioFileException(string message)
        : base(message)
    {
        Field = string.Empty;
        Problem = message;
    }

    public ScenarioFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
        Problem = message;
    }

    /// <summary>JSON path of the offending value (<c>vehicles[1].home.latitudeDeg</c>), or <c>(file)</c>/<c>(root)</c>.</summary>
    public string Field { get; }

    /// <summary>1-based line of the offending value; 0 when unknown.</summary>
    public int Line { get; }

    public string Problem { get; }

    private static string Format(string source, string field, int line, string problem) => line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{source}: {field} (line {line}): {problem}")
        : string.Create(CultureInfo.InvariantCulture, $"{source}: {field}: {problem}");
}
