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

    /// <summary>The value is valid alone but the table with it breaks a cross-parameter rule (nothing changed).</summary>
    InvalidCombination,
}
