namespace StrategicTech.Navigation.Missions;

/// <summary>
/// A mission file that cannot be read: names the file, where (JSON path or "line N"), the field and the problem,
/// e.g. <c>qgc.plan: mission.items[3].params: expected 7 numbers</c>.
/// </summary>
public sealed class MissionFileException : FormatException
{
    public MissionFileException()
    {
        SourceName = string.Empty;
        Location = string.Empty;
        Problem = string.Empty;
    }

    public MissionFileException(string message)
        : base(message)
    {
        SourceName = string.Empty;
        Location = string.Empty;
        Problem = message;
    }

    public MissionFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
        Location = string.Empty;
        Problem = message;
    }

    public MissionFileException(string sourceName, string location, string problem, Exception? innerException = null)
        : base($"{sourceName}: {location}: {problem}", innerException)
    {
        SourceName = sourceName;
        Location = location;
        Problem = problem;
    }

    /// <summary>File name (or a caller-given label for in-memory text).</summary>
    public string SourceName { get; }

    /// <summary>JSON path (<c>mission.items[3].params</c>) or <c>line 7, field lat</c>.</summary>
    public string Location { get; }

    public string Problem { get; }
}
