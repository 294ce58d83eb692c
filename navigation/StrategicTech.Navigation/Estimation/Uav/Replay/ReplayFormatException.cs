namespace StrategicTech.Navigation.Estimation.Uav.Replay;

/// <summary>A malformed line in a replay or reference file; the message names the file and the line.</summary>
public sealed class ReplayFormatException : FormatException
{
    public ReplayFormatException()
    {
    }

    public ReplayFormatException(string message)
        : base(message)
    {
    }

    public ReplayFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReplayFormatException(string fileName, int lineNumber, string problem)
        : base($"{fileName}:{lineNumber}: {problem}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
    }

    public string FileName { get; } = string.Empty;

    public int LineNumber { get; }
}
