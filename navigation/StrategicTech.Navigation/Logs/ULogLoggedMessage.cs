namespace StrategicTech.Navigation.Logs;

/// <summary>Syslog-style level of a logged string ('L'/'C'); the file stores it as the ASCII digit '0'..'7'.</summary>
public enum ULogLogLevel : byte
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}

/// <summary>A logged string ('L', or tagged 'C' with <see cref="Tag"/>).</summary>
/// <param name="Level">Level; out-of-range bytes are kept as their raw value minus '0'.</param>
/// <param name="Tag">Tag of a 'C' message; null for 'L'.</param>
/// <param name="TimestampUs">Time since boot, µs.</param>
/// <param name="Text">The message text.</param>
public sealed record ULogLoggedMessage(ULogLogLevel Level, ushort? Tag, long TimestampUs, string Text);

/// <summary>A dropout ('O'): the logger lost <see cref="DurationMs"/> of data after the last sample at <see cref="AfterTimestampUs"/>.</summary>
public readonly record struct ULogDropout(long AfterTimestampUs, int DurationMs);

/// <summary>A parameter changed in flight ('P' in the data section), after the last sample at <see cref="AfterTimestampUs"/>.</summary>
public sealed record ULogParameterChange(long AfterTimestampUs, ULogValue Value);

/// <summary>Which defaults a default parameter ('Q') states: bit 0 system-wide default, bit 1 default for the current airframe configuration.</summary>
[Flags]
public enum ULogDefaultTypes : byte
{
    None = 0,
    SystemWide = 1,
    CurrentConfiguration = 2,
}

/// <summary>A default parameter value ('Q').</summary>
public sealed record ULogDefaultParameter(ULogDefaultTypes DefaultTypes, ULogValue Value);
