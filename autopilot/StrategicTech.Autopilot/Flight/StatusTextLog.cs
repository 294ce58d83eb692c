namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// The newest <see cref="Capacity"/> status texts, each carrying its own <see cref="StatusText.Sequence"/>. Reading
/// never allocates; a text allocates its string when created (rare events, not per tick).
/// </summary>
public sealed class StatusTextLog : SequencedLog<StatusText>
{
    public const int Capacity = 8;

    public StatusTextLog()
        : base(Capacity, missing: default)
    {
    }

    public void Add(long timeUs, StatusSeverity severity, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Append(new StatusText(Count + 1, timeUs, severity, text));
    }
}
