namespace StrategicTech.Sim.Physics;

/// <summary>An airframe file that cannot be used; the message names the file, the field and the problem.</summary>
public sealed class AirframeFileException : Exception
{
    public AirframeFileException(string source, string field, string problem)
        : base($"{source}: {field}: {problem}")
    {
        Source = source;
        Field = field;
        Problem = problem;
    }

    public AirframeFileException()
    {
        Field = string.Empty;
        Problem = string.Empty;
    }

    public AirframeFileException(string message)
        : base(message)
    {
        Field = string.Empty;
        Problem = message;
    }

    public AirframeFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = string.Empty;
        Problem = message;
    }

    /// <summary>The JSON path of the offending field, e.g. <c>motors[2].positionFrdM</c>.</summary>
    public string Field { get; }

    public string Problem { get; }
}
