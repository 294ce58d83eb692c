namespace StrategicTech.Autopilot.Parameters;

/// <summary>Outcome of <see cref="ParameterStore.TrySet(int, double)"/>; no exceptions or strings on the refusing path.</summary>
public enum ParameterSetResult
{
    Accepted,
    Unchanged,
    UnknownName,
    NotFinite,
    NotWholeNumber,
    OutOfRange,
}
