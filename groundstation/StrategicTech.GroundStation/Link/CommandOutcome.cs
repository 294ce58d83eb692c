namespace StrategicTech.GroundStation.Link;

/// <summary>Where a command sent from the UI stands.</summary>
public enum CommandState
{
    Pending,
    Accepted,
    Denied,
    TimedOut,
    Failed,
}

/// <summary>
/// A command the pilot sent and its COMMAND_ACK result, as the action bar shows it. Written by the link's
/// completion callback, read by the render thread: the fields are published together through <see cref="Snapshot"/>.
/// </summary>
public sealed class CommandOutcome(string name, long sentUs)
{
    private readonly Lock _lock = new();
    private CommandState _state = CommandState.Pending;
    private string _detail = string.Empty;

    public string Name { get; } = name;

    public long SentUs { get; } = sentUs;

    public (CommandState State, string Detail) Snapshot
    {
        get
        {
            lock (_lock)
            {
                return (_state, _detail);
            }
        }
    }

    public void Complete(CommandState state, string detail)
    {
        lock (_lock)
        {
            _state = state;
            _detail = detail;
        }
    }

    /// <summary>One line for the UI: "ARM: ACCEPTED", "TAKEOFF: DENIED (Denied) Takeoff denied: not armed", "LAND: TIMED OUT".</summary>
    public string Describe()
    {
        (CommandState state, string detail) = Snapshot;
        string head = state switch
        {
            CommandState.Pending => "SENT…",
            CommandState.Accepted => "ACCEPTED",
            CommandState.Denied => "DENIED",
            CommandState.TimedOut => "TIMED OUT (no COMMAND_ACK)",
            _ => "FAILED",
        };
        return detail.Length == 0 ? $"{Name}: {head}" : $"{Name}: {head} {detail}";
    }
}
