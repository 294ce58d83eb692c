namespace StrategicTech.Autopilot.Parameters;

/// <summary>A parameter operation was refused: unknown name, value out of range, wrong type. Names the parameter.</summary>
public sealed class ParameterException : Exception
{
    public ParameterException()
    {
    }

    public ParameterException(string message)
        : base(message)
    {
    }

    public ParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParameterException(string parameterName, string message)
        : base($"parameter {parameterName}: {message}") => ParameterName = parameterName;

    public string? ParameterName { get; }
}
