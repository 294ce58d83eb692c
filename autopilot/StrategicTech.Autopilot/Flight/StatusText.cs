namespace StrategicTech.Autopilot.Flight;

/// <summary>One announcement of the vehicle (STATUSTEXT): <paramref name="Sequence"/> counts from 1 and never repeats.</summary>
public readonly record struct StatusText(long Sequence, long TimeUs, StatusSeverity Severity, string Text);
