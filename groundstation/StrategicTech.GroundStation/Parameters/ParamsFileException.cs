namespace StrategicTech.GroundStation.Parameters;

/// <summary>A <c>.params</c> file that cannot be read: the message names the file, the line and the field.</summary>
public sealed class ParamsFileException : Exception
{
    public ParamsFileException()
    {
    }

    public ParamsFileException(string message)
        : base(message)
    {
    }

    public ParamsFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
