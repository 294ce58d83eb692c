namespace StrategicTech.Autopilot.Parameters;

/// <summary>A parameter file could not be loaded; names the file and the 1-based line. Nothing from the file was applied.</summary>
public sealed class ParameterFileException : FormatException
{
    public ParameterFileException()
    {
    }

    public ParameterFileException(string message)
        : base(message)
    {
    }

    public ParameterFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParameterFileException(string source, int lineNumber, string message)
        : base($"{source}:{lineNumber}: {message}")
    {
        Source = source;
        LineNumber = lineNumber;
    }

    /// <summary>1-based line of the problem, 0 when it concerns the whole file.</summary>
    public int LineNumber { get; }
}
