namespace StrategicTech.Navigation.Planning;

/// <summary>
/// A map or scenario file could not be read. The message names the file, the line or field, and the offending value,
/// e.g. <c>map.yaml: resolution: expected a positive number, got 'abc'</c>.
/// </summary>
public sealed class MapFormatException : Exception
{
    public MapFormatException()
    {
    }

    public MapFormatException(string message)
        : base(message)
    {
    }

    public MapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>File name as given to the loader.</summary>
    public string FileName { get; init; } = string.Empty;

    /// <summary>1-based line number, or 0 when the error is not tied to a line.</summary>
    public int Line { get; init; }

    /// <summary>Name of the field or key at fault (may be empty).</summary>
    public string Field { get; init; } = string.Empty;

    internal static MapFormatException At(string file, int line, string field, string problem)
    {
        string where = line > 0 ? $"{Path.GetFileName(file)}:{line}" : Path.GetFileName(file);
        string what = string.IsNullOrEmpty(field) ? problem : $"{field}: {problem}";
        return new MapFormatException($"{where}: {what}") { FileName = file, Line = line, Field = field };
    }
}
